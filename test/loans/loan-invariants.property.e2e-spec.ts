import fc from 'fast-check';
import { ApiContext } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { disbursedLoan, expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { SavingsFixture } from '../support/savings-fixture';

/**
 * Money invariants as a property: a loan of a random method, amount and term, then random
 * repayments on random days (some more than is due, some less) and reversals of random earlier
 * repayments. Whatever is accepted or refused, no request fails with a 500, every entry
 * balances, the trial balance stays zero, and the loan's leaf, schedule and receivables agree
 * with its repayments.
 */

type Step =
  | { readonly kind: 'repay'; readonly days: number; readonly amountHundreds: number }
  | { readonly kind: 'reverse'; readonly days: number; readonly pick: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('repay' as const),
      days: fc.integer({ min: 0, max: 40 }),
      amountHundreds: fc.integer({ min: 10, max: 30_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('reverse' as const),
      days: fc.integer({ min: 0, max: 10 }),
      pick: fc.nat({ max: 10 }),
    }),
  },
);

const scenarioArb = fc.record({
  method: fc.constantFrom('flat', 'declining', 'annuity'),
  amountThousands: fc.integer({ min: 500, max: 20_000 }),
  instalments: fc.integer({ min: 3, max: 12 }),
  steps: fc.array(stepArb, { minLength: 2, maxLength: 7 }),
});

describe('loan money invariants under random repayments and reversals', () => {
  let api: ApiContext;
  let run = 0;

  beforeAll(async () => {
    api = await ApiContext.start();
  });

  afterAll(() => api.close());

  it('keeps every entry balanced, the trial balance zero and the loan reconciled', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        run += 1;
        const coop = await createCooperative(api.app, `KSP-PROP-${run}`);
        await fundVault(api.app, coop, '500000000.00');
        const fx = new SavingsFixture(api, coop);
        const { managers, teller } = await fx.hireStaff();
        await fx.standardProducts('pokok', 'sukarela');
        const product = await fx.fourEyes('loan-products', {
          code: 'ACAK',
          name: 'Pinjaman Acak',
          currency: 'IDR',
          terms: flatTerms({
            method: scenario.method,
            ratePer: 'year',
            rate: '0.18',
            maxRate: '0.24',
            maxTerm: 12,
            maxAmount: '20000000',
          }),
        });
        await fx.openTill(teller, '50000000.00').expect(201);
        const borrower = await fx.saver('Acak');
        await fx
          .post(`savings-accounts/${borrower.sukarela}/deposits`, teller, {
            amount: '40000000.00',
            currency: 'IDR',
          })
          .expect(201);
        const { id: loanId } = await disbursedLoan(fx, {
          memberId: borrower.memberId,
          productId: product.id,
          amount: `${scenario.amountThousands}000.00`,
          instalments: scenario.instalments,
          purpose: 'Modal kerja',
          sector: 'trade',
        });

        let date = new Date('2026-11-20T04:00:00Z');
        const repayments: string[] = [];
        for (const step of scenario.steps) {
          date = new Date(date.getTime() + step.days * 86_400_000);
          await rollTo(api, coop, date.toISOString().slice(0, 10));
          if (step.kind === 'repay') {
            const res = await fx.post(`loans/${loanId}/repayments`, teller, {
              amount: `${step.amountHundreds}00.00`,
              channel: 'savings',
              savingsAccountId: borrower.sukarela,
            });
            expect([201, 400, 422]).toContain(res.status);
            if (res.status === 201) repayments.push(res.body.repaymentId);
          } else if (repayments.length > 0) {
            const target = repayments[step.pick % repayments.length];
            const asked = await fx.post(
              `loans/${loanId}/repayments/${target}/reversal`,
              teller,
              { reason: 'Koreksi acak' },
              null,
            );
            expect([202, 400, 422]).toContain(asked.status);
            if (asked.status === 202) {
              const decided = await fx.approve(asked.body.id, managers[0]);
              expect([200, 422]).toContain(decided.status);
            }
          }
        }
        await expectLoansReconciled(api, coop);
      }),
      { numRuns: 8 },
    );
  });
});
