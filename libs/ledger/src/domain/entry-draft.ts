import {
  type BusinessDate,
  type Decimal,
  type FieldProblem,
  InvalidInputError,
  isUuid,
  Money,
} from '@lumbung/core';
import type { CounterpartyClass } from './account-class';

export interface Dimensions {
  readonly agreementId?: string;
  readonly program?: string;
  readonly sector?: string;
  readonly commodity?: string;
  readonly region?: string;
}

/** One line of an entry. Debits are positive, credits negative. */
export interface PostingDraft {
  readonly accountId: string;
  readonly amount: Money;
  /** Required when the amount is not in the cooperative's functional currency. */
  readonly functional?: {
    readonly amount: Money;
    readonly fxRate: Decimal;
    readonly fxRateId?: string;
  };
  readonly counterpartyClass?: CounterpartyClass;
  readonly dimensions?: Dimensions;
  readonly memo?: string;
}

export interface EntryDraft {
  readonly description: string;
  readonly source: { readonly type: string; readonly id?: string };
  /** Defaults to the business date; earlier only for end-of-day runs and approved corrections. */
  readonly valueDate?: BusinessDate;
  /** The entry posts at most once per key and cooperative. */
  readonly idempotencyKey?: string;
  readonly voucherSeries?: string;
  readonly recordedBy?: string;
  readonly reversesEntryId?: string;
  readonly postings: readonly PostingDraft[];
}

const sourceTypePattern = /^[a-z][a-z0-9_.-]{0,63}$/;
const maxPostingsPerEntry = 1000;

/**
 * Checks what an entry must satisfy before any account is read: at least two non-zero lines,
 * each currency summing to zero, and functional amounts that are present exactly where the
 * currency is foreign and that also sum to zero.
 */
export function validateEntryDraft(draft: EntryDraft, functionalCurrency: string, path = ''): void {
  const problems: FieldProblem[] = [];
  const at = (field: string): string => `${path}${field}`;
  if (
    !draft.description ||
    draft.description.trim().length === 0 ||
    draft.description.length > 500
  ) {
    problems.push({ field: at('description'), message: 'must be 1 to 500 characters' });
  }
  if (!sourceTypePattern.test(draft.source.type)) {
    problems.push({ field: at('source.type'), message: 'must be a lower-case identifier' });
  }
  if (
    draft.idempotencyKey !== undefined &&
    (draft.idempotencyKey.length < 1 || draft.idempotencyKey.length > 200)
  ) {
    problems.push({ field: at('idempotencyKey'), message: 'must be 1 to 200 characters' });
  }
  if (draft.postings.length < 2) {
    problems.push({ field: at('postings'), message: 'an entry needs at least two postings' });
  }
  if (draft.postings.length > maxPostingsPerEntry) {
    problems.push({ field: at('postings'), message: `at most ${maxPostingsPerEntry} postings` });
  }
  const totals = new Map<string, Money>();
  let functionalTotal = Money.zero(functionalCurrency);
  draft.postings.forEach((posting, i) => {
    const line = at(`postings[${i}]`);
    if (!isUuid(posting.accountId)) {
      problems.push({ field: `${line}.accountId`, message: 'must be a UUID' });
    }
    if (posting.amount.isZero()) {
      problems.push({ field: `${line}.amount`, message: 'must not be zero' });
    }
    const code = posting.amount.currency.code;
    totals.set(code, (totals.get(code) ?? Money.zero(code)).plus(posting.amount));
    if (code === functionalCurrency) {
      if (posting.functional) {
        problems.push({
          field: `${line}.functional`,
          message: 'only foreign-currency postings carry a functional amount',
        });
      }
      functionalTotal = functionalTotal.plus(posting.amount);
    } else if (!posting.functional) {
      problems.push({
        field: `${line}.functional`,
        message: `needs the ${functionalCurrency} equivalent and the FX rate used`,
      });
    } else if (posting.functional.amount.currency.code !== functionalCurrency) {
      problems.push({
        field: `${line}.functional.amount`,
        message: `must be in ${functionalCurrency}`,
      });
    } else {
      if (
        !posting.functional.amount.isZero() &&
        posting.functional.amount.isNegative() !== posting.amount.isNegative()
      ) {
        problems.push({
          field: `${line}.functional.amount`,
          message: 'must have the sign of the amount',
        });
      }
      if (!posting.functional.fxRate.isFinite() || posting.functional.fxRate.lte(0)) {
        problems.push({ field: `${line}.functional.fxRate`, message: 'must be positive' });
      }
      functionalTotal = functionalTotal.plus(posting.functional.amount);
    }
    if (posting.memo !== undefined && posting.memo.length > 500) {
      problems.push({ field: `${line}.memo`, message: 'at most 500 characters' });
    }
  });
  for (const [code, total] of totals) {
    if (!total.isZero()) {
      problems.push({
        field: at('postings'),
        message: `${code} postings sum to ${total.toString()}, not zero`,
      });
    }
  }
  if (problems.length === 0 && !functionalTotal.isZero()) {
    problems.push({
      field: at('postings'),
      message: `functional amounts sum to ${functionalTotal.toString()}, not zero`,
    });
  }
  if (problems.length > 0) {
    throw new InvalidInputError('The entry is not a balanced set of postings', problems);
  }
}
