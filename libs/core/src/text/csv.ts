/** RFC 4180: a field holding a comma, a double quote or a line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 records, each ended by CRLF. */
export function csvRecords(records: readonly (readonly string[])[]): string {
  return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}

/**
 * Spreadsheets run a cell starting with `=`, `+`, `-` or `@` as a formula; free text is kept
 * inert with a leading apostrophe (OWASP's advice). Amounts and numbers are never passed
 * through it.
 */
export function inertText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
