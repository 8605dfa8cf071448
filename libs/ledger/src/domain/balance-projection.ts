import type { Decimal } from '@lumbung/core';

/** A leaf's balance row as read under its lock. */
export interface LockedBalance {
  readonly accountId: string;
  readonly currency: string;
  readonly normalSign: 1 | -1;
  /** Minimum balance on the normal side; null when the account may go either way. */
  readonly floor: Decimal | null;
  readonly balance: Decimal;
  readonly version: bigint;
}

export interface ProjectedPosting {
  readonly balanceAfter: Decimal;
  readonly accountVersion: bigint;
}

export interface FloorBreach {
  readonly entryIndex: number;
  readonly accountId: string;
  readonly balance: Decimal;
  readonly floor: Decimal;
}

export interface Projection {
  /** Per accepted entry (by index), the balance and version after each of its postings. */
  readonly postings: ReadonlyMap<number, ProjectedPosting[]>;
  readonly breaches: readonly FloorBreach[];
  /** The final balance row of every account that moved. */
  readonly balances: ReadonlyMap<string, LockedBalance>;
}

/**
 * Applies entries in order to locked balances. An entry that would take an account below its
 * floor is refused whole and leaves no trace, so later entries see the balance without it:
 * floors are decided after locking, entry by entry. Only movements against the normal side are
 * held to the floor; a deposit into an account already below it is always welcome.
 */
export function projectBalances(
  locked: ReadonlyMap<string, LockedBalance>,
  entries: ReadonlyArray<{
    readonly postings: ReadonlyArray<{ readonly accountId: string; readonly amount: Decimal }>;
  }>,
): Projection {
  const current = new Map(locked);
  const postings = new Map<number, ProjectedPosting[]>();
  const breaches: FloorBreach[] = [];
  entries.forEach((entry, entryIndex) => {
    const trial = new Map<string, LockedBalance>();
    const lines: ProjectedPosting[] = [];
    let breach: FloorBreach | undefined;
    for (const posting of entry.postings) {
      const before = trial.get(posting.accountId) ?? current.get(posting.accountId);
      if (!before) throw new Error(`No locked balance for account ${posting.accountId}`);
      const after: LockedBalance = {
        ...before,
        balance: before.balance.plus(posting.amount),
        version: before.version + 1n,
      };
      trial.set(posting.accountId, after);
      lines.push({ balanceAfter: after.balance, accountVersion: after.version });
      const movesAgainstNormalSide = posting.amount.times(before.normalSign).isNegative();
      if (
        !breach &&
        before.floor !== null &&
        movesAgainstNormalSide &&
        after.balance.times(before.normalSign).lt(before.floor)
      ) {
        breach = {
          entryIndex,
          accountId: posting.accountId,
          balance: after.balance,
          floor: before.floor,
        };
      }
    }
    if (breach) {
      breaches.push(breach);
      return;
    }
    trial.forEach((balance, accountId) => current.set(accountId, balance));
    postings.set(entryIndex, lines);
  });
  const balances = new Map<string, LockedBalance>();
  current.forEach((balance, accountId) => {
    if (balance !== locked.get(accountId)) balances.set(accountId, balance);
  });
  return { postings, breaches, balances };
}
