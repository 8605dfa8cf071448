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

  it('has the cooperative-wide chunk first, then loan and savings ranges taking turns', () => {
    expect(planChunks([], [], 10)).toEqual([{ kind: 'cooperative' }]);
    expect(planChunks(['l1', 'l2', 'l3'], ['s1'], 2)).toEqual([
      { kind: 'cooperative' },
      { kind: 'loans', fromId: 'l1', toId: 'l2' },
      { kind: 'savings', fromId: 's1', toId: 's1' },
      { kind: 'loans', fromId: 'l3', toId: 'l3' },
    ]);
    expect(planChunks(['l1'], ['s1', 's2', 's3', 's4', 's5'], 2)).toEqual([
      { kind: 'cooperative' },
      { kind: 'loans', fromId: 'l1', toId: 'l1' },
      { kind: 'savings', fromId: 's1', toId: 's2' },
      { kind: 'savings', fromId: 's3', toId: 's4' },
      { kind: 'savings', fromId: 's5', toId: 's5' },
    ]);
  });
});
