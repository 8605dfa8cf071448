import request from 'supertest';
import { ApiContext } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';
import {
  CrossBorderFixture,
  diliPartner,
  expectProblem,
  financingAgreement,
  today,
} from '../support/cross-border-fixture';
import { connectAs } from '../support/postgres';

describe('partner cooperatives, agreements and FX rates over HTTP', () => {
  let api: ApiContext;
  let coop: string;
  let cb: CrossBorderFixture;

  const fields = (body: { errors?: Array<{ field: string }> }) =>
    (body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-MAKASSAR');
    cb = new CrossBorderFixture(api, coop);
    await cb.hireStaff();
  });

  afterAll(() => api.close());

  describe('partners and agreements', () => {
    let sabah: string;

    it('onboards a partner abroad with its officers, audited', async () => {
      const created = (
        await cb
          .post(
            'partners',
            cb.managers[0],
            diliPartner({
              country: 'MY',
              legalName: 'Koperasi Rumah Produksi Bersama Rotan Sabah Berhad',
              registryNumber: 'SKM-SBH-2021-118',
              functionalCurrency: 'MYR',
            }),
          )
          .expect(201)
      ).body;
      expect(created).toMatchObject({
        country: 'MY',
        functionalCurrency: 'MYR',
        status: 'active',
        relatedParty: false,
      });
      sabah = created.id;
      expect((await cb.get(`partners/${sabah}`, cb.supervisor).expect(200)).body.id).toBe(sabah);
      expect((await cb.get('partners').expect(200)).body.items).toHaveLength(1);
      const audit = await connectAs(api.db.ownerUrl, async (owner) =>
        owner.query(
          `SELECT action, actor_id FROM audit_log WHERE cooperative_id = $1 AND target_id = $2`,
          [coop, sabah],
        ),
      );
      expect(audit.rows).toEqual([
        { action: 'cross-border.partner.create', actor_id: cb.managers[0].userId },
      ]);
    });

    it('refuses a partner at home, a registry number twice, and writes nothing', async () => {
      const before = await cb.footprint();
      const home = expectProblem(
        await cb.post('partners', cb.managers[0], diliPartner({ country: 'ID' })),
        400,
        'invalid-input',
      );
      expect(fields(home)).toEqual(['country']);
      expectProblem(
        await cb.post(
          'partners',
          cb.managers[0],
          diliPartner({ country: 'MY', registryNumber: 'SKM-SBH-2021-118' }),
        ),
        409,
        'partner-exists',
      );
      expectProblem(await cb.post('partners', cb.supervisor, diliPartner()), 403, 'forbidden');
      expect(await cb.footprint()).toEqual(before);
    });

    it('records an agreement with its programs, in force on the business date', async () => {
      const agreement = (
        await cb
          .post(
            'agreements',
            cb.managers[1],
            financingAgreement(sabah, {
              reference: 'PKS/MKS-SBH/2026/01',
              programs: [
                { kind: 'shared-production-house', commodities: ['Rattan', 'bamboo'] },
                { kind: 'product-standardisation', commodities: ['rattan'] },
              ],
              renewal: 'automatic',
              renewalMonths: 12,
            }),
          )
          .expect(201)
      ).body;
      expect(agreement).toMatchObject({
        partnerId: sabah,
        inForce: true,
        renewal: 'automatic',
        programs: [
          { kind: 'shared-production-house', commodities: ['rattan', 'bamboo'] },
          { kind: 'product-standardisation', commodities: ['rattan'] },
        ],
      });
      expect(
        (await cb.get(`agreements?partnerId=${sabah}`).expect(200)).body.items.map(
          (a: { id: string }) => a.id,
        ),
      ).toEqual([agreement.id]);
      const unknownPartner = expectProblem(
        await cb.post(
          'agreements',
          cb.managers[1],
          financingAgreement(agreement.id, { reference: 'PKS/X/1' }),
        ),
        400,
        'invalid-input',
      );
      expect(fields(unknownPartner)).toEqual(['partnerId']);
    });

    it('changes a partner’s status and related-party flag, audited before and after', async () => {
      const changed = (
        await request(api.server)
          .patch(cb.path(`partners/${sabah}`))
          .set(cb.managers[0].auth)
          .send({ relatedParty: true })
          .expect(200)
      ).body;
      expect(changed.relatedParty).toBe(true);
      const audit = await connectAs(api.db.ownerUrl, async (owner) =>
        owner.query(
          `SELECT before->>'relatedParty' AS before, after->>'relatedParty' AS after
             FROM audit_log WHERE cooperative_id = $1 AND action = 'cross-border.partner.update'`,
          [coop],
        ),
      );
      expect(audit.rows).toEqual([{ before: 'false', after: 'true' }]);
    });
  });

  describe('FX rates', () => {
    const csv = (lines: string[]) => `date,base,quote,rate,source\n${lines.join('\n')}\n`;

    it('sets entered rates only when a second manager approves', async () => {
      const asked = (
        await cb
          .post('fx-rates', cb.managers[0], {
            rates: [
              { date: today, base: 'MYR', quote: 'IDR', rate: '3650.25', source: 'BI JISDOR' },
            ],
          })
          .expect(202)
      ).body;
      expect(asked).toMatchObject({ type: 'cross-border.fx-rates.set', status: 'pending' });
      expect((await cb.get(`fx-rates?date=${today}`).expect(200)).body.items).toEqual([]);
      expectProblem(await cb.approve(asked.id, cb.managers[0]), 403, 'self-approval');
      await cb.approve(asked.id, cb.managers[1]).expect(200);
      expect((await cb.get(`fx-rates?date=${today}`).expect(200)).body.items).toMatchObject([
        { date: today, base: 'MYR', quote: 'IDR', rate: '3650.25', source: 'BI JISDOR' },
      ]);
    });

    it('imports a rate file, all of it once approved', async () => {
      const asked = (
        await request(api.server)
          .post(cb.path('fx-rates/import'))
          .set(cb.managers[0].auth)
          .set('Content-Type', 'text/csv')
          .send(
            csv([
              '2026-11-19,USD,IDR,16240.25,"Bank Indonesia, JISDOR"',
              '2026-11-20,USD,IDR,16250.5,"Bank Indonesia, JISDOR"',
              '2026-11-19,MYR,IDR,3649.1,BI JISDOR',
            ]),
          )
          .expect(202)
      ).body;
      expect(asked.payload.rates).toHaveLength(3);
      const result = (await cb.approve(asked.id, cb.managers[2]).expect(200)).body.result;
      expect(result.rates).toHaveLength(3);
      const usd = (await cb.get('fx-rates?currency=USD').expect(200)).body.items;
      // Pages follow ids; ids minted in the same millisecond need not follow the file's order.
      const byDate = usd.map((r: { date: string; rate: string }) => [r.date, r.rate]).sort();
      expect(byDate).toEqual([
        ['2026-11-19', '16240.25'],
        ['2026-11-20', '16250.5'],
      ]);
    });

    it('refuses a file with bad lines, naming each, and writes nothing', async () => {
      const before = await cb.footprint();
      const res = await request(api.server)
        .post(cb.path('fx-rates/import'))
        .set(cb.managers[0].auth)
        .set('Content-Type', 'text/csv')
        .send(
          csv([
            '2026-11-18,USD,IDR,16230,BI',
            '2026-11-18,USD,XYZ,1,BI',
            '2026-11-18,MYR,IDR,-3650,BI',
            '2026-11-21,MYR,IDR,3650,BI',
          ]),
        );
      const problem = expectProblem(res, 400, 'invalid-input');
      expect(problem.rows).toEqual([
        { line: 3, errors: [{ field: 'quote', message: 'a supported ISO 4217 currency code' }] },
        { line: 4, errors: [expect.objectContaining({ field: 'rate' })] },
        {
          line: 5,
          errors: [{ field: 'date', message: `not after the business date ${today}` }],
        },
      ]);
      expect(fields(problem)).toEqual(['line 3: quote', 'line 4: rate', 'line 5: date']);
      expect(await cb.footprint()).toEqual(before);
    });

    it('takes the file as JSON too, and refuses a rate already set for that day', async () => {
      const before = await cb.footprint();
      const res = await cb.post('fx-rates/import', cb.managers[0], {
        csv: csv(['2026-11-20,IDR,USD,0.0000615365,BI']),
      });
      const problem = expectProblem(res, 409, 'fx-rate-exists');
      expect(problem.existing).toMatchObject([{ base: 'USD', quote: 'IDR', date: today }]);
      expectProblem(
        await cb.post('fx-rates/import', cb.managers[0], { file: 'x' }),
        400,
        'invalid-input',
      );
      expectProblem(
        await cb.post('fx-rates', cb.managers[0], {
          rates: [{ date: today, base: 'XYZ', quote: 'IDR', rate: '1', source: 'BI' }],
        }),
        400,
        'invalid-input',
      );
      expect(await cb.footprint()).toEqual(before);
    });
  });
});
