import { TransactionScope } from '@lumbung/database';
import { BusinessDayService } from '@lumbung/ledger';
import type { ApiContext } from './api-context';
import { ledgerViolations, noViolations } from './invariants';
import { loanViolations, noLoanViolations } from './loan-invariants';
import { connectAs } from './postgres';
import { noSavingsViolations, savingsViolations } from './savings-invariants';
import type { SavingsFixture } from './savings-fixture';

/**
 * The loan product terms most suites lend on: 1% a month flat (up to 1.5% asked), monthly
 * instalments over 3 to 24 months, Rp500,000 to Rp50,000,000, no fees and no penalty, instalments
 * rounded to Rp100. Rp9,000,000 over 12 months is Rp840,000 a month (DOMAIN.md).
 */
export function flatTerms(overrides: object = {}): object {
  return {
    method: 'flat',
    ratePer: 'month',
    rate: '0.01',
    maxRate: '0.015',
    frequency: { unit: 'month', every: 1 },
    minTerm: 3,
    maxTerm: 24,
    minAmount: '500000',
    maxAmount: '50000000',
    fees: [],
    penalty: null,
    roundingUnit: '100',
    ...overrides,
  };
}

/** Rolls the cooperative's business day to `date` (`YYYY-MM-DD`), as the day's close would. */
export function rollTo(api: ApiContext, cooperativeId: string, date: string) {
  return api.app
    .get(TransactionScope)
    .run((tx) =>
      api.app.get(BusinessDayService).roll(tx, cooperativeId, new Date(`${date}T04:00:00Z`)),
    );
}

/** For afterEach and between steps: the ledger, the savings and the loans must all agree. */
export async function expectLoansReconciled(api: ApiContext, cooperativeId: string): Promise<void> {
  await connectAs(api.db.ownerUrl, async (owner) => {
    expect(await ledgerViolations(owner, cooperativeId)).toEqual(noViolations);
    expect(await savingsViolations(owner, cooperativeId)).toEqual(noSavingsViolations);
    expect(await loanViolations(owner, cooperativeId)).toEqual(noLoanViolations);
  });
}

/** What the api answers to a loan application, as far as the suites read it. */
export interface AppliedLoan {
  readonly id: string;
  readonly loanNumber: string;
  readonly approvalRequestId: string;
  readonly [field: string]: unknown;
}

/** The teller enters the application (`POST loans`, no Idempotency-Key); expects it accepted. */
export async function applyForLoan(fx: SavingsFixture, application: object): Promise<AppliedLoan> {
  return (await fx.post('loans', fx.teller, application, null).expect(201)).body;
}

/** Both of the fixture's managers approve: enough for a loan to a member who is no related party. */
export async function approveByManagers(fx: SavingsFixture, approvalRequestId: string) {
  for (const manager of fx.managers) await fx.approve(approvalRequestId, manager).expect(200);
}

/**
 * A loan applied for by the teller, approved by both managers and disbursed (in cash unless
 * `disbursement` says otherwise); returns the application as the api answered it.
 */
export async function disbursedLoan(
  fx: SavingsFixture,
  application: object,
  disbursement: object = { channel: 'cash' },
): Promise<AppliedLoan> {
  const applied = await applyForLoan(fx, application);
  await approveByManagers(fx, applied.approvalRequestId);
  await fx.post(`loans/${applied.id}/disbursement`, fx.teller, disbursement).expect(201);
  return applied;
}
