import { type BusinessDate, daysBetween, type Decimal } from '@lumbung/core';

/** A statement line not yet matched. */
export interface UnmatchedLine {
  readonly id: string;
  readonly valueDate: BusinessDate;
  readonly amount: Decimal;
  /** '' when the bank gave none. */
  readonly reference: string;
}

/** A posting to the bank leaf not yet matched, named by its account version. */
export interface UnmatchedPosting {
  readonly accountVersion: string;
  readonly valueDate: BusinessDate;
  /** Debits positive: money into the account, as on the statement. */
  readonly amount: Decimal;
  /** Where a reference may appear: the voucher (`BKK-000042`), source id, description, memo. */
  readonly references: readonly string[];
}

export interface StatementMatch {
  readonly lineId: string;
  readonly accountVersion: string;
  readonly byReference: boolean;
}

export const defaultToleranceDays = 3;
export const maxToleranceDays = 10;
/** Shorter references ("1", "TRF") would be found inside unrelated descriptions. */
const minSearchableReference = 4;

/**
 * Pairs statement lines with postings one to one: equal amounts, value dates at most
 * `toleranceDays` apart. Lines whose reference a posting carries are paired first (with the
 * closest date among those), then the rest by closest date; ties go to the earliest posting.
 * Lines are taken in date order, so the same inputs always give the same pairs.
 */
export function matchStatement(
  lines: readonly UnmatchedLine[],
  postings: readonly UnmatchedPosting[],
  toleranceDays: number,
): StatementMatch[] {
  const ordered = [...lines].sort(
    (a, b) => a.valueDate.localeCompare(b.valueDate) || a.id.localeCompare(b.id),
  );
  const free = [...postings].sort((a, b) => compareVersions(a.accountVersion, b.accountVersion));
  const taken = new Set<string>();
  const matches: StatementMatch[] = [];
  const pick = (line: UnmatchedLine, byReference: boolean): void => {
    let best: UnmatchedPosting | undefined;
    let bestDistance = Infinity;
    for (const posting of free) {
      if (taken.has(posting.accountVersion) || !posting.amount.eq(line.amount)) continue;
      const distance = Math.abs(daysBetween(line.valueDate, posting.valueDate));
      if (distance > toleranceDays || distance >= bestDistance) continue;
      if (byReference && !carriesReference(posting, line.reference)) continue;
      best = posting;
      bestDistance = distance;
    }
    if (!best) return;
    taken.add(best.accountVersion);
    matches.push({ lineId: line.id, accountVersion: best.accountVersion, byReference });
  };
  const withReference = ordered.filter((line) => line.reference !== '');
  withReference.forEach((line) => pick(line, true));
  const paired = new Set(matches.map((m) => m.lineId));
  ordered.filter((line) => !paired.has(line.id)).forEach((line) => pick(line, false));
  return matches;
}

/** Equal to a reference of the posting, or found inside one when long enough; case ignored. */
export function carriesReference(posting: Pick<UnmatchedPosting, 'references'>, reference: string) {
  const wanted = reference.trim().toLowerCase();
  if (wanted === '') return false;
  return posting.references.some((text) => {
    const candidate = text.toLowerCase();
    return (
      candidate === wanted ||
      (wanted.length >= minSearchableReference && candidate.includes(wanted))
    );
  });
}

function compareVersions(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b);
}
