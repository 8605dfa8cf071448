import { addDays, type BusinessDate, businessDate } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { EndOfDayService } from '@lumbung/end-of-day';
import { LoanProvisioning } from '@lumbung/loans';
import { ApiContext } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { closeAllDays, ownerRows } from '../support/eod-fixture';
import { disbursedLoan, expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { connectAs } from '../support/postgres';
import { noProvisionViolations, provisionViolations } from '../support/provision-invariants';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

interface Lender {
  readonly coop: string;
  readonly fx: SavingsFixture;
  readonly borrower: Saver;
  readonly productId: string;
}

interface Row {
  readonly as_of: string;
  readonly days_past_due: number;
  readonly computed_grade: string | null;
  readonly manual_grade: string | null;
  readonly grade: string | null;
  readonly principal: string;
  readonly credit: string;
  readonly required: string;
  readonly change: string;
  readonly closed: boolean;
  readonly posted: boolean;
}

/** What a row says in a line: date, days past due, grade (manual), required, change. */
const line = (r: Row) =>
  [
    r.as_of,
    r.days_past_due,
    r.closed ? 'closed' : `${r.grade}${r.manual_grade ? `(${r.manual_grade})` : ''}`,
    r.required,
    r.change,
  ].join(' ');

/** Monthly instalments of the Rp9,000,000 loans disbursed on 20 November 2026 fall on the 20th. */
const firstDue = businessDate('2026-12-20');
const dpd = (days: number): BusinessDate => addDays(firstDue, days);

/**
 * Loans aged day by day through the end of day (issue 8): days past due, grades under both
 * presets, a manager's downgrade and its approved lifting, provisions (PPAP) posted per chunk and
 * product, released at payoff; the trial balance zero and every loan leaf reconciled throughout.
 */
describe('loan quality: grades and provisions booked by the end of day', () => {
  let api: ApiContext;

  const sql = <T>(text: string, params: unknown[] = []) => ownerRows<T>(api, text, params);

  beforeAll(async () => {
    api = await ApiContext.start();
  });

  afterAll(() => api.close());

  /** A KSP on 20 November 2026 with a funded till, a borrower with Rp20,000,000 saved and a flat product. */
  async function lender(code: string, preset?: 'bank'): Promise<Lender> {
    const coop = await createCooperative(api.app, code);
    await fundVault(api.app, coop, '100000000.00');
    const fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(fx.teller, '60000000.00').expect(201);
    const borrower = await fx.saver('Peminjam');
    await fx
      .post(`savings-accounts/${borrower.sukarela}/deposits`, fx.teller, {
        amount: '20000000.00',
        currency: 'IDR',
      })
      .expect(201);
    if (preset) await fx.fourEyes('loan-collectibility', { preset });
    const product = await fx.fourEyes('loan-products', {
      code: 'MODAL',
      name: 'Pinjaman Modal',
      currency: 'IDR',
      terms: flatTerms(),
    });
    return { coop, fx, borrower, productId: product.id };
  }

  /** Rp9,000,000 over 12 months at 1% flat: Rp840,000 a month, principal Rp750,000. */
  async function lend(l: Lender, collateral: object[] = []): Promise<string> {
    const loan = await disbursedLoan(l.fx, {
      memberId: l.borrower.memberId,
      productId: l.productId,
      amount: '9000000.00',
      instalments: 12,
      purpose: 'Modal warung',
      sector: 'trade',
      collateral,
    });
    return loan.id;
  }

  /** Rolls to the day after `date` and closes every day through `date`. */
  async function closeThrough(l: Lender, date: string): Promise<void> {
    await rollTo(api, l.coop, addDays(businessDate(date), 1));
    await closeAllDays(api, l.coop);
  }

  const rowsOf = (loanId: string) =>
    sql<Row>(
      `SELECT as_of::text, days_past_due, computed_grade, manual_grade, grade,
              outstanding_principal::text AS principal, collateral_credit::text AS credit,
              required::text, change::text, closed, entry_id IS NOT NULL AS posted
         FROM loan_provision WHERE loan_id = $1 ORDER BY as_of`,
      [loanId],
    );

  const linesOf = async (loanId: string) => (await rowsOf(loanId)).map(line);

  /** The product's allowance leaf balance, credit positive. */
  const allowance = async (l: Lender) =>
    (
      await sql<{ balance: string }>(
        `SELECT (-b.balance)::text AS balance FROM loan_provision_account a
           JOIN ledger_balance b ON b.cooperative_id = a.cooperative_id
                                AND b.account_id = a.allowance_account_id
          WHERE a.cooperative_id = $1 AND a.product_id = $2`,
        [l.coop, l.productId],
      )
    )[0]?.balance;

  /** The provision entries valued on `date`: expense debited (+) or credited (-). */
  const provisionEntries = (l: Lender, date: string) =>
    sql<{ description: string; expense: string; allowance: string }>(
      `SELECT e.description, x.amount::text AS expense, y.amount::text AS allowance
         FROM journal_entry e
         JOIN posting x ON x.cooperative_id = e.cooperative_id AND x.entry_id = e.id
         JOIN account xa ON xa.cooperative_id = x.cooperative_id AND xa.id = x.account_id
                        AND xa.code = '5-1103'
         JOIN posting y ON y.cooperative_id = e.cooperative_id AND y.entry_id = e.id
         JOIN account ya ON ya.cooperative_id = y.cooperative_id AND ya.id = y.account_id
                        AND ya.code = '1-17-MODAL'
        WHERE e.cooperative_id = $1 AND e.source_type = 'loans.provision' AND e.value_date = $2`,
      [l.coop, date],
    );

  async function expectBooked(l: Lender): Promise<void> {
    await expectLoansReconciled(api, l.coop);
    await connectAs(api.db.ownerUrl, async (owner) => {
      expect(await provisionViolations(owner, l.coop)).toEqual(noProvisionViolations);
    });
  }

  /** Counts of what a rerun must not add to. */
  const footprint = async (coop: string) =>
    (
      await sql<{ rows: number; entries: number; postings: number }>(
        `SELECT (SELECT count(*)::int FROM loan_provision WHERE cooperative_id = $1) AS rows,
                (SELECT count(*)::int FROM journal_entry WHERE cooperative_id = $1) AS entries,
                (SELECT count(*)::int FROM posting WHERE cooperative_id = $1) AS postings`,
        [coop],
      )
    )[0];

  describe('under the cooperative preset (lancar, kurang lancar, diragukan, macet)', () => {
    let l: Lender;
    const loans: Record<'unpaid' | 'secured' | 'payer' | 'judged', string> = {
      unpaid: '',
      secured: '',
      payer: '',
      judged: '',
    };

    beforeAll(async () => {
      l = await lender('KSP-PPAP-KOP');
      loans.unpaid = await lend(l);
      // A motorcycle whose BPKB the cooperative holds earns half its value; equipment nothing.
      loans.secured = await lend(l, [
        {
          kind: 'vehicle',
          description: 'Sepeda motor Honda 2022',
          documentType: 'bpkb',
          documentNumber: 'BPKB-KP-0001',
          valuation: '12000000.00',
          inCustody: true,
        },
        {
          kind: 'equipment',
          description: 'Mesin jahit',
          documentType: 'invoice',
          documentNumber: 'INV-77',
          valuation: '5000000.00',
          inCustody: true,
        },
      ]);
      loans.payer = await lend(l);
      loans.judged = await lend(l);
    });

    it('books every loan lancar at 0.5% of its uncovered principal on the day it is disbursed', async () => {
      expect(await allowance(l)).toBeUndefined();
      await closeThrough(l, '2026-11-20');
      expect(await linesOf(loans.unpaid)).toEqual(['2026-11-20 0 lancar 45000.00 45000.00']);
      const [secured] = await rowsOf(loans.secured);
      expect(secured).toMatchObject({ principal: '9000000.00', credit: '6000000.00' });
      expect(line(secured)).toBe('2026-11-20 0 lancar 15000.00 15000.00');
      // One summary entry for the chunk and product: Dr 5-1103, Cr 1-17-MODAL.
      expect(await provisionEntries(l, '2026-11-20')).toEqual([
        { description: 'PPAP MODAL 2026-11-20', expense: '150000.00', allowance: '-150000.00' },
      ]);
      expect(await allowance(l)).toBe('150000.00');
      await expectBooked(l);
    });

    it('lets a manager grade a loan worse with a reason, never better, until a second manager lifts it', async () => {
      await closeThrough(l, '2026-11-24');
      expect(
        await sql(`SELECT 1 FROM loan_provision WHERE loan_id = $1`, [loans.judged]),
      ).toHaveLength(1);
      const [manager, second] = l.fx.managers;
      const downgrade = (grade: string, who = manager) =>
        l.fx.post(
          `loans/${loans.judged}/grade-downgrades`,
          who,
          { grade, reason: 'Warung tutup sejak banjir' },
          null,
        );
      const judged = (await downgrade('diragukan').expect(201)).body;
      expect(judged).toMatchObject({
        preset: 'cooperative',
        current: {
          asOf: '2026-11-25',
          daysPastDue: 0,
          computedGrade: 'lancar',
          manualGrade: 'diragukan',
          grade: 'diragukan',
        },
        booked: { asOf: '2026-11-20', grade: 'lancar' },
        manualGrades: [{ action: 'downgrade', grade: 'diragukan', decidedOn: '2026-11-25' }],
      });
      const better = await downgrade('kurang-lancar').expect(422);
      expect(better.body).toMatchObject({
        type: 'urn:lumbung:problem:grade-not-worse',
        grade: 'diragukan',
      });
      expect((await downgrade('diragukan').expect(422)).body.type).toBe(
        'urn:lumbung:problem:grade-not-worse',
      );
      // The cooperative preset has no "dalam perhatian khusus".
      expect((await downgrade('dalam-perhatian-khusus').expect(400)).body.errors).toEqual([
        { field: 'grade', message: 'lancar, kurang-lancar, diragukan, macet' },
      ]);
      await downgrade('macet', l.fx.teller).expect(403);
      await l.fx
        .post(`loans/${loans.judged}/grade-downgrades`, manager, { grade: 'macet' }, null)
        .expect(400);

      await closeThrough(l, '2026-11-25');
      expect(await linesOf(loans.judged)).toEqual([
        '2026-11-20 0 lancar 45000.00 45000.00',
        '2026-11-25 0 diragukan(diragukan) 4500000.00 4455000.00',
      ]);
      expect(await provisionEntries(l, '2026-11-25')).toEqual([
        { description: 'PPAP MODAL 2026-11-25', expense: '4455000.00', allowance: '-4455000.00' },
      ]);
      await expectBooked(l);

      // Lifting is an upgrade: a second manager approves it.
      await closeThrough(l, '2026-11-29');
      const asked = await l.fx
        .post(
          `loans/${loans.judged}/grade-downgrades/lifting`,
          manager,
          { reason: 'Warung buka lagi' },
          null,
        )
        .expect(202);
      expect(asked.body).toMatchObject({ type: 'loans.grade.lift', status: 'pending' });
      await l.fx.approve(asked.body.id, manager).expect(403);
      const lifted = (await l.fx.approve(asked.body.id, second).expect(200)).body.result;
      expect(lifted.current).toMatchObject({ manualGrade: null, grade: 'lancar' });
      expect(lifted.manualGrades.map((m: { action: string }) => m.action)).toEqual([
        'downgrade',
        'lift',
      ]);
      const none = await l.fx
        .post(`loans/${loans.judged}/grade-downgrades/lifting`, manager, { reason: 'lagi' }, null)
        .expect(422);
      expect(none.body.type).toBe('urn:lumbung:problem:no-manual-grade');
      await closeThrough(l, '2026-11-30');
      expect((await linesOf(loans.judged)).slice(2)).toEqual([
        '2026-11-30 0 lancar 45000.00 -4455000.00',
      ]);
      expect(await provisionEntries(l, '2026-11-30')).toEqual([
        { description: 'PPAP MODAL 2026-11-30', expense: '-4455000.00', allowance: '4455000.00' },
      ]);
      await expectBooked(l);
    });

    it('releases the allowance of a loan paid off, and its manual grade lapses with it', async () => {
      await closeThrough(l, '2026-12-06');
      await l.fx
        .post(
          `loans/${loans.judged}/grade-downgrades`,
          l.fx.managers[0],
          { grade: 'macet', reason: 'Peminjam pindah ke luar daerah' },
          null,
        )
        .expect(201);
      await closeThrough(l, '2026-12-09');
      await l.fx
        .post(`loans/${loans.judged}/payoff`, l.fx.teller, {
          channel: 'savings',
          savingsAccountId: l.borrower.sukarela,
        })
        .expect(201);
      await closeThrough(l, '2026-12-10');
      expect((await linesOf(loans.judged)).slice(3)).toEqual([
        '2026-12-07 0 macet(macet) 9000000.00 8955000.00',
        '2026-12-10 0 closed 0.00 -9000000.00',
      ]);
      const view = (await l.fx.get(`loans/${loans.judged}`).expect(200)).body;
      expect(view.status).toBe('closed');
      expect(view.collectibility).toMatchObject({
        current: null,
        booked: { asOf: '2026-12-10', closed: true, required: '0.00' },
      });
      await l.fx
        .post(
          `loans/${loans.judged}/grade-downgrades`,
          l.fx.managers[0],
          { grade: 'macet', reason: 'x' },
          null,
        )
        .expect(422);
      expect(await allowance(l)).toBe('105000.00');
      await expectBooked(l);
    });

    it('follows repayments: principal repaid lowers the allowance, arrears start from the oldest unpaid instalment', async () => {
      await closeThrough(l, '2026-12-19');
      const pay = () =>
        l.fx
          .post(`loans/${loans.payer}/repayments`, l.fx.teller, {
            amount: '840000.00',
            channel: 'savings',
            savingsAccountId: l.borrower.sukarela,
          })
          .expect(201);
      await pay(); // 20 December, on its due date: never past due
      await closeThrough(l, '2027-01-19');
      await pay();
      await closeThrough(l, '2027-02-21');
      expect(await linesOf(loans.payer)).toEqual([
        '2026-11-20 0 lancar 45000.00 45000.00',
        '2026-12-20 0 lancar 41250.00 -3750.00',
        '2027-01-20 0 lancar 37500.00 -3750.00',
        '2027-02-21 1 lancar 37500.00 0.00',
      ]);
      // The unpaid loan's arrears moved its oldest unpaid due date once: a row, nothing posted.
      const unpaid = await rowsOf(loans.unpaid);
      expect(unpaid.map(line)).toEqual([
        '2026-11-20 0 lancar 45000.00 45000.00',
        '2026-12-21 1 lancar 45000.00 0.00',
      ]);
      expect(unpaid[1].posted).toBe(false);
      const view = (await l.fx.get(`loans/${loans.unpaid}`).expect(200)).body;
      expect(view.collectibility.current).toMatchObject({
        asOf: '2027-02-22',
        daysPastDue: 64,
        grade: 'lancar',
      });
      await expectBooked(l);
    });

    it('grades kurang lancar from 91 days past due, diragukan from 181 and macet from 271', async () => {
      await closeThrough(l, dpd(90));
      expect(await linesOf(loans.unpaid)).toHaveLength(2);
      await closeThrough(l, dpd(91));
      expect((await linesOf(loans.unpaid)).slice(2)).toEqual([
        '2027-03-21 91 kurang-lancar 900000.00 855000.00',
      ]);
      // 10% of what the motorcycle does not cover: 3,000,000.
      expect((await linesOf(loans.secured)).slice(2)).toEqual([
        '2027-03-21 91 kurang-lancar 300000.00 285000.00',
      ]);
      expect(await provisionEntries(l, '2027-03-21')).toEqual([
        { description: 'PPAP MODAL 2027-03-21', expense: '1140000.00', allowance: '-1140000.00' },
      ]);
      await expectBooked(l);

      // Behind since 20 February, the payer reaches 91 days on 22 May.
      await closeThrough(l, dpd(180));
      expect((await linesOf(loans.payer)).slice(4)).toEqual([
        '2027-05-22 91 kurang-lancar 750000.00 712500.00',
      ]);
      expect(await linesOf(loans.unpaid)).toHaveLength(3);
      await closeThrough(l, dpd(181));
      expect((await linesOf(loans.unpaid)).slice(3)).toEqual([
        '2027-06-19 181 diragukan 4500000.00 3600000.00',
      ]);
      expect((await linesOf(loans.secured)).slice(3)).toEqual([
        '2027-06-19 181 diragukan 1500000.00 1200000.00',
      ]);
      await expectBooked(l);

      await closeThrough(l, dpd(270));
      expect(await linesOf(loans.unpaid)).toHaveLength(4);
      await closeThrough(l, dpd(271));
      expect((await linesOf(loans.unpaid)).slice(4)).toEqual([
        '2027-09-17 271 macet 9000000.00 4500000.00',
      ]);
      expect((await linesOf(loans.secured)).slice(4)).toEqual([
        '2027-09-17 271 macet 3000000.00 1500000.00',
      ]);
      expect((await linesOf(loans.payer)).slice(5)).toEqual([
        '2027-08-20 181 diragukan 3750000.00 3000000.00',
      ]);
      expect(await allowance(l)).toBe('15750000.00');
      const view = (await l.fx.get(`loans/${loans.unpaid}`).expect(200)).body;
      expect(view.collectibility.booked).toMatchObject({
        asOf: '2027-09-17',
        daysPastDue: 271,
        grade: 'macet',
        outstandingPrincipal: '9000000.00',
        rate: '1',
        required: '9000000.00',
      });
      await expectBooked(l);
    }, 900_000);

    it('sums grades and allowances as booked through any closed day', async () => {
      const [manager] = l.fx.managers;
      const summary = (asOf: string) =>
        l.fx.get(`loan-provisions?asOf=${asOf}`, manager).expect(200);
      expect((await summary(dpd(271))).body).toEqual({
        asOf: '2027-09-17',
        currency: 'IDR',
        grades: [
          {
            grade: 'diragukan',
            loans: 1,
            outstandingPrincipal: '7500000.00',
            collateralCredit: '0.00',
            required: '3750000.00',
          },
          {
            grade: 'macet',
            loans: 2,
            outstandingPrincipal: '18000000.00',
            collateralCredit: '6000000.00',
            required: '12000000.00',
          },
        ],
        total: {
          loans: 3,
          outstandingPrincipal: '25500000.00',
          collateralCredit: '6000000.00',
          required: '15750000.00',
        },
        products: [
          {
            productCode: 'MODAL',
            accountCode: '1-17-MODAL',
            required: '15750000.00',
            booked: '15750000.00',
          },
        ],
      });
      const march = (await summary(dpd(91))).body;
      expect(march.grades.map((g: { grade: string; loans: number }) => [g.grade, g.loans])).toEqual(
        [
          ['lancar', 1],
          ['kurang-lancar', 2],
        ],
      );
      expect(march.products[0]).toMatchObject({ required: '1237500.00', booked: '1237500.00' });
      // Before the payoff the paid-off loan still counts, macet by its manager.
      const december = (await summary('2026-12-09')).body;
      expect(december.total).toMatchObject({ loans: 4, required: '9105000.00' });
      await l.fx.get(`loan-provisions?asOf=${dpd(272)}`, manager).expect(400);
      await l.fx.get('loan-provisions?asOf=2027-02-30', manager).expect(400);
      await l.fx.get('loan-provisions', l.fx.teller).expect(403);
    });

    it('changes nothing when the same date runs again', async () => {
      const before = await footprint(l.coop);
      const eod = api.app.get(EndOfDayService);
      const chunks = await sql<{ chunk_no: number }>(
        `SELECT chunk_no FROM eod_chunk WHERE cooperative_id = $1 AND business_date = $2`,
        [l.coop, dpd(271)],
      );
      for (const { chunk_no } of chunks) {
        expect(await eod.runChunk(l.coop, dpd(271), chunk_no)).toEqual({ runComplete: true });
      }
      const ids = Object.values(loans).sort();
      await api.app.get(TransactionScope).run(async (tx) => {
        const provisioning = api.app.get(LoanProvisioning);
        const range = { fromId: ids[0], toId: ids[ids.length - 1] };
        for (const date of [dpd(271), dpd(181), businessDate('2026-12-10')]) {
          expect(await provisioning.closeRange(tx, l.coop, date, range)).toMatchObject({
            booked: 0,
          });
        }
        expect(await provisioning.releaseClosed(tx, l.coop, businessDate('2026-12-10'))).toEqual({
          released: 0,
        });
      });
      expect(await footprint(l.coop)).toEqual(before);
      await expectBooked(l);
    });
  });

  describe('under the bank preset (with dalam perhatian khusus)', () => {
    let l: Lender;
    let unpaid: string;
    let covered: string;

    beforeAll(async () => {
      l = await lender('KSP-PPAP-BANK', 'bank');
      unpaid = await lend(l);
      // Land with its SHM certificate in the safe: 80% of Rp20,000,000 covers the whole loan.
      covered = await lend(l, [
        {
          kind: 'land',
          description: 'Tanah 300 m2 di Oebobo',
          documentType: 'shm',
          documentNumber: 'SHM-1234',
          valuation: '20000000.00',
          inCustody: true,
        },
      ]);
    });

    it('grades dalam perhatian khusus from one day past due, then 91, 121 and 181 days', async () => {
      expect((await l.fx.get('loan-collectibility').expect(200)).body).toMatchObject({
        preset: 'bank',
        grades: [
          { grade: 'lancar', fromDaysPastDue: 0 },
          { grade: 'dalam-perhatian-khusus', fromDaysPastDue: 1 },
          { grade: 'kurang-lancar', fromDaysPastDue: 91 },
          { grade: 'diragukan', fromDaysPastDue: 121 },
          { grade: 'macet', fromDaysPastDue: 181 },
        ],
      });
      await closeThrough(l, dpd(0));
      await closeThrough(l, dpd(1));
      await closeThrough(l, dpd(90));
      await closeThrough(l, dpd(91));
      await closeThrough(l, dpd(120));
      await closeThrough(l, dpd(121));
      await closeThrough(l, dpd(180));
      await closeThrough(l, dpd(181));
      expect(await linesOf(unpaid)).toEqual([
        '2026-11-20 0 lancar 45000.00 45000.00',
        '2026-12-21 1 dalam-perhatian-khusus 270000.00 225000.00',
        '2027-03-21 91 kurang-lancar 900000.00 630000.00',
        '2027-04-20 121 diragukan 4500000.00 3600000.00',
        '2027-06-19 181 macet 9000000.00 4500000.00',
      ]);
      const rows = await rowsOf(covered);
      expect(rows.map(line)).toEqual([
        '2026-11-20 0 lancar 0.00 0.00',
        '2026-12-21 1 dalam-perhatian-khusus 0.00 0.00',
        '2027-03-21 91 kurang-lancar 0.00 0.00',
        '2027-04-20 121 diragukan 0.00 0.00',
        '2027-06-19 181 macet 0.00 0.00',
      ]);
      expect(rows[0]).toMatchObject({ credit: '16000000.00', posted: false });
      expect(await provisionEntries(l, '2027-04-20')).toEqual([
        { description: 'PPAP MODAL 2027-04-20', expense: '3600000.00', allowance: '-3600000.00' },
      ]);
      expect(await allowance(l)).toBe('9000000.00');
      await expectBooked(l);
    }, 900_000);

    it('regrades every loan by a new preset from the end of day after its approval', async () => {
      await l.fx.fourEyes('loan-collectibility', {
        preset: 'cooperative',
        provisionRates: { lancar: '0.01', 'kurang-lancar': '0.1', diragukan: '0.4', macet: '1' },
      });
      expect((await l.fx.get('loan-collectibility').expect(200)).body).toMatchObject({
        preset: 'cooperative',
        provisionRates: { lancar: '0.01', diragukan: '0.4' },
      });
      await closeThrough(l, dpd(182));
      expect((await linesOf(unpaid)).slice(5)).toEqual([
        '2027-06-20 182 diragukan 3600000.00 -5400000.00',
      ]);
      expect(await allowance(l)).toBe('3600000.00');
      // An earlier day run again books nothing, though the setting now grades it otherwise.
      const before = await footprint(l.coop);
      const ids = [unpaid, covered].sort();
      await api.app.get(TransactionScope).run(async (tx) => {
        const range = { fromId: ids[0], toId: ids[1] };
        for (const date of [dpd(150), dpd(181)]) {
          expect(await api.app.get(LoanProvisioning).closeRange(tx, l.coop, date, range)).toEqual({
            loans: 2,
            booked: 0,
          });
        }
      });
      expect(await footprint(l.coop)).toEqual(before);
      await expectBooked(l);
    });
  });
});
