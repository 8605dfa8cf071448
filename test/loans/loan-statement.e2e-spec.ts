import { Decimal, uuidv7 } from '@lumbung/core';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { parseCsv } from '../support/csv';
import { disbursedLoan, expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { expectSoundPdf } from '../support/pdf';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

/**
 * Rp3,000,000 at 1% a month flat over 3 months: Rp1,030,000 a month. No higher rate to ask for
 * and instalments to the rupiah (the terms' defaults).
 */
const terms = flatTerms({ maxRate: '0.01', maxTerm: 12, roundingUnit: '1' });

interface ScheduleRow {
  no: number;
  dueDate: string;
  paid: { principal: string; interest: string };
  unpaid: { principal: string; interest: string };
}

describe('a loan statement over HTTP: JSON, CSV and PDF', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let teller: Person;
  let auditor: Person;
  let outsider: Person;
  let otherCoop: string;
  let borrower: Saver;
  let loan: { id: string; loanNumber: string };
  let receipt: string;

  const statement = (query = '', person: Person = teller, loanId = loan.id) =>
    fx.get(`loans/${loanId}/statement${query}`, person);

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-STATEMENT');
    otherCoop = await createCooperative(api.app, 'KSP-STATEMENT-B');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    ({ teller } = await fx.hireStaff());
    auditor = await fx.hireAuditor();
    outsider = await api.person([{ role: 'teller', cooperativeId: otherCoop }]);
    await fx.standardProducts('pokok', 'sukarela');
    const product = await fx.fourEyes('loan-products', {
      code: 'MODAL-USAHA',
      name: 'Pinjaman Modal Usaha',
      currency: 'IDR',
      terms,
    });
    await fx.openTill(teller, '30000000.00').expect(201);

    borrower = await fx.saver('Peminjam');
    await fx
      .post(`savings-accounts/${borrower.sukarela}/deposits`, teller, {
        amount: '2000000.00',
        currency: 'IDR',
      })
      .expect(201);
    loan = await disbursedLoan(fx, {
      memberId: borrower.memberId,
      productId: product.id,
      amount: '3000000.00',
      instalments: 3,
      purpose: 'Modal warung',
      sector: 'trade',
    });

    // On time in cash, then part of the second instalment from savings.
    await rollTo(api, coop, '2026-12-20');
    const first = await fx
      .post(`loans/${loan.id}/repayments`, teller, { amount: '1030000.00', channel: 'cash' })
      .expect(201);
    receipt = first.body.receiptNumber;
    await rollTo(api, coop, '2027-01-20');
    await fx
      .post(`loans/${loan.id}/repayments`, teller, {
        amount: '500000.00',
        channel: 'savings',
        savingsAccountId: borrower.sukarela,
      })
      .expect(201);
  });

  afterEach(() => expectLoansReconciled(api, coop));

  afterAll(() => api.close());

  it('states the terms, the schedule paid and unpaid, the repayments and the principal account', async () => {
    const res = await statement().expect(200);
    expect(res.body).toMatchObject({
      cooperative: { code: 'KSP-STATEMENT' },
      member: { id: borrower.memberId, memberNumber: borrower.memberNumber },
      loan: {
        loanNumber: loan.loanNumber,
        productCode: 'MODAL-USAHA',
        principal: '3000000.00',
        rate: '0.01',
        ratePer: 'month',
        method: 'flat',
        instalments: 3,
        disbursedOn: '2026-11-20',
        status: 'active',
      },
      // The whole life by default: from the application to today.
      period: { from: '2026-11-20', to: '2027-01-20' },
      lang: 'id',
    });
    const rows = res.body.schedule.instalments as ScheduleRow[];
    expect(res.body.schedule.indicative).toBe(false);
    expect(
      rows.map((r) => [
        r.no,
        r.paid.principal,
        r.paid.interest,
        r.unpaid.principal,
        r.unpaid.interest,
      ]),
    ).toEqual([
      [1, '1000000.00', '30000.00', '0.00', '0.00'],
      [2, '470000.00', '30000.00', '530000.00', '0.00'],
      [3, '0.00', '0.00', '1000000.00', '30000.00'],
    ]);
    expect(res.body.schedule.totals).toMatchObject({
      principal: '3000000.00',
      interest: '90000.00',
      total: '3090000.00',
      paid: { total: '1530000.00' },
      unpaid: { total: '1560000.00' },
    });

    const repayments = res.body.repayments;
    expect(repayments.items).toMatchObject([
      {
        date: '2026-12-20',
        amount: '1030000.00',
        channel: 'cash',
        receiptNumber: receipt,
        allocated: { penalty: '0.00', fees: '0.00', interest: '30000.00', principal: '1000000.00' },
        prepaid: '0.00',
        reversedOn: null,
      },
      {
        date: '2027-01-20',
        amount: '500000.00',
        channel: 'savings',
        receiptNumber: null,
        allocated: { interest: '30000.00', principal: '470000.00' },
        reversedOn: null,
      },
    ]);
    expect(repayments.totals).toMatchObject({
      amount: '1530000.00',
      interest: '60000.00',
      principal: '1470000.00',
    });

    const ledger = res.body.principalLedger;
    expect(
      ledger.lines.map((l: { debit: string; credit: string; balance: string }) => [
        l.debit,
        l.credit,
        l.balance,
      ]),
    ).toEqual([
      ['3000000.00', '0.00', '3000000.00'],
      ['0.00', '1000000.00', '2000000.00'],
      ['0.00', '470000.00', '1530000.00'],
    ]);
    // Cash in and out of the till is on receipts; a repayment from savings has none.
    expect(ledger.lines.map((l: { receiptNumber: string | null }) => l.receiptNumber)).toEqual([
      expect.stringMatching(/^\d+$/),
      receipt,
      null,
    ]);
    expect(ledger.lines[0].description).toBe(`Pencairan pinjaman ${loan.loanNumber}`);
    // The principal account and the loan's own position agree.
    const live = (await fx.get(`loans/${loan.id}`).expect(200)).body;
    expect(ledger).toMatchObject({
      openingBalance: '0.00',
      closingBalance: live.position.outstandingPrincipal,
    });
  });

  it('narrows repayments and principal lines to a period, carrying the balance in', async () => {
    const res = await statement('?from=2027-01-01&to=2027-01-31&lang=en').expect(200);
    expect(res.body.period).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(res.body.repayments.items.map((r: { date: string }) => r.date)).toEqual(['2027-01-20']);
    expect(res.body.principalLedger).toMatchObject({
      openingBalance: '2000000.00',
      lines: [{ description: 'Loan repayment', credit: '470000.00' }],
      closingBalance: '1530000.00',
    });
    // The schedule is the loan's state now, whatever the period.
    expect(res.body.schedule.instalments).toHaveLength(3);
  });

  it('downloads as CSV: the schedule, then the repayments summing to the statement’s total', async () => {
    const json = (await statement().expect(200)).body;
    const res = await statement('?format=csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="loan-statement-${loan.loanNumber}-2026-11-20-2027-01-20.csv"`,
    );
    const records = parseCsv(res.text);
    const gap = records.findIndex((record) => record.length === 1 && record[0] === '');
    const [scheduleHeader, ...schedule] = records.slice(0, gap);
    const [repaymentHeader, ...repayments] = records.slice(gap + 1);
    expect(scheduleHeader.slice(0, 3)).toEqual(['Nomor Pinjaman', 'Ke', 'Jatuh Tempo']);
    expect(schedule.map((r) => [r[0], r[1], r[2], r[10]])).toEqual(
      (json.schedule.instalments as ScheduleRow[]).map((r) => [
        loan.loanNumber,
        String(r.no),
        r.dueDate,
        r.unpaid.principal,
      ]),
    );
    expect(repaymentHeader).toEqual([
      'Nomor Pinjaman',
      'Tanggal',
      'Kuitansi',
      'Melalui',
      'Jumlah',
      'Denda',
      'Biaya',
      'Jasa',
      'Pokok',
      'Pokok di Muka',
      'Dibatalkan',
    ]);
    expect(repayments.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['2026-12-20', receipt, 'Tunai'],
      ['2027-01-20', '', 'Simpanan'],
    ]);
    const sum = (column: number) =>
      repayments.reduce((total, r) => total.plus(r[column]), new Decimal(0)).toFixed(2);
    expect(sum(4)).toBe(json.repayments.totals.amount);
    expect(sum(8)).toBe(json.repayments.totals.principal);
  });

  it('prints as an A4 PDF naming the loan, in Indonesian or English', async () => {
    const res = await statement('?format=pdf').responseType('blob').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="loan-statement-/);
    const text = expectSoundPdf(res.body as Buffer);
    expect(text).toContain('/MediaBox [0 0 595 842]');
    expect(text).toContain(`(Pinjaman: ${loan.loanNumber} `);
    expect(text).toContain('(Halaman 1 dari 1) Tj');
    expect(text).toMatch(/Saldo akhir\s+Rp1\.530\.000,00\) Tj/);
    const english = await statement('?format=pdf&lang=en').responseType('blob').expect(200);
    const englishText = expectSoundPdf(english.body as Buffer);
    expect(englishText).toContain('(Page 1 of 1) Tj');
    expect(englishText).toMatch(/Closing balance\s+IDR 1,530,000\.00\) Tj/);
  });

  it('refuses bad input as problem+json naming the field, and an unknown loan with 404', async () => {
    for (const [query, field] of [
      ['?format=xlsx', 'format'],
      ['?lang=fr', 'lang'],
      ['?from=yesterday', 'from'],
      ['?to=2027-02-30', 'to'],
      ['?from=2027-01-31&to=2027-01-01', 'from'],
    ]) {
      const res = await statement(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect({ query, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({
        query,
        fields: [field],
      });
    }
    expect((await statement('', teller, uuidv7()).expect(404)).body.resource).toBe('loan');
    await statement('', teller, 'not-an-id').expect(404);
  });

  it('lets the auditor read it, and hides it from another cooperative', async () => {
    await statement('?format=csv', auditor).expect(200);
    const hidden = await statement('', outsider).expect(404);
    expect(hidden.body.resource).toBe('cooperative');
    // In the outsider's own cooperative the loan does not exist.
    await new SavingsFixture(api, otherCoop)
      .get(`loans/${loan.id}/statement`, outsider)
      .expect(404);
  });
});
