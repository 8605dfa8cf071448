import { addDays, businessDate, Decimal } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { LoanDayClose } from '@lumbung/loans';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { closeAllDays, ownerRows } from '../support/eod-fixture';
import {
  approveByManagers,
  disbursedLoan,
  expectLoansReconciled,
  flatTerms,
  rollTo,
} from '../support/loan-fixture';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

/**
 * Late penalties of non-performing loans (issue 8's gap) kept off income like their interest,
 * driven day by day through the end of day and over HTTP. Two Rp3,000,000 loans at 1% flat over
 * 6 months, disbursed on 20 November 2026, charge a fixed Rp5,000 for every day an instalment is
 * overdue; neither pays its first instalment (due 20 December). A's product keeps suspended
 * interest in memorandum, C's does not. A manager grades both kurang lancar on 23 December and
 * macet on 26 December.
 */
describe('late penalties of non-performing loans', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let borrower: Saver;
  let requester: Person;
  const loans = { a: '', c: '' };

  const sql = <T>(text: string, params: unknown[] = []) => ownerRows<T>(api, text, params);

  async function closeThrough(date: string): Promise<void> {
    await rollTo(api, coop, addDays(businessDate(date), 1));
    await closeAllDays(api, coop);
  }

  /** The balance of a chart leaf by code, debit positive. */
  const balance = async (code: string) =>
    (
      await sql<{ balance: string }>(
        `SELECT b.balance::text FROM ledger_balance b
           JOIN account a ON a.cooperative_id = b.cooperative_id AND a.id = b.account_id
          WHERE b.cooperative_id = $1 AND a.code = $2`,
        [coop, code],
      )
    )[0].balance;

  /** An entry's postings as `code amount`, sorted. */
  const postingsOf = async (entryId: string) =>
    (
      await sql<{ code: string; amount: string }>(
        `SELECT a.code, p.amount::text FROM posting p
           JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
          WHERE p.cooperative_id = $1 AND p.entry_id = $2`,
        [coop, entryId],
      )
    )
      .map((p) => `${p.code} ${p.amount}`)
      .sort();

  /** A loan's penalties by the day assessed: amount, where they went, and whether posted. */
  const penalties = (loanId: string) =>
    sql<{ assessed_on: string; amount: string; held: string; posted: boolean }>(
      `SELECT assessed_on::text, amount::text, held, entry_id IS NOT NULL AS posted
         FROM loan_penalty WHERE cooperative_id = $1 AND loan_id = $2 ORDER BY assessed_on`,
      [coop, loanId],
    );

  const footprint = async () =>
    (
      await sql<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM journal_entry WHERE cooperative_id = $1) AS entries,
                (SELECT count(*)::int FROM loan_penalty WHERE cooperative_id = $1) AS penalties,
                (SELECT count(*)::int FROM loan_interest_suspension WHERE cooperative_id = $1)
                  AS suspensions`,
        [coop],
      )
    )[0];

  const downgrade = (loanId: string, grade: string) =>
    fx
      .post(
        `loans/${loanId}/grade-downgrades`,
        fx.managers[0],
        { grade, reason: 'Usaha berhenti' },
        null,
      )
      .expect(201);

  const pay = (loanId: string, amount: string) =>
    fx.post(`loans/${loanId}/repayments`, fx.teller, {
      amount,
      channel: 'savings',
      savingsAccountId: borrower.sukarela,
    });

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-DENDA');
    await fundVault(api.app, coop, '50000000.00');
    fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    requester = await api.person([{ role: 'manager', cooperativeId: coop }]);
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(fx.teller, '20000000.00').expect(201);
    borrower = await fx.saver('Peminjam');
    await fx
      .post(`savings-accounts/${borrower.sukarela}/deposits`, fx.teller, {
        amount: '1000000.00',
        currency: 'IDR',
      })
      .expect(201);
    const penalty = { basis: 'fixed', value: '5000', per: 'day', graceDays: 0 };
    const product = async (code: string, memorandumOnNonPerforming: boolean) =>
      (
        await fx.fourEyes('loan-products', {
          code,
          name: `Pinjaman ${code}`,
          currency: 'IDR',
          terms: flatTerms({ penalty, memorandumOnNonPerforming }),
        })
      ).id as string;
    const lend = async (productId: string) =>
      (
        await disbursedLoan(fx, {
          memberId: borrower.memberId,
          productId,
          amount: '3000000.00',
          instalments: 6,
          purpose: 'Modal warung',
          sector: 'trade',
        })
      ).id;
    loans.a = await lend(await product('MODAL', true));
    loans.c = await lend(await product('TANPA-MEMO', false));
  }, 300_000);

  afterAll(() => api.close());

  it('assesses penalties into income while the loans perform', async () => {
    await closeThrough('2026-12-22');
    for (const loanId of [loans.a, loans.c]) {
      expect(await penalties(loanId)).toEqual([
        { assessed_on: '2026-12-21', amount: '5000.00', held: 'receivable', posted: true },
        { assessed_on: '2026-12-22', amount: '5000.00', held: 'receivable', posted: true },
      ]);
    }
    expect(await balance('4-1103')).toBe('-20000.00');
    await expectLoansReconciled(api, coop);
  }, 300_000);

  it('takes unpaid penalties back from income into memorandum on suspension, with the interest', async () => {
    await downgrade(loans.a, 'kurang-lancar');
    await downgrade(loans.c, 'kurang-lancar');
    await closeThrough('2026-12-23');
    const events = await sql<Record<string, unknown>>(
      `SELECT loan_id, memorandum, penalty_reversed::text, entry_id IS NOT NULL AS posted
         FROM loan_interest_suspension WHERE cooperative_id = $1 AND action = 'suspend'`,
      [coop],
    );
    expect(new Map(events.map((e) => [e.loan_id, e]))).toEqual(
      new Map([
        [
          loans.a,
          { loan_id: loans.a, memorandum: true, penalty_reversed: '15000.00', posted: true },
        ],
        [loans.c, { loan_id: loans.c, memorandum: false, penalty_reversed: '0.00', posted: false }],
      ]),
    );
    // The 23rd's penalties went to income before the day's grade suspended the loans; A's three
    // days came back out with its interest, C's stay on the receivable as its interest does.
    const [entry] = await sql<{ id: string }>(
      `SELECT id FROM journal_entry
        WHERE cooperative_id = $1 AND source_type = 'loans.interest-suspension'`,
      [coop],
    );
    expect(await postingsOf(entry.id)).toEqual(
      expect.arrayContaining(['1-16-MODAL -15000.00', '4-1103 15000.00']),
    );
    expect(await balance('4-1103')).toBe('-15000.00');
    await expectLoansReconciled(api, coop);
  }, 300_000);

  it('keeps penalties assessed while suspended off income: in memorandum, or off the books without it', async () => {
    const memorandumBefore = await balance('9-1101');
    await closeThrough('2026-12-25');
    const since = (rows: Awaited<ReturnType<typeof penalties>>) =>
      rows.filter((p) => p.assessed_on > '2026-12-23');
    expect(since(await penalties(loans.a))).toEqual([
      { assessed_on: '2026-12-24', amount: '5000.00', held: 'memorandum', posted: true },
      { assessed_on: '2026-12-25', amount: '5000.00', held: 'memorandum', posted: true },
    ]);
    expect(since(await penalties(loans.c))).toEqual([
      { assessed_on: '2026-12-24', amount: '5000.00', held: 'off-books', posted: false },
      { assessed_on: '2026-12-25', amount: '5000.00', held: 'off-books', posted: false },
    ]);
    expect(await balance('4-1103')).toBe('-15000.00');
    const [entry] = await sql<{ id: string; value_date: string }>(
      `SELECT id, value_date::text FROM journal_entry
        WHERE cooperative_id = $1 AND source_type = 'loans.penalty.suspended'
        ORDER BY value_date LIMIT 1`,
      [coop],
    );
    expect(entry.value_date).toBe('2026-12-24');
    expect(await postingsOf(entry.id)).toEqual(['9-1101 5000.00', '9-9101 -5000.00']);
    // Two days of A's penalties and of its suspended interest joined memorandum: days 4 and 5
    // of the second period, R(30,000 x 5/31) - R(30,000 x 3/31).
    expect(new Decimal(await balance('9-1101')).minus(memorandumBefore).toFixed(2)).toBe(
      '11935.48',
    );
    await expectLoansReconciled(api, coop);
  }, 300_000);

  it('changes nothing when a suspended day runs again', async () => {
    const before = await footprint();
    const ids = Object.values(loans).sort();
    await api.app.get(TransactionScope).run(async (tx) => {
      await api.app
        .get(LoanDayClose)
        .close(tx, coop, businessDate('2026-12-24'), { fromId: ids[0], toId: ids[1] });
    });
    expect(await footprint()).toEqual(before);
  });

  it('takes penalties received as income when received: from memorandum, the receivable, or off the books', async () => {
    // Five days of Rp5,000 are due on each loan; penalties come first in the allocation.
    const a = (await pay(loans.a, '25000.00').expect(201)).body;
    expect(a.allocated).toMatchObject({ penalty: '25000.00', interest: '0.00' });
    const c = (await pay(loans.c, '25000.00').expect(201)).body;
    const receipts = await sql<Record<string, string>>(
      `SELECT repayment_id, penalty_memorandum::text, penalty_cash::text
         FROM loan_interest_receipt WHERE repayment_id = ANY ($1::uuid[])`,
      [[a.repaymentId, c.repaymentId]],
    );
    expect(new Map(receipts.map((r) => [r.repayment_id, r]))).toEqual(
      new Map([
        [
          a.repaymentId,
          { repayment_id: a.repaymentId, penalty_memorandum: '25000.00', penalty_cash: '0.00' },
        ],
        [
          c.repaymentId,
          { repayment_id: c.repaymentId, penalty_memorandum: '0.00', penalty_cash: '10000.00' },
        ],
      ]),
    );
    expect(await postingsOf(a.entryId)).toEqual(
      expect.arrayContaining(['4-1103 -25000.00', '9-1101 -25000.00', '9-9101 25000.00']),
    );
    expect((await postingsOf(a.entryId)).some((p) => p.startsWith('1-16-'))).toBe(false);
    expect(await postingsOf(c.entryId)).toEqual(
      expect.arrayContaining(['1-16-TANPA-MEMO -15000.00', '4-1103 -10000.00']),
    );
    expect(await balance('4-1103')).toBe('-50000.00');
    await expectLoansReconciled(api, coop);
  });

  it('writes off unpaid penalties from memorandum and off the books into the claim', async () => {
    await downgrade(loans.a, 'macet');
    await downgrade(loans.c, 'macet');
    await closeThrough('2026-12-26');
    const writeOff = async (loanId: string) => {
      const asked = await fx
        .post(`loans/${loanId}/write-off`, requester, { reason: 'Macet, tidak tertagih' }, null)
        .expect(202);
      await approveByManagers(fx, asked.body.id);
      return (
        await sql<Record<string, string>>(
          `SELECT penalty_reversed::text, penalty_memorandum_closed::text,
                  penalty_off_books::text, entry_id
             FROM loan_write_off WHERE cooperative_id = $1 AND loan_id = $2`,
          [coop, loanId],
        )
      )[0];
    };
    // The 26th's penalty is all either loan owes of penalties after the repayments.
    const a = await writeOff(loans.a);
    expect(a).toMatchObject({
      penalty_reversed: '0.00',
      penalty_memorandum_closed: '5000.00',
      penalty_off_books: '0.00',
    });
    const c = await writeOff(loans.c);
    expect(c).toMatchObject({
      penalty_reversed: '0.00',
      penalty_memorandum_closed: '0.00',
      penalty_off_books: '5000.00',
    });
    expect((await postingsOf(a.entry_id)).some((p) => p.startsWith('4-1103'))).toBe(false);
    expect(await balance('4-1103')).toBe('-50000.00');
    expect(await balance('9-1101')).toBe('0.00');
    await expectLoansReconciled(api, coop);
  }, 300_000);
});
