import { Decimal, Money } from '@lumbung/core';
import { FxRevaluation } from '@lumbung/cross-border';
import { TransactionScope } from '@lumbung/database';
import { ChartService, PostingService } from '@lumbung/ledger';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { buildCliOnce, runBuiltCli } from '../cli/cli-process';
import { ApiContext, type Person } from '../support/api-context';
import { buyDollars as buyDollarsFor, createCooperative, fundVault } from '../support/cooperatives';
import { expectProblem } from '../support/cross-border-fixture';
import { disbursedLoan, expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { expectSoundPdf } from '../support/pdf';
import { SavingsFixture } from '../support/savings-fixture';
import { readXlsx, xlsxRows } from './ledger-tools';

interface TrialBalanceLine {
  code: string;
  class: string;
  isLeaf: boolean;
  currency: string;
  debit: string;
  credit: string;
  functionalBalance: string;
}

/**
 * The financial statements of 1-20 December 2026 for a KSP with savings, a flat loan repaid in
 * cash, bank interest from a non-member, a new member's pokok, and US dollars bought at two
 * rates, revalued at November's end (the revaluation reversed on 1 December) and translated at
 * 20 December's closing rate.
 */
describe('GET /cooperatives/{id}/financial-statements', () => {
  let api: ApiContext;
  let coop: string;
  let other: string;
  let fx: SavingsFixture;
  let auditor: Person;
  let supervisor: Person;

  const statementsOf = (query: Record<string, string>, person: Person = auditor, id = coop) =>
    request(api.server)
      .get(`/cooperatives/${id}/financial-statements`)
      .query(query)
      .set(person.auth);

  const december = { from: '2026-12-01', to: '2026-12-20' };

  const trialBalance = async (asOf: string): Promise<TrialBalanceLine[]> =>
    (
      await request(api.server)
        .get(`/cooperatives/${coop}/trial-balance`)
        .query({ asOf })
        .set(auditor.auth)
        .expect(200)
    ).body.lines;

  const functionalOf = (lines: TrialBalanceLine[], code: string): Decimal =>
    lines
      .filter((l) => l.code === code)
      .reduce((total, l) => total.plus(l.functionalBalance), new Decimal(0));

  async function post(
    description: string,
    legs: Array<{ code: string; amount: string; counterparty?: 'non_member' }>,
  ): Promise<void> {
    await api.app.get(TransactionScope).run(async (tx) => {
      const charts = api.app.get(ChartService);
      const postings = [];
      for (const leg of legs) {
        postings.push({
          accountId: (await charts.accountByCode(tx, coop, leg.code)).id,
          amount: Money.parse(leg.amount, 'IDR'),
          counterpartyClass: leg.counterparty,
        });
      }
      await api.app
        .get(PostingService)
        .post(tx, coop, { description, source: { type: 'test.statements' }, postings });
    });
  }

  /** US dollars into a USD bank leaf for the vault's rupiah, through the USD FX position. */
  const buyDollars = (usd: string, rate: string) =>
    buyDollarsFor(api.app, coop, {
      usd,
      rate,
      description: `Beli USD ${usd} kurs ${rate}`,
      positionCode: '1-1901-USD',
    });

  const usdRate = (date: string, rate: string) =>
    fx.fourEyes('fx-rates', {
      rates: [{ date, base: 'USD', quote: 'IDR', rate, source: 'Bank Indonesia JISDOR' }],
    });

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-LAPORAN');
    other = await createCooperative(api.app, 'KSP-LAIN');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    const { teller } = await fx.hireStaff();
    auditor = await fx.hireAuditor();
    supervisor = await api.person([{ role: 'supervisor', cooperativeId: coop }]);
    await fx.standardProducts('pokok', 'sukarela');
    const product = await fx.fourEyes('loan-products', {
      code: 'FLAT',
      name: 'Pinjaman Flat',
      currency: 'IDR',
      terms: flatTerms(),
    });
    await fx.openTill(teller, '20000000.00').expect(201);
    const borrower = await fx.saver('Nelayan');
    await fx
      .post(`savings-accounts/${borrower.sukarela}/deposits`, teller, {
        amount: '5000000.00',
        currency: 'IDR',
      })
      .expect(201);
    const loan = await disbursedLoan(fx, {
      memberId: borrower.memberId,
      productId: product.id,
      amount: '9000000.00',
      instalments: 12,
      purpose: 'Jaring dan pelampung',
      sector: 'fisheries',
    });
    await buyDollars('1000.00', '15500');

    // November's end, closed on 1 December: revalued at 15,550 (+Rp50,000), reversed the 1st.
    await rollTo(api, coop, '2026-12-01');
    await usdRate('2026-11-30', '15550');
    await api.app
      .get(TransactionScope)
      .run((tx) => api.app.get(FxRevaluation).monthEnd(tx, coop, '2026-11-30' as never));

    // December: bank interest from a non-member, a new member's pokok, more dollars.
    await post('Jasa giro Desember', [
      { code: '1-1201', amount: '125000.00' },
      { code: '4-2101', amount: '-125000.00', counterparty: 'non_member' },
    ]);
    const saver = await fx.saver('Pedagang');
    await fx
      .post(`savings-accounts/${saver.sukarela}/deposits`, teller, {
        amount: '2500000.00',
        currency: 'IDR',
      })
      .expect(201);
    await fx
      .post(`savings-accounts/${saver.sukarela}/withdrawals`, teller, {
        amount: '300000.00',
        currency: 'IDR',
      })
      .expect(201);
    await buyDollars('250.50', '15600');
    await rollTo(api, coop, '2026-12-20');
    await fx
      .post(`loans/${loan.id}/repayments`, teller, { amount: '840000.00', channel: 'cash' })
      .expect(201);
    await usdRate('2026-12-20', '15800');
    await expectLoansReconciled(api, coop);
  }, 300_000);

  afterAll(async () => {
    await api?.close();
  });

  it('balances, and the period surplus is the change in equity it causes', async () => {
    const res = await statementsOf(december).expect(200);
    const s = res.body;
    expect(s.checks).toEqual({
      financialPositionBalances: true,
      surplusIsEquityChange: true,
      cashFlowsReachCash: true,
    });
    const fp = s.financialPosition;
    expect(new Decimal(fp.totalAssets).eq(fp.totalLiabilitiesAndEquity)).toBe(true);
    expect(new Decimal(fp.totalAssets).gt(0)).toBe(true);

    // Opening equity is the equity of the statements that end the day before.
    const november = (await statementsOf({ from: '2026-11-01', to: '2026-11-30' }).expect(200))
      .body;
    expect(s.changesInEquity.total.opening).toBe(november.financialPosition.totalEquity);
    expect(s.changesInEquity.total.closing).toBe(fp.totalEquity);
    // Equity moved by the period's surplus and the new member's pokok of Rp100,000, nothing else.
    expect(
      new Decimal(fp.totalEquity)
        .minus(november.financialPosition.totalEquity)
        .minus('100000.00')
        .toFixed(2),
    ).toBe(s.results.surplus);
    expect(s.changesInEquity.total.surplus).toBe(s.results.surplus);
    expect(s.changesInEquity.total.otherMovements).toBe('100000.00');
    const pokok = s.changesInEquity.components.find((c: { code: string }) => c.code === '3-1');
    expect(pokok).toMatchObject({ opening: '100000.00', otherMovements: '100000.00' });
    // Memorandum accounts are off balance.
    const codes = JSON.stringify([fp.assets, fp.liabilities, fp.equity]);
    expect(codes).not.toContain('"9');
  });

  it('keeps member and non-member income apart, the FX translation among the non-member', async () => {
    const s = (await statementsOf(december).expect(200)).body;
    const income = s.results.totalIncome;
    expect(new Decimal(income.member).plus(income.nonMember).toFixed(2)).toBe(income.total);
    // Members: the loan's interest, as the ledger's own trial balance moved it in December.
    const [end, start] = [await trialBalance('2026-12-20'), await trialBalance('2026-11-30')];
    const interest = functionalOf(start, '4-1101').minus(functionalOf(end, '4-1101'));
    expect(interest.gt(0)).toBe(true);
    expect(income.member).toBe(interest.toFixed(2));
    // Non-members: Rp125,000 bank interest; November's revaluation reversed (-Rp50,000); and
    // USD 1,250.50 at 15,800 (Rp19,757,900) over the Rp19,407,800 it was bought for.
    expect(income.nonMember).toBe('425100.00');
    const translation = s.results.income.find(
      (sec: { code: string }) => sec.code === 'fx-translation',
    );
    expect(translation.total).toBe('350100.00');
    const lines = s.results.income.flatMap((sec: { lines: object[] }) => sec.lines);
    expect(lines).toContainEqual(
      expect.objectContaining({ code: '4-2101', member: '0.00', nonMember: '125000.00' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ code: '4-2103', nonMember: '-50000.00' }),
    );
    expect(s.results.surplus).toBe(
      new Decimal(income.total).minus(s.results.totalExpenses).toFixed(2),
    );
  });

  it('agrees with the ledger trial balance account by account, memorandum apart', async () => {
    const s = (await statementsOf(december).expect(200)).body;
    const pick = (l: TrialBalanceLine) => ({
      code: l.code,
      currency: l.currency,
      debit: l.debit,
      credit: l.credit,
      functionalBalance: l.functionalBalance,
    });
    const ledger = await trialBalance('2026-12-20');
    expect([...s.trialBalance.lines, ...s.trialBalance.memorandum].map(pick)).toEqual(
      expect.arrayContaining(ledger.map(pick)),
    );
    expect(s.trialBalance.lines.length + s.trialBalance.memorandum.length).toBe(ledger.length);
    expect(s.trialBalance.lines.every((l: TrialBalanceLine) => l.class !== 'memorandum')).toBe(
      true,
    );
  });

  it('runs the cash flows from the opening cash to the cash on the financial position', async () => {
    const s = (await statementsOf(december).expect(200)).body;
    const cf = s.cashFlows;
    expect(cf.closing).toBe(s.financialPosition.cashAndBank);
    // Cash and bank: the ledger's cash and bank leaves, the dollars at 15,800.
    const ledger = await trialBalance('2026-12-20');
    const books = functionalOf(ledger, '1-11').plus(functionalOf(ledger, '1-12'));
    expect(cf.closing).toBe(books.plus('350100.00').toFixed(2));
    const opening = await trialBalance('2026-11-30');
    // November's revaluation sits on the FX position, not on the dollars: 1,000 at 15,550.
    expect(cf.opening).toBe(
      functionalOf(opening, '1-11').plus(functionalOf(opening, '1-12')).plus('50000.00').toFixed(2),
    );
    expect(cf.exchangeDifference).toBe('300100.00');
    const operating = cf.activities.find((a: { category: string }) => a.category === 'operating');
    const financing = cf.activities.find((a: { category: string }) => a.category === 'financing');
    // Pokok is capital: financing; the loan repaid and the savings moved are the KSP's business.
    expect(financing.lines).toEqual([
      expect.objectContaining({ code: '3-1', received: '100000.00', paid: '0.00' }),
    ]);
    expect(operating.lines).toContainEqual(
      expect.objectContaining({ code: '2-1', received: '2500000.00', paid: '300000.00' }),
    );
    expect(operating.lines).toContainEqual(
      expect.objectContaining({ code: '1-13', received: '750000.00' }),
    );
  });

  it('gives the same figures as CSV, XLSX and PDF', async () => {
    const json = (await statementsOf(december).expect(200)).body;
    const csv = await statementsOf({ ...december, format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain(`,,Jumlah Aset,${json.financialPosition.totalAssets}\r\n`);
    expect(csv.text).toContain(`,,Sisa Hasil Usaha,,,${json.results.surplus}\r\n`);

    const xlsx = await statementsOf({ ...december, format: 'xlsx' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = await readXlsx(xlsx.body as Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Neraca Saldo',
      'Posisi Keuangan',
      'Hasil Usaha',
      'Perubahan Ekuitas',
      'Arus Kas',
    ]);
    const rows = xlsxRows(book.getWorksheet('Posisi Keuangan')!);
    const total = rows.find((r) => r[2] === 'Jumlah Aset')!;
    expect(new Decimal(total[3]).eq(json.financialPosition.totalAssets)).toBe(true);
    const results = xlsxRows(book.getWorksheet('Hasil Usaha')!);
    const surplus = results.find((r) => r[2] === 'Sisa Hasil Usaha')!;
    expect(new Decimal(surplus[5]).eq(json.results.surplus)).toBe(true);

    const pdf = await statementsOf({ ...december, format: 'pdf' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(expectSoundPdf(pdf.body as Buffer)).toContain('(Laporan Posisi Keuangan');
  });

  it('refuses bad input with problem+json', async () => {
    const invalid = async (query: Record<string, string>, field: string) => {
      const body = expectProblem(await statementsOf(query), 400, 'invalid-input');
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await invalid({ ...december, format: 'docx' }, 'format');
    await invalid({ from: '2026-12-20', to: '2026-12-01' }, 'to');
    await invalid({ from: '2026-12-01', to: '2026-12-21' }, 'to');
    await invalid({ to: '2026-12-20' }, 'from');
    await invalid({ from: '2026-02-30', to: '2026-12-20' }, 'from');
    // Dollars held on 19 December, and no rate that day.
    expectProblem(
      await statementsOf({ from: '2026-12-01', to: '2026-12-19' }),
      422,
      'fx-rate-missing',
    );
    const foreign = await statementsOf(december, auditor, other);
    expect([403, 404]).toContain(foreign.status);
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectProblem(await statementsOf(december, fx.teller), 403, 'forbidden');
    await statementsOf(december, supervisor).expect(200);
    await statementsOf(december, fx.managers[0]).expect(200);
  });

  it('writes the same statements from the CLI', async () => {
    await buildCliOnce();
    const dir = await mkdtemp(join(tmpdir(), 'lumbung-statements-'));
    try {
      const out = join(dir, 'desember.json');
      const args = ['statements', '--cooperative', 'ksp-laporan', '--from', '2026-12-01'];
      const written = await runBuiltCli(api.db, [...args, '--to', '2026-12-20', '--out', out]);
      expect(written).toMatchObject({ code: 0, stderr: '' });
      const json = (await statementsOf(december).expect(200)).body;
      expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(json);
      const pdf = join(dir, 'desember.pdf');
      const asPdf = ['--to', '2026-12-20', '--format', 'pdf', '--out', pdf];
      expect((await runBuiltCli(api.db, [...args, ...asPdf])).code).toBe(0);
      expectSoundPdf(await readFile(pdf));
      const late = await runBuiltCli(api.db, [...args, '--to', '2026-12-21', '--out', out]);
      expect(late.code).not.toBe(0);
      expect(late.stderr).toContain('--to must not be after the business date (2026-12-20)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
