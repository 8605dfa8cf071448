import request from 'supertest';
import type { ApiContext, Person } from './api-context';
import { ledgerViolations, noViolations } from './invariants';
import { connectAs } from './postgres';

/** The Kupang KSP's business date in these suites (kspNamed). */
export const today = '2026-11-20';

/** A partner cooperative in Dili, Timor-Leste, keeping its books in USD. */
export function diliPartner(overrides: object = {}): object {
  return {
    country: 'TL',
    legalName: 'Cooperativa de Crédito Hadomi Dili',
    registryNumber: 'TL-COOP-2019-0042',
    functionalCurrency: 'USD',
    officers: [
      { fullName: 'Joana da Costa', position: 'Presidente' },
      { fullName: 'Mateus Soares', position: 'Tesoureiro' },
    ],
    ...overrides,
  };
}

/** A cooperation agreement with a financing program for coffee, in force on `today`. */
export function financingAgreement(partnerId: string, overrides: object = {}): object {
  return {
    partnerId,
    reference: `PKS/KPG-DIL/2026/${partnerId.slice(-6)}`,
    title: 'Pembiayaan petani kopi Ermera melalui koperasi mitra',
    signedOn: '2026-10-01',
    effectiveFrom: '2026-10-01',
    effectiveTo: '2029-09-30',
    programs: [{ kind: 'financing', commodities: ['coffee', 'vanilla'] }, { kind: 'training' }],
    ...overrides,
  };
}

/** Monthly annuity at 8% a year: the loans schedule engine's terms for a facility. */
export const annuityTerms = { method: 'annuity', ratePer: 'year', rate: '0.08' };

/** One cooperative's cross-border business, driven over HTTP as its managers would. */
export class CrossBorderFixture {
  /** The first asks, the other two approve. */
  managers!: readonly [Person, Person, Person];
  supervisor!: Person;

  constructor(
    private readonly api: ApiContext,
    readonly cooperativeId: string,
  ) {}

  async hireStaff(): Promise<void> {
    const inCoop = (role: 'manager' | 'supervisor') =>
      this.api.person([{ role, cooperativeId: this.cooperativeId }]);
    this.managers = [await inCoop('manager'), await inCoop('manager'), await inCoop('manager')];
    this.supervisor = await inCoop('supervisor');
  }

  path(suffix: string): string {
    return `/cooperatives/${this.cooperativeId}/${suffix}`;
  }

  post(suffix: string, person: Person, body: object) {
    return request(this.api.server).post(this.path(suffix)).set(person.auth).send(body);
  }

  get(suffix: string, person: Person = this.managers[0]) {
    return request(this.api.server).get(this.path(suffix)).set(person.auth);
  }

  approve(requestId: string, person: Person) {
    return this.post(`approvals/${requestId}/approve`, person, {});
  }

  /** Asked by the first manager, in force once the second approves; returns the result. */
  async fourEyes(suffix: string, body: object) {
    const asked = await this.post(suffix, this.managers[0], body).expect(202);
    return (await this.approve(asked.body.id, this.managers[1]).expect(200)).body.result;
  }

  async partner(overrides: object = {}): Promise<string> {
    return (await this.post('partners', this.managers[0], diliPartner(overrides)).expect(201)).body
      .id as string;
  }

  async agreement(partnerId: string, overrides: object = {}): Promise<string> {
    return (
      await this.post(
        'agreements',
        this.managers[0],
        financingAgreement(partnerId, overrides),
      ).expect(201)
    ).body.id as string;
  }

  rate(base: string, quote: string, rate: string, date = today) {
    return this.fourEyes('fx-rates', {
      rates: [{ date, base, quote, rate, source: 'Bank Indonesia JISDOR' }],
    });
  }

  limit(body: object) {
    return this.fourEyes('exposure-limits', body);
  }

  /** How many rows `table` holds for this cooperative (as the owner, past any grant). */
  count(table: string): Promise<number> {
    return connectAs(this.api.db.ownerUrl, async (owner) =>
      Number(
        (
          await owner.query(`SELECT count(*) FROM ${table} WHERE cooperative_id = $1`, [
            this.cooperativeId,
          ])
        ).rows[0].count,
      ),
    );
  }

  /** The rows a bad request must leave as they were. */
  async footprint(): Promise<Record<string, number>> {
    const tables = [
      'partner_cooperative',
      'cooperation_agreement',
      'fx_rate',
      'exposure_limit',
      'cross_border_facility',
      'approval_request',
      'audit_log',
    ];
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = await this.count(table);
    return counts;
  }

  async expectLedgerIntact(): Promise<void> {
    await connectAs(this.api.db.ownerUrl, async (owner) => {
      expect(await ledgerViolations(owner, this.cooperativeId)).toEqual(noViolations);
    });
  }
}

/** Expects an RFC 9457 problem of `status` and slug `slug`; returns its body. */
export function expectProblem(res: request.Response, status: number, slug: string) {
  expect({ status: res.status, type: res.body.type }).toEqual({
    status,
    type: `urn:lumbung:problem:${slug}`,
  });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.body;
}
