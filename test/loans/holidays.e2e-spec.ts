import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { SavingsFixture } from '../support/savings-fixture';

describe('holidays move due dates where the product says so', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let teller: Person;
  let managers: readonly [Person, Person];

  const holidays = (suffix = '') => `/cooperatives/${coop}/holidays${suffix}`;

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-LIBUR');
    await fundVault(api.app, coop, '50000000.00');
    fx = new SavingsFixture(api, coop);
    ({ managers, teller } = await fx.hireStaff());
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(teller, '5000000.00').expect(201);
  });

  afterAll(() => api.close());

  it('moves a due date off a Sunday and a declared holiday, and back when it is withdrawn', async () => {
    await request(api.server)
      .post(holidays())
      .set(managers[0].auth)
      .send({ date: '2027-01-20', name: 'Hari libur daerah' })
      .expect(201);
    await request(api.server)
      .post(holidays())
      .set(managers[0].auth)
      .send({ date: '2027-02-20', name: 'Hari libur keliru' })
      .expect(201);
    await request(api.server)
      .post(holidays('/2027-02-20/withdrawal'))
      .set(managers[0].auth)
      .send({ reason: 'Salah tanggal' })
      .expect(200);
    const listed = await request(api.server).get(holidays()).set(teller.auth).expect(200);
    expect(listed.body.map((h: { date: string }) => h.date)).toEqual(['2027-01-20']);
    await request(api.server)
      .post(holidays())
      .set(teller.auth)
      .send({ date: '2027-03-01', name: 'x' })
      .expect(403);
    const bad = await request(api.server)
      .post(holidays())
      .set(managers[0].auth)
      .send({ date: '2027-02-30', name: '' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['date', 'name']);

    const product = await fx.fourEyes('loan-products', {
      code: 'LIBUR',
      name: 'Pinjaman Hari Kerja',
      currency: 'IDR',
      terms: {
        method: 'flat',
        ratePer: 'month',
        rate: '0.01',
        maxRate: '0.01',
        minTerm: 3,
        maxTerm: 12,
        minAmount: '500000',
        maxAmount: '10000000',
        roundingUnit: '100',
        holidayRule: 'next-business-day',
      },
    });
    const borrower = await fx.saver('Petani');
    const applied = await fx
      .post(
        'loans',
        teller,
        {
          memberId: borrower.memberId,
          productId: product.id,
          amount: '3000000.00',
          instalments: 3,
          purpose: 'Bibit jagung',
          sector: 'agriculture',
          commodity: 'corn',
        },
        null,
      )
      .expect(201);
    const dueDates = (body: { schedule: { instalments: Array<{ dueDate: string }> } }) =>
      body.schedule.instalments.map((i) => i.dueDate);
    // 20 December 2026 is a Sunday; 20 January 2027 is declared; 20 February was withdrawn.
    expect(dueDates(applied.body)).toEqual(['2026-12-21', '2027-01-21', '2027-02-20']);
    for (const manager of managers) {
      await fx.approve(applied.body.approvalRequestId, manager).expect(200);
    }
    const disbursed = await fx
      .post(`loans/${applied.body.id}/disbursement`, teller, { channel: 'cash' })
      .expect(201);
    expect(dueDates(disbursed.body)).toEqual(['2026-12-21', '2027-01-21', '2027-02-20']);
    expect(disbursed.body.schedule.instalments[0].total).toBe('1030000.00');
  });
});
