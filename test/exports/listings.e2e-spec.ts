import { Decimal, problemTypePrefix } from '@lumbung/core';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { closeAllDays } from '../support/eod-fixture';
import { disbursedLoan, expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { parseCsv } from '../support/csv';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

/**
 * Listings for auditors (issue 11, item 3) against a seeded cooperative: member savings and loans
 * as of a closed day reconciled to the control accounts of the trial balance as of that day, the
 * cash the threshold flagged, and the audit log of a period; JSON pages, CSV and XLSX holding the
 * same rows; identity numbers in full for the auditor only; bad input refused as problem+json.
 */
describe('listings', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let auditor: Person;
  let supervisor: Person;
  let ana: Saver;
  let budi: Saver;
  let loanNumber: string;
  /** The last day closed: what the as-of listings read. */
  const asOf = '2026-11-23';
  /** Audit events carry the wall clock, not the business date: the period is today's. */
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());

  const listing = (path: string, who: Person) =>
    request(api.server).get(`/cooperatives/${coop}/listings/${path}`).set(who.auth);

  /** Every page of a JSON listing, following `next`. */
  async function allPages(path: string, who: Person): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let after = '';
    for (;;) {
      const page = (await listing(`${path}&limit=2${after}`, who).expect(200)).body;
      items.push(...page.items);
      if (page.next === null) return items;
      after = `&after=${page.next}`;
    }
  }

  /** A CSV listing as objects by its header. */
  async function csvRows(path: string, who: Person): Promise<Array<Record<string, string>>> {
    const res = await listing(path, who)
      .expect(200)
      .expect('content-type', /text\/csv/);
    const [header, ...records] = parseCsv(res.text);
    return records.map((record) => Object.fromEntries(header.map((h, i) => [h, record[i]])));
  }

  async function workbook(path: string, who: Person): Promise<ExcelJS.Workbook> {
    const res = await listing(path, who)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('content-type', /spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    return book;
  }

  /** A heading's balance in the trial balance as of the day (debit positive). */
  async function trialBalanceOf(code: string): Promise<Decimal> {
    const tb = (await fx.get(`trial-balance?asOf=${asOf}`, auditor).expect(200)).body;
    const line = tb.lines.find((l: { code: string }) => l.code === code);
    return new Decimal(line ? line.balance : 0);
  }

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-LISTINGS');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    auditor = await fx.hireAuditor();
    supervisor = await api.person([{ role: 'supervisor', cooperativeId: coop }]);
    await fx.standardProducts('pokok', 'wajib', 'sukarela');
    await fx.fourEyes('savings-settings', { tellerLimit: null, cashReportThreshold: '1000000.00' });
    await fx.openTill(fx.teller, '60000000.00').expect(201);
    const deposit = (account: string, amount: string) =>
      fx
        .post(`savings-accounts/${account}/deposits`, fx.teller, { amount, currency: 'IDR' })
        .expect(201);
    // Ana's cash of 20 November: pokok 100,000 + 600,000 + 500,000 reaches the threshold.
    ana = await fx.saver('Ana');
    await deposit(ana.sukarela, '600000.00');
    await deposit(ana.sukarela, '500000.00');
    // Half a million of it placed for three months at 6% (a transfer, not cash).
    const deposito = await fx.product('DEPOSITO-3', 'berjangka', {
      annualRate: '0.06',
      rateRange: { min: '0.05', max: '0.08' },
      termMonths: 3,
      minimumAmount: '500000',
      earlyWithdrawalPenaltyRate: '0.01',
      maturityInstruction: 'pay-to-voluntary',
    });
    await fx
      .post('time-deposits', fx.teller, {
        memberId: ana.memberId,
        productId: deposito,
        amount: '500000.00',
        currency: 'IDR',
        fromAccountId: ana.sukarela,
      })
      .expect(201);
    // Budi's 100,000 + 700,000 + two months of wajib (100,000) stays under it.
    budi = await fx.saver('Budi');
    await deposit(budi.sukarela, '700000.00');
    const wajib = await fx.account(budi.memberId, 'wajib');
    await fx
      .post(`savings-accounts/${wajib}/wajib-collections`, fx.teller, { months: 2 })
      .expect(201);
    const product = await fx.fourEyes('loan-products', {
      code: 'MODAL',
      name: 'Pinjaman Modal',
      currency: 'IDR',
      terms: flatTerms(),
    });
    loanNumber = (
      await disbursedLoan(fx, {
        memberId: ana.memberId,
        productId: product.id,
        amount: '9000000.00',
        instalments: 12,
        purpose: 'Modal usaha',
        sector: 'trade',
      })
    ).loanNumber;
    await rollTo(api, coop, '2026-11-24');
    await closeAllDays(api, coop);
    // Valued on the 24th (the till of the 20th still open): no listing as of the 23rd sees it.
    await deposit(budi.sukarela, '250000.00');
  });

  afterAll(() => api.close());

  it('lists member savings as of the day, summing to the control accounts and the payables', async () => {
    const items = await allPages(`member-savings?asOf=${asOf}`, auditor);
    // Ana: pokok, sukarela, berjangka; Budi: pokok, sukarela, wajib.
    expect(items).toHaveLength(6);
    expect(items.map((i) => i.accountNumber)).toEqual(
      [...items.map((i) => i.accountNumber as string)].sort(),
    );
    const budiSukarela = items.find(
      (i) => i.memberNumber === budi.memberNumber && i.kind === 'sukarela',
    );
    expect(budiSukarela).toMatchObject({ balance: '700000.00', memberName: budi.fullName });
    const sum = (kind: string, field: 'balance' | 'accruedInterest') =>
      items
        .filter((i) => i.kind === kind)
        .reduce(
          (total, i) => total.plus(new Decimal((i[field] as string | null) ?? 0)),
          new Decimal(0),
        );
    for (const [kind, heading] of [
      ['sukarela', '2-1'],
      ['pokok', '3-1'],
      ['wajib', '3-2'],
    ]) {
      expect(sum(kind, 'balance').toFixed(2)).toBe(
        (await trialBalanceOf(heading)).neg().toFixed(2),
      );
    }
    // Four days of 4% on 600,000 and 700,000: owed to the members, not yet credited.
    const accrued = sum('sukarela', 'accruedInterest');
    expect(accrued.gt(0)).toBe(true);
    expect(accrued.toFixed(2)).toBe((await trialBalanceOf('2-3-SUKARELA')).neg().toFixed(2));
    expect(
      items
        .filter((i) => i.kind === 'pokok' || i.kind === 'wajib')
        .every((i) => i.accruedInterest === null),
    ).toBe(true);
    const page = (await listing(`member-savings?asOf=${asOf}&limit=1`, auditor).expect(200)).body;
    expect(page.products).toEqual([
      expect.objectContaining({ productCode: 'DEPOSITO-3', accounts: 1, balance: '500000.00' }),
      expect.objectContaining({ productCode: 'POKOK', accounts: 2, balance: '200000.00' }),
      expect.objectContaining({
        productCode: 'SUKARELA',
        accounts: 2,
        accruedInterest: accrued.toFixed(2),
      }),
      expect.objectContaining({ productCode: 'WAJIB', accounts: 1, balance: '100000.00' }),
    ]);
    await expectLoansReconciled(api, coop);
  });

  it('lists a time deposit with the interest accrued on it, summing to 2-2 and its payable', async () => {
    const placements = async (day: string) =>
      (await allPages(`member-savings?asOf=${day}`, auditor)).filter((i) => i.kind === 'berjangka');
    // 500,000 at 6% for the 92 days from 20 November to 20 February: I = 7,561.64, and through
    // the end of a day k days after the start R(I*k/n) has accrued: the 23rd is k = 3.
    const [placed] = await placements(asOf);
    expect(placed).toMatchObject({
      memberNumber: ana.memberNumber,
      productCode: 'DEPOSITO-3',
      balance: '500000.00',
      accruedInterest: '246.58',
    });
    expect(placed.balance).toBe((await trialBalanceOf('2-2')).neg().toFixed(2));
    expect(placed.accruedInterest).toBe((await trialBalanceOf('2-3-DEPOSITO-3')).neg().toFixed(2));
    const page = (await listing(`member-savings?asOf=${asOf}&limit=1`, auditor).expect(200)).body;
    expect(page.products).toContainEqual(
      expect.objectContaining({
        productCode: 'DEPOSITO-3',
        kind: 'berjangka',
        accounts: 1,
        balance: '500000.00',
        accruedInterest: '246.58',
      }),
    );
    const csv = await csvRows(`member-savings?asOf=${asOf}&format=csv`, auditor);
    expect(csv.filter((r) => r.kind === 'berjangka')).toEqual([
      expect.objectContaining({ balance: '500000.00', accrued_interest: '246.58' }),
    ]);
    // One day in (k = 1), and none before it was placed.
    expect(await placements('2026-11-21')).toEqual([
      expect.objectContaining({ balance: '500000.00', accruedInterest: '82.19' }),
    ]);
    expect(await placements('2026-11-19')).toEqual([]);
  });

  it('shows identity numbers in full to the auditor alone', async () => {
    const mine = (items: Array<Record<string, unknown>>) =>
      items.find((i) => i.memberNumber === ana.memberNumber)?.identityNumber;
    expect(mine(await allPages(`member-savings?asOf=${asOf}`, auditor))).toBe('5371011508900001');
    expect(mine(await allPages(`member-savings?asOf=${asOf}`, fx.managers[0]))).toBe(
      '************0001',
    );
    expect(mine(await allPages(`member-savings?asOf=${asOf}`, supervisor))).toBe(
      '************0001',
    );
    const managerCsv = await csvRows(`member-savings?asOf=${asOf}&format=csv`, fx.managers[0]);
    expect(managerCsv.every((row) => row.identity_number.startsWith('****'))).toBe(true);
  });

  it('holds the same rows in CSV and XLSX as the JSON pages', async () => {
    const items = await allPages(`member-savings?asOf=${asOf}`, auditor);
    const csv = await csvRows(`member-savings?asOf=${asOf}&format=csv`, auditor);
    expect(csv.map((r) => [r.account_number, r.balance, r.accrued_interest])).toEqual(
      items.map((i) => [i.accountNumber, i.balance, i.accruedInterest ?? '']),
    );
    const book = await workbook(`member-savings?asOf=${asOf}&format=xlsx`, auditor);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Member savings', 'About']);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(items.length + 1);
    for (let r = 0; r < items.length; r++) {
      expect(sheet.getCell(r + 2, 8).value).toBe(items[r].accountNumber);
      expect(sheet.getCell(r + 2, 10).value).toBe(Number(items[r].balance));
    }
    const res = await listing(`member-savings?asOf=${asOf}&format=csv`, auditor).expect(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="KSP-LISTINGS-member-savings-${asOf}.csv"`,
    );
  });

  it('lists loans with schedule status, days past due, grade and provision, summing to the receivable', async () => {
    const items = await allPages(`loans?asOf=${asOf}`, supervisor);
    expect(items).toEqual([
      expect.objectContaining({
        loanNumber,
        memberNumber: ana.memberNumber,
        outstandingPrincipal: '9000000.00',
        scheduleStatus: 'current',
        daysPastDue: 0,
        grade: 'lancar',
        provisionRate: '0.005',
        allowanceRequired: '45000.00',
      }),
    ]);
    expect(new Decimal(items[0].outstandingPrincipal as string).toFixed(2)).toBe(
      (await trialBalanceOf('1-13')).toFixed(2),
    );
    const csv = await csvRows(`loans?asOf=${asOf}&format=csv`, fx.managers[0]);
    expect(csv).toEqual([
      expect.objectContaining({ loan_number: loanNumber, days_past_due: '0', grade: 'lancar' }),
    ]);
    const book = await workbook(`loans?asOf=${asOf}&format=xlsx`, auditor);
    expect(book.worksheets[0].getCell(2, 1).value).toBe(loanNumber);
    // The day it was disbursed, before any end of day graded it.
    const first = (await listing('loans?asOf=2026-11-19', auditor).expect(200)).body;
    expect(first.items).toEqual([]);
  });

  it('lists the cash operations of each flagged day, identity masked', async () => {
    const body = (await listing('flagged-cash?from=2026-11-01&to=2026-11-30', auditor).expect(200))
      .body;
    expect(body.items.map((i: { amount: string }) => i.amount)).toEqual([
      '100000.00',
      '600000.00',
      '500000.00',
    ]);
    expect(body.items[0]).toMatchObject({
      businessDate: '2026-11-20',
      memberNumber: ana.memberNumber,
      identityNumber: '************0001',
      dayTotal: '1200000.00',
      threshold: '1000000.00',
      direction: 'in',
    });
    const csv = await csvRows('flagged-cash?from=2026-11-20&to=2026-11-20&format=csv', supervisor);
    expect(csv.map((r) => r.amount)).toEqual(['100000.00', '600000.00', '500000.00']);
    const none = await listing('flagged-cash?from=2026-11-21&to=2026-11-30', auditor).expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('lists the audit log of a period, oldest first, in every format', async () => {
    const items = await allPages(`audit-log?from=${today}&to=${today}`, auditor);
    expect(items.length).toBeGreaterThan(10);
    const ids = items.map((i) => i.id as string);
    expect(ids).toEqual([...ids].sort());
    expect(items.map((i) => i.action)).toContain('savings.product.set');
    const csv = await csvRows(`audit-log?from=${today}&to=${today}&format=csv`, supervisor);
    expect(csv.map((r) => r.event_id)).toEqual(ids);
    const book = await workbook(`audit-log?from=${today}&to=${today}&format=xlsx`, auditor);
    expect(book.worksheets[0].rowCount).toBe(ids.length + 1);
    const past = await listing('audit-log?from=2020-01-01&to=2020-01-31', auditor).expect(200);
    expect(past.body.items).toEqual([]);
  });

  it('refuses bad input with problem+json and keeps listings from those without the role', async () => {
    const refused = async (path: string, fields: string[]) => {
      const res = await listing(path, auditor)
        .expect(400)
        .expect('content-type', /application\/problem\+json/);
      expect(res.body.type).toBe(`${problemTypePrefix}invalid-input`);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    };
    await refused('member-savings?format=pdf', ['format']);
    await refused('member-savings?asOf=2026-11-24', ['asOf']);
    await refused('loans?asOf=2026-02-30', ['asOf']);
    await refused('loans?limit=0', ['limit']);
    await refused('flagged-cash?from=2026-11-30&to=2026-11-01', ['from']);
    await refused('flagged-cash?to=2026-11-01', ['from']);
    await refused('audit-log?from=2026-11-01', ['to']);
    await refused('audit-log?from=2026-11-01&to=2026-11-02&after=x', ['after']);
    await listing(`member-savings?asOf=${asOf}`, fx.teller).expect(403);
    await listing(`audit-log?from=${today}&to=${today}`, fx.managers[0]).expect(403);
    const elsewhere = await createCooperative(api.app, 'KSP-LISTINGS-2');
    await request(api.server)
      .get(`/cooperatives/${elsewhere}/listings/loans`)
      .set(auditor.auth)
      .expect(404);
  });
});
