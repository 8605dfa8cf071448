/** One printed row in a monospaced font; a PDF places rows, a layout decides what they say. */
export interface TextRow {
  readonly text: string;
  readonly bold?: boolean;
}

/** A fixed-width column of a monospaced row, in characters. */
export interface Column {
  readonly width: number;
  readonly align: 'left' | 'right';
}

export const leftColumn = (width: number): Column => ({ width, align: 'left' });
export const rightColumn = (width: number): Column => ({ width, align: 'right' });

/** Characters in a row of these columns, one space between each two. */
export function rowWidth(columns: readonly Column[]): number {
  return columns.reduce((sum, column) => sum + column.width, 0) + columns.length - 1;
}

/**
 * Fits text to a column in characters (code points, as the printer sees them): padded, or cut
 * with an ellipsis. Amounts wider than their column (cut = false) push the row rather than lose
 * digits.
 */
export function fitColumn(text: string, column: Column, cut = true): string {
  const chars = [...text.normalize('NFC')];
  if (chars.length > column.width && cut) {
    return `${chars.slice(0, column.width - 1).join('')}…`;
  }
  const padding = ' '.repeat(Math.max(0, column.width - chars.length));
  return column.align === 'left' ? chars.join('') + padding : padding + chars.join('');
}
