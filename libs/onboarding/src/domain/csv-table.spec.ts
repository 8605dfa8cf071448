import { readCsvTable } from './csv-table';

const columns = { required: ['code', 'amount'], optional: ['note'] };

describe('readCsvTable', () => {
  it('numbers rows as an editor shows them, skipping blank lines but counting them', () => {
    const table = readCsvTable('gl.csv', 'Code,amount\n1-1101,5\n\n1-1201,7\n', columns);
    expect(table.problems).toEqual([]);
    expect(
      table.rows.map((r) => [r.row, r.cell('code'), r.cell('amount'), r.cell('note')]),
    ).toEqual([
      [2, '1-1101', '5', ''],
      [4, '1-1201', '7', ''],
    ]);
  });

  it('reads quoted commas, quotes and line breaks, and drops a byte-order mark', () => {
    const text = '\uFEFFcode,amount,note\r\n1,5,"x, ""y"""\n2,6,"two\nlines"\n3,7,\n';
    const table = readCsvTable('gl.csv', text, columns);
    expect(table.problems).toEqual([]);
    expect(table.rows.map((r) => [r.row, r.cell('code'), r.cell('note')])).toEqual([
      [2, '1', 'x, "y"'],
      [3, '2', 'two\nlines'],
      [5, '3', ''],
    ]);
  });

  it('reports a quote never closed where its record starts', () => {
    expect(readCsvTable('gl.csv', 'code,amount\n1,"5\n', columns).problems).toEqual([
      { file: 'gl.csv', row: 2, column: null, message: 'a quoted field is never closed' },
    ]);
  });

  it('reports missing, unknown and repeated columns, and rows of another width', () => {
    const table = readCsvTable('gl.csv', 'code,cost,code\n1,2\n', columns);
    expect(table.problems).toEqual([
      { file: 'gl.csv', row: null, column: 'amount', message: 'the column is missing' },
      { file: 'gl.csv', row: null, column: 'cost', message: 'not a column of this file' },
      { file: 'gl.csv', row: null, column: 'code', message: 'the column appears twice' },
      { file: 'gl.csv', row: 2, column: null, message: 'has 2 fields, the header 3' },
    ]);
  });

  it('refuses an empty file', () => {
    expect(readCsvTable('members.csv', '', columns).problems).toEqual([
      {
        file: 'members.csv',
        row: null,
        column: null,
        message: 'the file is empty: its first line names the columns',
      },
    ]);
  });
});
