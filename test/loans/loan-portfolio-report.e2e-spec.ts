import { addDays, businessDate } from '@lumbung/core';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { closeAllDays } from '../support/eod-fixture';
import {
  applyForLoan,
  disbursedLoan,
  expectLoansReconciled,
  flatTerms,
  rollTo,
} from '../support/loan-fixture';
import { connectAs } from '../support/postgres';
import { noProvisionViolations, provisionViolations } from '../support/provision-invariants';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

/**
 * The loan portfolio as of any date (issue 8): a seeded portfolio of six loans in two products,
 * three sectors, four commodities and three regions, aged through the end of day into different
 * grades, reported on three dates against figures worked out by hand.
 */
describe('loan portfolio report', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let borrower: Saver;
  let auditor: Person;
  const loans: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', string> = {
    a: '',
    b: '',
    c: '',
    d: '',
    e: '',
    f: '',
  };

  async function closeThrough(date: string): Promise<void> {
    await rollTo(api, coop, addDays(businessDate(date), 1));
    await closeAllDays(api, coop);
  }

  /** Pays what the loan has due today, whatever it is. */
  async function payDue(...ids: string[]): Promise<void> {
    for (const id of ids) {
      const due = (await fx.get(`loans/${id}/due`).expect(200)).body;
      await fx
        .post(`loans/${id}/repayments`, fx.teller, {
          amount: due.total,
          channel: 'savings',
          savingsAccountId: borrower.sukarela,
        })
        .expect(201);
    }
  }

  const report = (query: string, who: Person = fx.managers[0]) =>
    fx.get(`loan-portfolio${query}`, who);

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-PORTFOLIO');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    auditor = await fx.hireAuditor();
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(fx.teller, '60000000.00').expect(201);
    borrower = await fx.saver('Peminjam');
    await fx
      .post(`savings-accounts/${borrower.sukarela}/deposits`, fx.teller, {
        amount: '40000000.00',
        currency: 'IDR',
      })
      .expect(201);
    const modal = await fx.fourEyes('loan-products', {
      code: 'MODAL',
      name: 'Pinjaman Modal',
      currency: 'IDR',
      terms: flatTerms(),
    });
    const tani = await fx.fourEyes('loan-products', {
      code: 'TANI',
      name: 'Pinjaman Tani',
      currency: 'IDR',
      terms: flatTerms({ method: 'declining' }),
    });
    const lend = async (product: string, amount: string, instalments: number, more: object) =>
      (
        await disbursedLoan(fx, {
          memberId: borrower.memberId,
          productId: product,
          amount,
          instalments,
          purpose: 'Modal usaha',
          ...more,
        })
      ).id;
    loans.a = await lend(modal.id, '9000000.00', 12, { sector: 'trade', region: '53' });
    loans.b = await lend(modal.id, '6000000.00', 12, {
      sector: 'agriculture',
      commodity: 'chili',
      region: '53',
    });
    loans.c = await lend(modal.id, '3000000.00', 6, { sector: 'trade', region: '73' });
    loans.d = await lend(tani.id, '4000000.00', 10, {
      sector: 'fisheries',
      commodity: 'salt',
      region: '73',
    });
    // No region given: the member's business profile says North Sulawesi (71).
    await request(api.server)
      .patch(`/cooperatives/${coop}/members/${borrower.memberId}`)
      .set(fx.teller.auth)
      .send({ businessProfile: { sector: 'agriculture', commodity: 'coconut', province: '71' } })
      .expect(200);
    loans.e = await lend(tani.id, '5000000.00', 10, {
      sector: 'agriculture',
      commodity: 'coconut',
    });
    loans.f = await lend(modal.id, '2000000.00', 6, { sector: 'trade', region: '53' });
  });

  afterAll(() => api.close());

  it('takes a region as a province or a country code, or from the member’s business profile', async () => {
    const view = (await fx.get(`loans/${loans.e}`).expect(200)).body;
    expect(view.region).toBe('71');
    expect((await fx.get(`loans/${loans.a}`).expect(200)).body.region).toBe('53');
    const application = {
      memberId: borrower.memberId,
      productId: (await fx.get(`loans/${loans.a}`).expect(200)).body.productId,
      amount: '1000000.00',
      instalments: 6,
      purpose: 'Modal',
      sector: 'trade',
    };
    for (const region of ['99', 'tl', 'NTT']) {
      const res = await fx.post('loans', fx.teller, { ...application, region }, null).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'region' })]);
    }
    expect((await applyForLoan(fx, { ...application, region: 'TL' })).region).toBe('TL');
  });

  it('ages the portfolio: payments, a payoff, arrears and a manager’s downgrade', async () => {
    await closeThrough('2026-12-19');
    await payDue(loans.a, loans.b, loans.c, loans.e);
    await closeThrough('2027-01-09');
    const quote = (await fx.get(`loans/${loans.f}/payoff-quote`).expect(200)).body;
    await fx
      .post(`loans/${loans.f}/payoff`, fx.teller, {
        channel: 'savings',
        savingsAccountId: borrower.sukarela,
        amount: quote.total,
      })
      .expect(201);
    await closeThrough('2027-01-19');
    await payDue(loans.a, loans.c, loans.e);
    await closeThrough('2027-02-19');
    await payDue(loans.a, loans.c, loans.e);
    await closeThrough('2027-03-19');
    await payDue(loans.a, loans.e);
    await closeThrough('2027-03-21');
    await fx
      .post(
        `loans/${loans.e}/grade-downgrades`,
        fx.managers[0],
        { grade: 'diragukan', reason: 'Kebun kelapa terbakar' },
        null,
      )
      .expect(201);
    await closeThrough('2027-03-25');
    await expectLoansReconciled(api, coop);
    await connectAs(api.db.ownerUrl, async (owner) => {
      expect(await provisionViolations(owner, coop)).toEqual(noProvisionViolations);
    });
  }, 600_000);

  it('reports 25 March by product, grade, sector, commodity and region, with PAR, NPL and provisions', async () => {
    const body = (await report('?asOf=2027-03-25').expect(200)).body;
    expect(body).toMatchObject({
      cooperative: { code: 'KSP-PORTFOLIO' },
      asOf: '2027-03-25',
      currency: 'IDR',
      gradedThrough: '2027-03-25',
      // a 6,000,000; b 5,500,000; c 1,500,000; d 4,000,000; e 3,000,000. f was paid off.
      total: { loans: 5, outstandingPrincipal: '20000000.00' },
    });
    const rows = (dimension: string) =>
      body.by[dimension].map((g: Record<string, unknown>) => [
        g.key,
        g.label,
        g.loans,
        g.outstandingPrincipal,
        g.share,
        g.nonPerforming,
        g.allowanceRequired,
      ]);
    expect(rows('product')).toEqual([
      ['MODAL', 'Pinjaman Modal', 3, '13000000.00', '0.650000', '0.00', '65000.00'],
      ['TANI', 'Pinjaman Tani', 2, '7000000.00', '0.350000', '7000000.00', '1900000.00'],
    ]);
    // d is 95 days behind (kurang lancar from 91); e is diragukan by its manager.
    expect(rows('grade')).toEqual([
      ['lancar', 'lancar', 3, '13000000.00', '0.650000', '0.00', '65000.00'],
      ['kurang-lancar', 'kurang-lancar', 1, '4000000.00', '0.200000', '4000000.00', '400000.00'],
      ['diragukan', 'diragukan', 1, '3000000.00', '0.150000', '3000000.00', '1500000.00'],
    ]);
    expect(rows('sector')).toEqual([
      ['agriculture', 'agriculture', 2, '8500000.00', '0.425000', '3000000.00', '1527500.00'],
      ['fisheries', 'fisheries', 1, '4000000.00', '0.200000', '4000000.00', '400000.00'],
      ['trade', 'trade', 2, '7500000.00', '0.375000', '0.00', '37500.00'],
    ]);
    expect(rows('commodity')).toEqual([
      ['chili', 'chili', 1, '5500000.00', '0.275000', '0.00', '27500.00'],
      ['coconut', 'coconut', 1, '3000000.00', '0.150000', '3000000.00', '1500000.00'],
      ['salt', 'salt', 1, '4000000.00', '0.200000', '4000000.00', '400000.00'],
      [null, 'none', 2, '7500000.00', '0.375000', '0.00', '37500.00'],
    ]);
    expect(rows('region')).toEqual([
      ['53', 'Nusa Tenggara Timur', 2, '11500000.00', '0.575000', '0.00', '57500.00'],
      ['71', 'Sulawesi Utara', 1, '3000000.00', '0.150000', '3000000.00', '1500000.00'],
      ['73', 'Sulawesi Selatan', 2, '5500000.00', '0.275000', '4000000.00', '407500.00'],
    ]);
    // b 64 days behind, c 5 (March missed), d 95.
    expect(body.portfolioAtRisk).toEqual([
      { days: 1, loans: 3, outstandingPrincipal: '11000000.00', ratio: '0.550000' },
      { days: 30, loans: 2, outstandingPrincipal: '9500000.00', ratio: '0.475000' },
      { days: 90, loans: 1, outstandingPrincipal: '4000000.00', ratio: '0.200000' },
    ]);
    expect(body.nonPerforming).toEqual({
      loans: 2,
      outstandingPrincipal: '7000000.00',
      ratio: '0.350000',
      band: 'unhealthy',
      bandLabel: 'tidak sehat',
    });
    expect(body.provisions).toEqual({
      required: '1965000.00',
      booked: '1965000.00',
      shortfall: '0.00',
      coverage: '1.000000',
      products: [
        {
          productCode: 'MODAL',
          accountCode: '1-17-MODAL',
          required: '65000.00',
          booked: '65000.00',
          shortfall: '0.00',
          coverage: '1.000000',
        },
        {
          productCode: 'TANI',
          accountCode: '1-17-TANI',
          required: '1900000.00',
          booked: '1900000.00',
          shortfall: '0.00',
          coverage: '1.000000',
        },
      ],
    });
  });

  it('reports earlier dates from what was booked then, the same whenever it is read', async () => {
    const march15 = (await report('?asOf=2027-03-15').expect(200)).body;
    // Before the downgrade and before d reached 91 days: nothing non-performing.
    expect(march15.total).toEqual({ loans: 5, outstandingPrincipal: '21250000.00' });
    expect(march15.nonPerforming).toMatchObject({ ratio: '0.000000', band: 'healthy' });
    expect(march15.portfolioAtRisk.map((p: { ratio: string }) => p.ratio)).toEqual([
      '0.447059',
      '0.447059',
      '0.000000',
    ]);
    expect(march15.provisions).toMatchObject({ required: '106250.00', booked: '106250.00' });
    // f counts until its payoff on 10 January.
    const december = (await report('?asOf=2026-12-31').expect(200)).body;
    expect(december.total).toEqual({ loans: 6, outstandingPrincipal: '26750000.00' });
    expect(december.by.product[0]).toMatchObject({ key: 'MODAL', loans: 4 });

    const before = (await report('?asOf=2027-03-25').expect(200)).body;
    await payDue(loans.b, loans.c);
    await closeThrough('2027-03-27');
    expect((await report('?asOf=2027-03-25').expect(200)).body).toEqual(before);
    expect((await report('?asOf=2027-03-27').expect(200)).body.portfolioAtRisk[0]).toMatchObject({
      loans: 1,
      outstandingPrincipal: '4000000.00',
    });
    expect((await report('').expect(200)).body.asOf).toBe('2027-03-27');
  });

  it('downloads the report as CSV, for managers, supervisors and auditors only', async () => {
    const res = await report('?asOf=2027-03-25&format=csv', auditor).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="KSP-PORTFOLIO-loan-portfolio-2027-03-25.csv"',
    );
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(
      'as_of,currency,section,key,label,loans,outstanding_principal,ratio,non_performing,allowance_required,allowance_booked,band',
    );
    expect(lines[1]).toBe(
      '2027-03-25,IDR,total,,portfolio,5,20000000.00,,7000000.00,1965000.00,1965000.00,',
    );
    expect(lines).toContain(
      '2027-03-25,IDR,region,71,Sulawesi Utara,1,3000000.00,0.150000,3000000.00,1500000.00,,',
    );
    expect(lines).toContain(
      '2027-03-25,IDR,par,90,more than 90 days past due,1,4000000.00,0.200000,,,,',
    );
    expect(lines).toContain(
      '2027-03-25,IDR,npl,kurang-lancar-or-worse,tidak sehat,2,7000000.00,0.350000,7000000.00,,,unhealthy',
    );
    const supervisor = await api.person([{ role: 'supervisor', cooperativeId: coop }]);
    await report('?asOf=2027-03-25', supervisor).expect(200);
    await report('?asOf=2027-03-25', fx.teller).expect(403);
  });

  it('refuses a bad date or format with problem+json', async () => {
    for (const query of [
      '?asOf=2027-02-30',
      '?asOf=25-03-2027',
      '?asOf=2027-03-28',
      '?format=xml',
    ]) {
      const res = await report(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('urn:lumbung:problem:invalid-input');
    }
    await report('?asOf=2027-03-25&by=product').expect(400);
  });
});
