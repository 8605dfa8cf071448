/**
 * SpreadsheetML cells as the streaming workbooks write them: inline strings (no shared-strings
 * table to hold in memory), numbers as the decimal text they are given, style 1 bold.
 */

/** A1-style column letters, 0 -> A, 26 -> AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.trunc((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** Style 1 is bold (the package's styles). */
export function textRow(r: number, values: readonly string[], bold = false): string {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== '') xml += stringCell(`${columnName(i)}${r}`, values[i], bold);
  }
  return `${xml}</row>`;
}

export function stringCell(ref: string, value: string, bold = false): string {
  const style = bold ? ' s="1"' : '';
  const space = /^\s|\s$|[\t\n]/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
}

// eslint-disable-next-line no-control-regex
const needsEscape = /[&<>\r_\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/**
 * Cell text as SpreadsheetML holds it: `&`, `<`, `>` escaped, a carriage return as `&#13;` (an
 * XML reader would turn a raw one into a line feed), and what XML 1.0 cannot hold (control
 * characters, lone surrogates, U+FFFE, U+FFFF) as Excel's `_xHHHH_`, with a `_xHHHH_` already
 * in the text kept literal by escaping its underscore (`_x005F_`). Readers that follow the
 * standard give back the text exactly.
 */
export function xmlText(value: string): string {
  if (!needsEscape.test(value)) return value;
  return (
    value
      .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, hexEscape)
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, hexEscape)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\r/g, '&#13;')
  );
}

function hexEscape(char: string): string {
  return `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
}
