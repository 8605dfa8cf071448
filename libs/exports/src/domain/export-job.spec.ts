import { ChunkCutter } from './export-job';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('chunk cutter', () => {
  it('cuts any run of writes into chunks of the size, the bytes in order', () => {
    const cutter = new ChunkCutter(3);
    const chunks = [
      ...cutter.add(bytes(1)),
      ...cutter.add(bytes(2, 3, 4, 5, 6, 7, 8)),
      ...cutter.add(bytes()),
      ...cutter.add(bytes(9)),
      ...cutter.rest(),
    ];
    expect(chunks.map((c) => [...c])).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(cutter.rest()).toEqual([]);
  });

  it('keeps a short last chunk', () => {
    const cutter = new ChunkCutter(4);
    expect(cutter.add(bytes(1, 2, 3, 4, 5))).toHaveLength(1);
    expect(cutter.rest().map((c) => [...c])).toEqual([[5]]);
  });

  it('copies what it holds: the writer may reuse its buffer', () => {
    const cutter = new ChunkCutter(2);
    const buffer = bytes(1);
    cutter.add(buffer);
    buffer[0] = 9;
    expect([...cutter.add(bytes(2))[0]]).toEqual([1, 2]);
  });
});
