import { idRanges, planChunks } from './chunks';

describe('cutting an end of day into chunks', () => {
  it('cuts ordered ids into inclusive ranges of at most the size', () => {
    expect(idRanges(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([
      { fromId: 'a', toId: 'b' },
      { fromId: 'c', toId: 'd' },
      { fromId: 'e', toId: 'e' },
    ]);
    expect(idRanges([], 2)).toEqual([]);
    expect(() => idRanges(['a'], 0)).toThrow(RangeError);
  });

  it('always has the cooperative-wide chunk first', () => {
    expect(planChunks([], [], 10)).toEqual([{ kind: 'cooperative' }]);
    expect(planChunks(['l1', 'l2', 'l3'], ['s1'], 2)).toEqual([
      { kind: 'cooperative' },
      { kind: 'loans', fromId: 'l1', toId: 'l2' },
      { kind: 'loans', fromId: 'l3', toId: 'l3' },
      { kind: 'savings', fromId: 's1', toId: 's1' },
    ]);
  });
});
