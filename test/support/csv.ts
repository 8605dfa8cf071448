/** RFC 4180 back into records: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"') {
      if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (quoted || (char !== '"' && char !== ',' && char !== '\r')) {
      field += char;
    } else if (char === '"') {
      quoted = true;
    } else {
      record.push(field);
      field = '';
      if (char === '\r') {
        records.push(record);
        record = [];
        i++; // the LF of CRLF
      }
    }
  }
  return records;
}
