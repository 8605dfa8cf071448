/** What one chunk of an end of day covers: a range of ids of one kind, or the cooperative-wide steps. */
export type ChunkPlan =
  | { readonly kind: 'cooperative' }
  | { readonly kind: 'loans' | 'savings'; readonly fromId: string; readonly toId: string };

/** Ids in order cut into inclusive ranges of at most `size`: cut once, so retries see the same. */
export function idRanges(
  sortedIds: readonly string[],
  size: number,
): { fromId: string; toId: string }[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('A chunk holds at least one id');
  const ranges = [];
  for (let start = 0; start < sortedIds.length; start += size) {
    const end = Math.min(start + size, sortedIds.length) - 1;
    ranges.push({ fromId: sortedIds[start], toId: sortedIds[end] });
  }
  return ranges;
}

/** The cooperative-wide chunk first, then loans, then savings. */
export function planChunks(
  loanIds: readonly string[],
  savingsIds: readonly string[],
  size: number,
): ChunkPlan[] {
  return [
    { kind: 'cooperative' },
    ...idRanges(loanIds, size).map((range) => ({ kind: 'loans' as const, ...range })),
    ...idRanges(savingsIds, size).map((range) => ({ kind: 'savings' as const, ...range })),
  ];
}
