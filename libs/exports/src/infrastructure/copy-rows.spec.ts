import { BinaryCopyDecoder, type CopyBatch } from './copy-rows';

/** Binary COPY data as PostgreSQL sends it: header, rows of text values (null: NULL), trailer. */
function binaryCopy(rows: (string | null)[][]): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const value of row) {
      const length = Buffer.alloc(4);
      const bytes = value === null ? Buffer.alloc(0) : Buffer.from(value, 'utf8');
      length.writeInt32BE(value === null ? -1 : bytes.length);
      parts.push(length, bytes);
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

function texts(batch: CopyBatch): (string | null)[][] {
  return Array.from({ length: batch.rows }, (_, r) =>
    Array.from({ length: batch.fields }, (_, f) => batch.text(r, f)),
  );
}

describe('binary COPY decoder', () => {
  const rows = [
    ['1-1101', 'Kas Brankas', null, ''],
    ['2-1-0001', 'Tabungan "Ibu" Siti, Kupang\nbaris dua', 'member', '-150000.00'],
    ['X', 'ä ö ü 中文 🙂', null, null],
  ];
  const data = binaryCopy(rows);

  it('reads text and NULL values, empty strings apart from NULL, multi-byte UTF-8 whole', () => {
    const decoder = new BinaryCopyDecoder();
    const batch = decoder.push(data)!;
    expect(texts(batch)).toEqual(rows);
    expect(texts(batch.slice(1, 3))).toEqual(rows.slice(1));
    decoder.finish();
  });

  it('gives the same rows however the data is cut into chunks', () => {
    for (let cut = 1; cut < data.length; cut++) {
      for (const size of [cut, 3]) {
        const decoder = new BinaryCopyDecoder();
        const seen: (string | null)[][] = [];
        for (let at = 0; at < data.length; at += size) {
          const batch = decoder.push(data.subarray(at, Math.min(data.length, at + size)));
          // A batch is valid until the next push: read it now.
          if (batch) seen.push(...texts(batch));
        }
        decoder.finish();
        expect(seen).toEqual(rows);
      }
    }
  });

  it('refuses data cut short, data that is not binary COPY, and rows of different widths', () => {
    const short = new BinaryCopyDecoder();
    short.push(data.subarray(0, data.length - 5));
    expect(() => short.finish()).toThrow('ended inside a row');
    expect(() => new BinaryCopyDecoder().push(Buffer.from('1,2,3\n'.repeat(5)))).toThrow(
      'not binary COPY data',
    );
    const ragged = binaryCopy([['a'], ['b', 'c']]);
    expect(() => new BinaryCopyDecoder().push(ragged)).toThrow('rows of different widths');
  });
});
