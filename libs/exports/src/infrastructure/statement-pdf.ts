import {
  a4,
  type Column,
  courierAdvance,
  fitColumn,
  leftColumn,
  pdfDocument,
  type PdfText,
  rightColumn,
  rowWidth,
} from '@lumbung/core';
import type { StatementTable } from '../domain/statement-document';

const fontSize = 7;
const leading = 9.5;
const top = a4.height - 40;
const footerBaseline = 28;
const rowsPerPage = 78;
/** The widest table's row, so every page shares one left margin. */
const printWidth = 118;
const left = (a4.width - printWidth * courierAdvance * fontSize) / 2;
const amountWidth = 19;

/** Text columns share what the amounts leave of the row, the line label taking the most. */
function columnsOf(table: StatementTable): Column[] {
  const amounts = table.columns.filter((_, i) => table.amountColumns.has(i)).length;
  const texts = table.columns.length - amounts;
  const room = printWidth - amounts * amountWidth - (table.columns.length - 1);
  const narrow = Math.min(16, Math.trunc(room / (texts + 2)));
  const wide = room - narrow * (texts - 1);
  let widest = table.columns.findIndex((c) => c === 'line' || c === 'account' || c === 'component');
  if (widest < 0) widest = 0;
  return table.columns.map((_, i) =>
    table.amountColumns.has(i)
      ? rightColumn(amountWidth)
      : leftColumn(i === widest ? wide : narrow),
  );
}

/**
 * The statements as an A4 PDF: each statement from a new page under the cooperative's name and
 * its title, rows in Courier, totals in bold, pages numbered.
 */
export function statementsPdf(
  tables: readonly StatementTable[],
  heading: string,
  documentTitle: string,
): Buffer {
  const pages: Array<Array<{ text: string; bold?: boolean }>> = [];
  for (const table of tables) {
    const columns = columnsOf(table);
    const line = (cells: readonly string[]) =>
      cells.map((cell, i) => fitColumn(cell, columns[i], !table.amountColumns.has(i))).join(' ');
    const head = [
      { text: heading, bold: true },
      { text: table.title, bold: true },
      { text: '' },
      { text: line(table.columns), bold: true },
      { text: '-'.repeat(rowWidth(columns)) },
    ];
    let page = [...head];
    for (const row of table.rows) {
      if (page.length === rowsPerPage) {
        pages.push(page);
        page = [...head];
      }
      page.push({ text: line(row.cells), bold: row.total });
    }
    pages.push(page);
  }
  return pdfDocument(
    pages.map((rows, i) => {
      const footer = `Halaman ${i + 1} dari ${pages.length}`;
      const texts: PdfText[] = rows
        .map((row, r) => ({ x: left, y: top - r * leading, size: fontSize, ...row }))
        .filter((row) => row.text !== '');
      texts.push({
        x: (a4.width - footer.length * courierAdvance * fontSize) / 2,
        y: footerBaseline,
        size: fontSize,
        text: footer,
      });
      return { ...a4, texts };
    }),
    { title: documentTitle },
  );
}
