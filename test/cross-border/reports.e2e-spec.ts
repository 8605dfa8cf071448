import { uuidv7 } from '@lumbung/core';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import {
  annuityTerms,
  CrossBorderFixture,
  expectProblem,
  today,
} from '../support/cross-border-fixture';
import { flatTerms, rollTo } from '../support/loan-fixture';
import { SavingsFixture } from '../support/savings-fixture';

/**
 * A KSP in Makassar (rupiah books, own capital Rp20bn) with three facilities: USD to a partner
 * cooperative in Dili for coffee, rupiah to the same partner for vanilla, and MYR to a shared
 * production house in Sabah for rattan. Drawn on 20 November, partly repaid on the 25th at other
 * rates, reported on the 30th at that day's rates: every figure below is worked out by hand.
 */
describe('cross-border reports over HTTP: exposure as of a date and the MSME export', () => {
  let api: ApiContext;
  let coop: string;
  let cb: CrossBorderFixture;
  let fx: SavingsFixture;
  let auditor: Person;
  let dili: string;
  let sabah: string;
  let diliAgreement: string;
  let sabahAgreement: string;
  const ids: Record<'usd' | 'idr' | 'myr', string> = { usd: '', idr: '', myr: '' };

  const report = (query: string, person: Person = cb.managers[0]) =>
    cb.get(`exposure-report${query}`, person);
  const msme = (query: string, person: Person = cb.managers[0]) =>
    cb.get(`msme-export${query}`, person);
  const move = (suffix: string, body: object) =>
    request(api.server)
      .post(cb.path(suffix))
      .set(cb.managers[0].auth)
      .set('Idempotency-Key', uuidv7())
      .send(body)
      .expect(201);

  async function facility(body: object): Promise<string> {
    const requested = (await cb.post('facilities', cb.managers[0], body).expect(201)).body;
    await cb.approve(requested.approvalRequestId, cb.managers[1]).expect(200);
    await cb.approve(requested.approvalRequestId, cb.managers[2]).expect(200);
    return requested.id as string;
  }

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-MAKASSAR-RPT');
    await fundVault(api.app, coop, '20000000000.00');
    cb = new CrossBorderFixture(api, coop);
    await cb.hireStaff();
    fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    auditor = await fx.hireAuditor();
    dili = await cb.partner();
    sabah = await cb.partner({
      country: 'MY',
      legalName: 'Koperasi Rumah Produksi Bersama Rotan Sabah Berhad',
      registryNumber: 'MY-SKM-2021-0117',
      functionalCurrency: 'MYR',
    });
    diliAgreement = await cb.agreement(dili);
    sabahAgreement = await cb.agreement(sabah, {
      reference: 'PKS/MKS-SBH/2026/01',
      title: 'Rumah Produksi Bersama rotan dan bambu',
      programs: [{ kind: 'shared-production-house', commodities: ['rattan', 'bamboo'] }],
    });
    await cb.fourEyes('fx-rates', {
      rates: [
        { date: today, base: 'USD', quote: 'IDR', rate: '16000', source: 'JISDOR' },
        { date: today, base: 'MYR', quote: 'IDR', rate: '3500', source: 'BI kurs transaksi' },
      ],
    });
    await cb.limit({ scope: 'partner', partnerId: dili, amount: '2500000000.00' });
    await cb.limit({ scope: 'partner', partnerId: sabah, amount: '1000000000.00' });
    await cb.limit({ scope: 'country', country: 'TL', amount: '3000000000.00' });
    await cb.limit({ scope: 'country', country: 'MY', amount: '2000000000.00' });
    await cb.fourEyes('cross-border-settings', { supervisorThreshold: '5000000000.00' });
    const common = { instalments: 24, terms: annuityTerms, purpose: 'Modal kerja anggota mitra' };
    ids.usd = await facility({
      ...common,
      partnerId: dili,
      agreementId: diliAgreement,
      currency: 'USD',
      limit: '100000.00',
      sector: 'agriculture',
      commodity: 'coffee',
    });
    ids.idr = await facility({
      ...common,
      partnerId: dili,
      agreementId: diliAgreement,
      currency: 'IDR',
      limit: '500000000.00',
      sector: 'trade',
      commodity: 'vanilla',
    });
    ids.myr = await facility({
      ...common,
      partnerId: sabah,
      agreementId: sabahAgreement,
      program: 'shared-production-house',
      currency: 'MYR',
      limit: '200000.00',
      instalments: 12,
      sector: 'processing',
      commodity: 'rattan',
    });
    await move(`facilities/${ids.usd}/drawdowns`, { amount: '60000.00', currency: 'USD' });
    await move(`facilities/${ids.idr}/drawdowns`, { amount: '200000000.00', currency: 'IDR' });
    await move(`facilities/${ids.myr}/drawdowns`, { amount: '150000.00', currency: 'MYR' });

    await rollTo(api, coop, '2026-11-25');
    await cb.fourEyes('fx-rates', {
      rates: [
        { date: '2026-11-25', base: 'USD', quote: 'IDR', rate: '16500', source: 'JISDOR' },
        { date: '2026-11-25', base: 'IDR', quote: 'MYR', rate: '0.00027777', source: 'BNM' },
      ],
    });
    // Nothing is due yet: each repayment prepays principal, off at the drawdown's rate.
    await move(`facilities/${ids.usd}/repayments`, { amount: '10000.00', currency: 'USD' });
    await move(`facilities/${ids.myr}/repayments`, { amount: '30000.00', currency: 'MYR' });

    await rollTo(api, coop, '2026-11-30');
    await cb.fourEyes('fx-rates', {
      rates: [
        { date: '2026-11-30', base: 'USD', quote: 'IDR', rate: '16800', source: 'JISDOR' },
        { date: '2026-11-30', base: 'MYR', quote: 'IDR', rate: '3550.5', source: 'BI' },
      ],
    });

    // Two members with export-oriented businesses, one of them borrowing; one without.
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(fx.teller, '50000000.00').expect(201);
    const weaver = await fx.saver('Maria Goreti');
    const potter = await fx.member('Yohanes Ndun');
    await fx.member('Bukan Eksportir');
    const profile = (memberId: string, businessProfile: object) =>
      request(api.server)
        .patch(cb.path(`members/${memberId}`))
        .set(fx.teller.auth)
        .send({ businessProfile })
        .expect(200);
    await profile(weaver.memberId, {
      sector: 'processing',
      commodity: 'rattan',
      province: '73',
      exportOriented: true,
    });
    await profile(potter.memberId, { sector: 'trade', commodity: 'salt', exportOriented: true });
    const product = await fx.fourEyes('loan-products', {
      code: 'EKSPOR',
      name: 'Pinjaman Usaha Ekspor',
      currency: 'IDR',
      terms: flatTerms(),
    });
    const loan = await fx
      .post(
        'loans',
        fx.teller,
        {
          memberId: weaver.memberId,
          productId: product.id,
          amount: '6000000.00',
          instalments: 6,
          purpose: 'Bahan baku rotan',
          sector: 'processing',
          commodity: 'rattan',
        },
        null,
      )
      .expect(201);
    for (const manager of fx.managers) {
      await fx.approve(loan.body.approvalRequestId, manager).expect(200);
    }
    await fx.post(`loans/${loan.body.id}/disbursement`, fx.teller, { channel: 'cash' }).expect(201);
  }, 180_000);

  afterEach(() => cb.expectLedgerIntact());
  afterAll(() => api.close());

  it('values each facility from its receivable leaf at the report date’s rate', async () => {
    const body = (await report('?asOf=2026-11-30', auditor).expect(200)).body;
    expect(body).toMatchObject({
      cooperative: { code: 'KSP-MAKASSAR-RPT' },
      asOf: '2026-11-30',
      functionalCurrency: 'IDR',
    });
    expect(body.rates.map((r: { base: string; rate: string }) => [r.base, r.rate])).toEqual([
      ['MYR', '3550.5'],
      ['USD', '16800'],
    ]);
    const byId = (id: string) =>
      body.facilities.find((f: { facilityId: string }) => f.facilityId === id);
    // USD 50,000 at 16,800; carried at 16,000 (the drawdown's rate); USD 40,000 undrawn.
    expect(byId(ids.usd)).toMatchObject({
      accountCode: '1-14-0001',
      country: 'TL',
      program: 'financing',
      sector: 'agriculture',
      commodity: 'coffee',
      currency: 'USD',
      limit: '100000.00',
      drawn: '60000.00',
      repaid: '10000.00',
      outstanding: '50000.00',
      undrawn: '40000.00',
      fxRate: '16800',
      functionalOutstanding: '840000000.00',
      functionalCarrying: '800000000.00',
      functionalUndrawn: '672000000.00',
    });
    expect(byId(ids.idr)).toMatchObject({
      accountCode: '1-14-0002',
      currency: 'IDR',
      drawn: '200000000.00',
      repaid: '0.00',
      outstanding: '200000000.00',
      undrawn: '300000000.00',
      fxRate: null,
      functionalOutstanding: '200000000.00',
      functionalCarrying: '200000000.00',
      functionalUndrawn: '300000000.00',
    });
    // MYR 120,000 at 3,550.5 = Rp426,060,000; carried at 3,500; MYR 50,000 undrawn.
    expect(byId(ids.myr)).toMatchObject({
      accountCode: '1-14-0003',
      country: 'MY',
      program: 'shared-production-house',
      currency: 'MYR',
      drawn: '150000.00',
      repaid: '30000.00',
      outstanding: '120000.00',
      undrawn: '50000.00',
      fxRate: '3550.5',
      functionalOutstanding: '426060000.00',
      functionalCarrying: '420000000.00',
      functionalUndrawn: '177525000.00',
    });
    expect(body.total).toMatchObject({
      facilities: 3,
      functionalOutstanding: '1466060000.00',
      functionalCarrying: '1420000000.00',
      functionalUndrawn: '1149525000.00',
    });
    // The same figures as the ledger's receivables, currency by currency.
    expect(body.books).toEqual({
      heading: '1-14',
      lines: [
        { currency: 'IDR', balance: '200000000.00', functionalBalance: '200000000.00' },
        { currency: 'MYR', balance: '120000.00', functionalBalance: '420000000.00' },
        { currency: 'USD', balance: '50000.00', functionalBalance: '800000000.00' },
      ],
      reconciled: true,
    });
    const tb = (await cb.get('trial-balance?asOf=2026-11-30').expect(200)).body;
    for (const [code, currency, balance, functional] of [
      ['1-14-0001', 'USD', '50000.00', '800000000.00'],
      ['1-14-0002', 'IDR', '200000000.00', '200000000.00'],
      ['1-14-0003', 'MYR', '120000.00', '420000000.00'],
    ]) {
      expect(tb.lines.find((l: { code: string }) => l.code === code)).toMatchObject({
        currency,
        balance,
        functionalBalance: functional,
      });
    }
  });

  it('groups by country, partner, agreement, program, sector and commodity', async () => {
    const { by } = (await report('?asOf=2026-11-30', cb.supervisor).expect(200)).body;
    const figures = (groups: Array<Record<string, unknown>>) =>
      groups.map((g) => [
        g.key,
        g.label,
        g.facilities,
        g.functionalOutstanding,
        g.functionalUndrawn,
      ]);
    expect(figures(by.country)).toEqual([
      ['MY', 'Malaysia', 1, '426060000.00', '177525000.00'],
      ['TL', 'Timor-Leste', 2, '1040000000.00', '972000000.00'],
    ]);
    expect(by.country[1].currencies).toEqual([
      expect.objectContaining({ currency: 'IDR', outstanding: '200000000.00', fxRate: null }),
      expect.objectContaining({
        currency: 'USD',
        facilities: 1,
        outstanding: '50000.00',
        functionalOutstanding: '840000000.00',
        functionalCarrying: '800000000.00',
      }),
    ]);
    expect(figures(by.partner)).toEqual([
      [dili, 'Cooperativa de Crédito Hadomi Dili', 2, '1040000000.00', '972000000.00'],
      [
        sabah,
        'Koperasi Rumah Produksi Bersama Rotan Sabah Berhad',
        1,
        '426060000.00',
        '177525000.00',
      ],
    ]);
    expect(
      figures(by.agreement)
        .map((g) => g[0])
        .sort(),
    ).toEqual([diliAgreement, sabahAgreement].sort());
    expect(figures(by.program)).toEqual([
      ['financing', 'financing', 2, '1040000000.00', '972000000.00'],
      ['shared-production-house', 'shared-production-house', 1, '426060000.00', '177525000.00'],
    ]);
    expect(figures(by.sector)).toEqual([
      ['agriculture', 'agriculture', 1, '840000000.00', '672000000.00'],
      ['processing', 'processing', 1, '426060000.00', '177525000.00'],
      ['trade', 'trade', 1, '200000000.00', '300000000.00'],
    ]);
    expect(figures(by.commodity)).toEqual([
      ['coffee', 'coffee', 1, '840000000.00', '672000000.00'],
      ['rattan', 'rattan', 1, '426060000.00', '177525000.00'],
      ['vanilla', 'vanilla', 1, '200000000.00', '300000000.00'],
    ]);
    const one = (await report('?asOf=2026-11-30&by=sector,country').expect(200)).body;
    expect(Object.keys(one.by)).toEqual(['country', 'sector']);
  });

  it('reads earlier dates by value date, at that date’s rate (an inverse rate too)', async () => {
    const drawnDay = (await report(`?asOf=${today}`).expect(200)).body;
    expect(drawnDay.total).toMatchObject({
      functionalOutstanding: '1685000000.00',
      functionalCarrying: '1685000000.00',
    });
    // 25 November: MYR/IDR entered as IDR/MYR 0.00027777, so MYR is divided by it.
    const repaidDay = (await report('?asOf=2026-11-25&by=country').expect(200)).body;
    expect(repaidDay.rates).toContainEqual(
      expect.objectContaining({ base: 'IDR', quote: 'MYR', rate: '0.00027777', inverted: true }),
    );
    const myr = repaidDay.facilities.find((f: { currency: string }) => f.currency === 'MYR');
    // 120,000 / 0.00027777 = 432,012,096.3387... and 50,000 / 0.00027777 = 180,005,040.14...
    expect(myr).toMatchObject({
      outstanding: '120000.00',
      functionalOutstanding: '432012096.34',
      functionalUndrawn: '180005040.14',
    });
    const before = (await report('?asOf=2026-11-19').expect(200)).body;
    expect(before).toMatchObject({
      facilities: [],
      total: { facilities: 0, functionalOutstanding: '0.00' },
      books: { lines: [], reconciled: true },
    });
  });

  it('refuses a date without a rate with fx-rate-missing, never another day’s', async () => {
    const problem = expectProblem(await report('?asOf=2026-11-22'), 422, 'fx-rate-missing');
    expect(problem).toMatchObject({ from: 'USD', to: 'IDR', date: '2026-11-22' });
    // The USD rate of the 27th does not carry the MYR facility: its own rate is missing.
    await cb.rate('USD', 'IDR', '16700', '2026-11-27');
    const myr = expectProblem(await report('?asOf=2026-11-27', auditor), 422, 'fx-rate-missing');
    expect(myr).toMatchObject({ from: 'MYR', to: 'IDR', date: '2026-11-27' });
    expect(myr.detail).toMatch(/another day's rate is never used in its place/);
    // The MSME export converts nothing: it reads that day too.
    await msme('?asOf=2026-11-27').expect(200);
  });

  it('writes the CSV: one record per facility, per group and currency, and the totals', async () => {
    const res = await report('?asOf=2026-11-30&format=csv', auditor).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="KSP-MAKASSAR-RPT-exposure-2026-11-30.csv"',
    );
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(
      'as_of,dimension,key,label,currency,facilities,limit,drawn,repaid,outstanding,undrawn,' +
        'fx_rate,functional_currency,functional_outstanding,functional_carrying,functional_undrawn,account_code',
    );
    expect(lines).toContain(
      `2026-11-30,facility,${ids.usd},Cooperativa de Crédito Hadomi Dili PKS/KPG-DIL/2026/${dili.slice(-6)},USD,1,` +
        '100000.00,60000.00,10000.00,50000.00,40000.00,16800,IDR,840000000.00,800000000.00,672000000.00,1-14-0001',
    );
    expect(lines).toContain(
      '2026-11-30,country,TL,Timor-Leste,USD,1,100000.00,60000.00,10000.00,50000.00,40000.00,16800,IDR,' +
        '840000000.00,800000000.00,672000000.00,',
    );
    expect(lines).toContain(
      '2026-11-30,total,,all facilities,MYR,1,200000.00,150000.00,30000.00,120000.00,50000.00,3550.5,IDR,' +
        '426060000.00,420000000.00,177525000.00,',
    );
    // 3 facilities; 3 lines for each of the six dimensions (TL, Dili, its agreement and the
    // financing program hold two currencies each); 3 totals.
    expect(lines.filter((l) => l !== '')).toHaveLength(1 + 3 + 6 * 3 + 3);
    expect(res.text.endsWith('\r\n')).toBe(true);
  });

  it('exports business profiles and financing received, names of members masked', async () => {
    const body = (await msme('?asOf=2026-11-30', auditor).expect(200)).body;
    expect(body).toMatchObject({
      format: 'lumbung.msme-export/1',
      cooperative: { code: 'KSP-MAKASSAR-RPT', country: 'ID' },
      asOf: '2026-11-30',
    });
    expect(body.businesses).toEqual([
      {
        ref: `partner:${dili}`,
        kind: 'partner-cooperative',
        name: 'Cooperativa de Crédito Hadomi Dili',
        country: 'TL',
        province: null,
        registryNumber: 'TL-COOP-2019-0042',
        sectors: ['agriculture', 'trade'],
        commodities: ['coffee', 'vanilla'],
        programs: ['financing', 'training'],
      },
      {
        ref: `partner:${sabah}`,
        kind: 'partner-cooperative',
        name: 'Koperasi Rumah Produksi Bersama Rotan Sabah Berhad',
        country: 'MY',
        province: null,
        registryNumber: 'MY-SKM-2021-0117',
        sectors: ['processing'],
        commodities: ['bamboo', 'rattan'],
        programs: ['shared-production-house'],
      },
      {
        ref: expect.stringMatching(/^KSP-MAKASSAR-RPT\/\d{6}$/),
        kind: 'member-business',
        name: 'M. G. 1.',
        country: 'ID',
        province: '73',
        registryNumber: null,
        sectors: ['processing'],
        commodities: ['rattan'],
        programs: [],
      },
      expect.objectContaining({ kind: 'member-business', name: 'Y. N. 2.', province: null }),
    ]);
    const weaverRef = body.businesses[2].ref;
    expect(body.financing).toEqual([
      ...[
        [ids.usd, 'financing', 'agriculture', 'coffee', 'USD', '60000.00', '50000.00'],
        [ids.idr, 'financing', 'trade', 'vanilla', 'IDR', '200000000.00', '200000000.00'],
        [
          ids.myr,
          'shared-production-house',
          'processing',
          'rattan',
          'MYR',
          '150000.00',
          '120000.00',
        ],
      ]
        .map(([reference, program, sector, commodity, currency, drawn, outstanding]) => ({
          businessRef: `partner:${reference === ids.myr ? sabah : dili}`,
          kind: 'facility',
          reference,
          program,
          sector,
          commodity,
          currency,
          drawn,
          outstanding,
        }))
        .sort((a, b) => a.reference.localeCompare(b.reference)),
      {
        businessRef: weaverRef,
        kind: 'loan',
        reference: expect.any(String),
        program: null,
        sector: 'processing',
        commodity: 'rattan',
        currency: 'IDR',
        drawn: '6000000.00',
        outstanding: '6000000.00',
      },
    ]);
    // Identity numbers, full names and contact details never leave in this export.
    const text = JSON.stringify(body);
    for (const leak of ['Maria', 'Goreti', 'Ndun', 'Bukan', 'identity', '537101150890']) {
      expect(text).not.toContain(leak);
    }
  });

  it('writes the MSME export as CSV with the documented columns', async () => {
    const res = await msme('?asOf=2026-11-30&format=csv').expect(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="KSP-MAKASSAR-RPT-msme-2026-11-30.csv"',
    );
    const lines = res.text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(
      'record,as_of,business_ref,kind,name,country,province,registry_number,sector,commodity,' +
        'program,financing_ref,currency,drawn,outstanding',
    );
    expect(lines).toContain(
      `business,2026-11-30,partner:${dili},partner-cooperative,Cooperativa de Crédito Hadomi Dili,TL,,` +
        'TL-COOP-2019-0042,agriculture;trade,coffee;vanilla,financing;training,,,,',
    );
    expect(lines).toContain(
      `financing,2026-11-30,partner:${sabah},facility,Koperasi Rumah Produksi Bersama Rotan Sabah Berhad,MY,,,` +
        `processing,rattan,shared-production-house,${ids.myr},MYR,150000.00,120000.00`,
    );
    expect(lines.filter((l) => l.startsWith('business,'))).toHaveLength(4);
    expect(lines.filter((l) => l.startsWith('financing,'))).toHaveLength(4);
  });

  it('refuses bad input with problem details, and tellers', async () => {
    const bad = expectProblem(
      await report('?asOf=2026-12-01&by=country,planet&format=xml'),
      400,
      'invalid-input',
    );
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['asOf', 'format', 'by']);
    expectProblem(await report('?asOf=2026-02-30'), 400, 'invalid-input');
    expectProblem(await report('?by='), 400, 'invalid-input');
    expectProblem(await report('?currency=USD'), 400, 'invalid-input');
    expectProblem(await msme('?asOf=20261130'), 400, 'invalid-input');
    expectProblem(await msme('?format=xlsx'), 400, 'invalid-input');
    expectProblem(await msme('?asOf=2026-11-30&by=country'), 400, 'invalid-input');
    expect((await report('', fx.teller)).status).toBe(403);
    expect((await msme('', fx.teller)).status).toBe(403);
  });
});
