import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import {
  annuityTerms,
  CrossBorderFixture,
  expectProblem,
  today,
} from '../support/cross-border-fixture';
import { connectAs } from '../support/postgres';

/**
 * A KSP in Kupang (own capital Rp20bn) lends USD to a partner cooperative in Dili: limits,
 * the manager's request, and the four eyes (plus a supervisor) that release it.
 */
describe('cross-border facilities over HTTP: exposure limits and four eyes', () => {
  let api: ApiContext;
  let coop: string;
  let cb: CrossBorderFixture;
  let requester: Person;
  let approvers: readonly [Person, Person];
  let dili: string;
  let agreement: string;

  const facility = (overrides: object = {}) => ({
    partnerId: dili,
    agreementId: agreement,
    currency: 'USD',
    limit: '100000.00',
    instalments: 24,
    terms: annuityTerms,
    purpose: 'Modal kerja petani kopi anggota koperasi mitra',
    sector: 'agriculture',
    commodity: 'coffee',
    ...overrides,
  });
  const auditCount = (action: string) =>
    connectAs(api.db.ownerUrl, async (owner) =>
      Number(
        (
          await owner.query(
            'SELECT count(*) FROM audit_log WHERE cooperative_id = $1 AND action = $2',
            [coop, action],
          )
        ).rows[0].count,
      ),
    );

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-KUPANG');
    await fundVault(api.app, coop, '20000000000.00');
    cb = new CrossBorderFixture(api, coop);
    await cb.hireStaff();
    requester = cb.managers[0];
    approvers = [cb.managers[1], cb.managers[2]];
    dili = await cb.partner();
    agreement = await cb.agreement(dili);
    await cb.rate('USD', 'IDR', '16250.5');
    await cb.limit({ scope: 'partner', partnerId: dili, amount: '2000000000.00' });
    await cb.limit({ scope: 'country', country: 'TL', amount: '3000000000.00' });
    await cb.fourEyes('cross-border-settings', { supervisorThreshold: '5000000000.00' });
  });

  afterEach(() => cb.expectLedgerIntact());

  afterAll(() => api.close());

  it('shows the limits against own capital', async () => {
    const view = (await cb.get('exposure-limits').expect(200)).body;
    expect(view).toMatchObject({
      currency: 'IDR',
      ownCapital: '20000000000.00',
      supervisorThreshold: '5000000000.00',
    });
    expect(view.limits.map((l: { scope: string; amount: string }) => [l.scope, l.amount])).toEqual([
      ['country', '3000000000.00'],
      ['partner', '2000000000.00'],
    ]);
  });

  it('refuses a facility over the exposure limit with the figures, and writes nothing', async () => {
    const before = await cb.footprint();
    // USD 150,000 x 16,250.5 = Rp2,437,575,000, above the partner's Rp2,000,000,000.
    const res = await cb.post('facilities', requester, facility({ limit: '150000.00' }));
    const problem = expectProblem(res, 422, 'exposure-limit');
    expect(problem).toMatchObject({
      currency: 'IDR',
      ownCapital: '20000000000.00',
      exposure: [
        {
          scope: 'partner',
          key: dili,
          limit: '2000000000.00',
          allowed: '2000000000.00',
          current: '0.00',
          requested: '2437575000.00',
          after: '2437575000.00',
          within: false,
        },
        { scope: 'country', key: 'TL', limit: '3000000000.00', within: true },
      ],
    });
    expect(await cb.footprint()).toEqual(before);
  });

  it('releases a facility only on the second approval by another manager, once', async () => {
    const requested = (await cb.post('facilities', requester, facility()).expect(201)).body;
    expect(requested).toMatchObject({
      status: 'requested',
      currency: 'USD',
      limit: '100000.00',
      functionalEquivalent: '1625050000.00',
      relatedParty: false,
      partner: { country: 'TL' },
    });
    expect(requested.indicativeSchedule.instalments).toHaveLength(24);
    const requestId = requested.approvalRequestId as string;

    // What each approver sees: the equivalent and the exposure after approval.
    const seen = (await cb.get(`approvals/${requestId}`, approvers[0]).expect(200)).body;
    expect(seen).toMatchObject({
      type: 'cross-border.facility.approve',
      amount: { amount: '100000.00', currency: 'USD' },
      functionalEquivalent: '1625050000.00',
      rule: { requiredApprovals: 2, approverRoles: ['manager'], alsoRequiredRoles: [] },
      payload: {
        facilityId: requested.id,
        functionalEquivalent: { amount: '1625050000.00', currency: 'IDR' },
        fxRate: { base: 'USD', quote: 'IDR', rate: '16250.5', date: today, inverted: false },
        exposureAfter: {
          currency: 'IDR',
          lines: [
            { scope: 'partner', current: '0.00', after: '1625050000.00', allowed: '2000000000.00' },
            { scope: 'country', current: '0.00', after: '1625050000.00', allowed: '3000000000.00' },
          ],
        },
      },
    });
    expect(seen.summary).toMatch(/100000\.00 USD = 1625050000\.00 IDR/);

    expectProblem(await cb.approve(requestId, requester), 403, 'self-approval');
    const first = (await cb.approve(requestId, approvers[0]).expect(200)).body;
    expect(first.status).toBe('pending');
    expect((await cb.get(`facilities/${requested.id}`).expect(200)).body.status).toBe('requested');
    expectProblem(await cb.approve(requestId, approvers[0]), 409, 'already-decided');

    const second = (await cb.approve(requestId, approvers[1]).expect(200)).body;
    expect(second).toMatchObject({
      status: 'executed',
      result: {
        facilityId: requested.id,
        status: 'approved',
        functionalEquivalent: { amount: '1625050000.00', currency: 'IDR' },
      },
    });
    const approved = (await cb.get(`facilities/${requested.id}`).expect(200)).body;
    expect(approved).toMatchObject({ status: 'approved', decidedOn: today });
    expectProblem(await cb.approve(requestId, cb.supervisor), 409, 'approval-not-pending');
    expect(await auditCount('cross-border.facility.approve')).toBe(1);
  });

  it('counts open facilities into the exposure a new request would reach', async () => {
    // Rp1,625,050,000 approved; USD 30,000 more is Rp487,515,000: Rp2,112,565,000 in all.
    const problem = expectProblem(
      await cb.post('facilities', requester, facility({ limit: '30000.00' })),
      422,
      'exposure-limit',
    );
    expect(problem.exposure[0]).toMatchObject({
      scope: 'partner',
      current: '1625050000.00',
      requested: '487515000.00',
      after: '2112565000.00',
      within: false,
    });
  });

  it('has a related partner’s facility wait for a supervisor', async () => {
    const related = await cb.partner({
      legalName: 'Cooperativa Agrícola Ermera',
      registryNumber: 'TL-COOP-2020-0107',
      relatedParty: true,
    });
    const relatedAgreement = await cb.agreement(related);
    await cb.limit({ scope: 'partner', partnerId: related, amount: '500000000.00' });
    const requested = (
      await cb
        .post(
          'facilities',
          requester,
          facility({ partnerId: related, agreementId: relatedAgreement, limit: '10000.00' }),
        )
        .expect(201)
    ).body;
    expect(requested).toMatchObject({ relatedParty: true, functionalEquivalent: '162505000.00' });
    const requestId = requested.approvalRequestId as string;
    const seen = (await cb.get(`approvals/${requestId}`, cb.supervisor).expect(200)).body;
    expect(seen.rule.alsoRequiredRoles).toEqual(['supervisor']);
    expect(seen.payload.supervisor.reasons).toEqual(['the partner is a related party']);
    // The country now carries Dili's Rp1,625,050,000 too.
    expect(seen.payload.exposureAfter.lines[1]).toMatchObject({
      scope: 'country',
      current: '1625050000.00',
      after: '1787555000.00',
    });

    for (const manager of approvers) {
      expect((await cb.approve(requestId, manager).expect(200)).body.status).toBe('pending');
    }
    expect((await cb.get(`facilities/${requested.id}`).expect(200)).body.status).toBe('requested');
    const released = (await cb.approve(requestId, cb.supervisor).expect(200)).body;
    expect(released.status).toBe('executed');
    expect((await cb.get(`facilities/${requested.id}`).expect(200)).body.status).toBe('approved');
  });

  it('ends the facility with its rejected request', async () => {
    const requested = (
      await cb.post('facilities', requester, facility({ limit: '1000.00' })).expect(201)
    ).body;
    await cb
      .post(`approvals/${requested.approvalRequestId}/reject`, approvers[0], {
        reason: 'Koperasi mitra belum menyerahkan laporan keuangan',
      })
      .expect(200);
    expect((await cb.get(`facilities/${requested.id}`).expect(200)).body).toMatchObject({
      status: 'rejected',
      decidedOn: today,
    });
  });

  it('lets only one of two requests racing for the same headroom through', async () => {
    const baucau = await cb.partner({
      legalName: 'Cooperativa Baucau Unidade',
      registryNumber: 'TL-COOP-2021-0311',
    });
    const baucauAgreement = await cb.agreement(baucau);
    await cb.limit({ scope: 'partner', partnerId: baucau, amount: '300000000.00' });
    const each = facility({
      partnerId: baucau,
      agreementId: baucauAgreement,
      currency: 'IDR',
      limit: '200000000.00',
    });
    const outcomes = await Promise.all([
      cb.post('facilities', requester, each),
      cb.post('facilities', approvers[0], each),
    ]);
    expect(outcomes.map((r) => r.status).sort()).toEqual([201, 422]);
    const refused = outcomes.find((r) => r.status === 422)!;
    expect(expectProblem(refused, 422, 'exposure-limit').exposure[0]).toMatchObject({
      current: '200000000.00',
      after: '400000000.00',
      allowed: '300000000.00',
    });
  });

  describe('bad input gets 4xx problem+json and writes nothing', () => {
    let before: Record<string, number>;
    let memberId: string;

    beforeAll(async () => {
      const teller = await api.person([{ role: 'teller', cooperativeId: coop }]);
      memberId = (
        await cb
          .post('members', teller, {
            fullName: 'Maria Bere',
            identity: { type: 'nik', number: '5371015508900001' },
          })
          .expect(201)
      ).body.id;
    });

    beforeEach(async () => {
      before = await cb.footprint();
    });

    afterEach(async () => {
      expect(await cb.footprint()).toEqual(before);
    });

    const fields = (body: { errors?: Array<{ field: string }> }) =>
      (body.errors ?? []).map((e) => e.field);

    it('an unknown currency, or one the agreements do not lend in', async () => {
      for (const currency of ['XYZ', 'SGD']) {
        const body = expectProblem(
          await cb.post('facilities', requester, facility({ currency })),
          400,
          'invalid-input',
        );
        expect(fields(body)).toEqual(['currency']);
      }
    });

    it('a missing FX rate for the day: never another day’s', async () => {
      const body = expectProblem(
        await cb.post('facilities', requester, facility({ currency: 'MYR', limit: '1000.00' })),
        422,
        'fx-rate-missing',
      );
      expect(body).toMatchObject({ from: 'MYR', to: 'IDR', date: today });
    });

    it('negative limits, on a facility and on an exposure limit', async () => {
      expect(
        fields(
          expectProblem(
            await cb.post('facilities', requester, facility({ limit: '-100.00' })),
            400,
            'invalid-input',
          ),
        ),
      ).toEqual(['limit']);
      expect(
        fields(
          expectProblem(
            await cb.post('exposure-limits', requester, {
              scope: 'country',
              country: 'TL',
              amount: '-1.00',
            }),
            400,
            'invalid-input',
          ),
        ),
      ).toEqual(['amount']);
    });

    it('a borrower that is not a partner cooperative', async () => {
      // A member of the cooperative: a person, never a borrower abroad.
      expect(
        fields(
          expectProblem(
            await cb.post('facilities', requester, facility({ partnerId: memberId })),
            400,
            'invalid-input',
          ),
        ),
      ).toEqual(['partnerId']);
      const { partnerId: _, ...withoutPartner } = facility();
      const body = expectProblem(
        await cb.post('facilities', requester, { ...withoutPartner, memberId }),
        400,
        'invalid-input',
      );
      expect(fields(body)).toEqual(expect.arrayContaining(['memberId', 'partnerId']));
    });

    it('terms the schedule engine refuses, an agreement of another partner', async () => {
      const body = expectProblem(
        await cb.post(
          'facilities',
          requester,
          facility({ terms: { ...annuityTerms, method: 'balloon', fees: [] } }),
        ),
        400,
        'invalid-input',
      );
      expect(fields(body)).toEqual(['terms.fees', 'terms.method']);
      const other = await connectAs(api.db.ownerUrl, async (owner) => {
        const { rows } = await owner.query(
          `SELECT id FROM cooperation_agreement WHERE cooperative_id = $1 AND partner_id <> $2 LIMIT 1`,
          [coop, dili],
        );
        return rows[0].id as string;
      });
      expect(
        fields(
          expectProblem(
            await cb.post('facilities', requester, facility({ agreementId: other })),
            400,
            'invalid-input',
          ),
        ),
      ).toEqual(['agreementId']);
    });

    it('only a manager requests a facility', async () => {
      expectProblem(await cb.post('facilities', cb.supervisor, facility()), 403, 'forbidden');
    });
  });
});
