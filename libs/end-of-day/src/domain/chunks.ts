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

/**
 * The cooperative-wide chunk first, then loan and savings ranges taking turns. Chunks of one kind
 * post their summary entries to the same few ledger balances and wait on each other's locks;
 * the worker takes chunks in order, so taking turns mostly runs a loan chunk beside a savings
 * chunk, which share none.
 */
export function planChunks(
  loanIds: readonly string[],
  savingsIds: readonly string[],
  size: number,
): ChunkPlan[] {
  const loans = idRanges(loanIds, size).map((range) => ({ kind: 'loans' as const, ...range }));
  const savings = idRanges(savingsIds, size).map((range) => ({
    kind: 'savings' as const,
    ...range,
  }));
  const plan: ChunkPlan[] = [{ kind: 'cooperative' }];
  for (let i = 0; i < loans.length || i < savings.length; i++) {
    if (i < loans.length) plan.push(loans[i]);
    if (i < savings.length) plan.push(savings[i]);
  }
  return plan;
}
