import { uuidv7 } from '@lumbung/core';
import request from 'supertest';
import type { ApiContext, Person } from './api-context';
import { ledgerViolations, noViolations } from './invariants';
import { connectAs } from './postgres';
import { noSavingsViolations, savingsViolations } from './savings-invariants';

/** The terms most suites run on: pokok Rp100,000 once, wajib Rp50,000 a month, sukarela at 4%. */
const standardTerms = {
  pokok: { amount: '100000' },
  wajib: { amount: '50000' },
  sukarela: {
    annualRate: '0.04',
    rateRange: { min: '0.02', max: '0.06' },
    minimumBalance: '10000',
    dayCount: 'actual/365',
    dormantAfterDays: 365,
    withholding: null,
  },
};

/** Valid NIKs of Kota Kupang (53 71), born 15 August 1990, serials from 0001. */
const nik = (serial: number) => `537101150890${String(serial).padStart(4, '0')}`;

export interface RegisteredMember {
  readonly memberId: string;
  readonly memberNumber: string;
  readonly fullName: string;
}

/** A member who paid pokok, so is active, and holds a voluntary account. */
export interface Saver extends RegisteredMember {
  readonly pokok: string;
  readonly sukarela: string;
}

/** One cooperative's savings, driven over HTTP as its staff would. */
export class SavingsFixture {
  /** The product `account()` opens for each kind: the last one `product()` created of it. */
  readonly products: Record<string, string> = {};
  /** Set by `hireStaff()`; products need both managers, members and accounts the teller. */
  managers!: readonly [Person, Person];
  teller!: Person;
  private registered = 0;

  constructor(
    private readonly api: ApiContext,
    readonly cooperativeId: string,
  ) {}

  /** Posts under the cooperative; `key: null` sends no Idempotency-Key, as routes without one expect. */
  post(suffix: string, person: Person, body: object, key: string | null = uuidv7()) {
    const req = request(this.api.server).post(this.path(suffix)).set(person.auth);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  }

  get(suffix: string, person: Person = this.teller) {
    return request(this.api.server).get(this.path(suffix)).set(person.auth);
  }

  approve(requestId: string, person: Person) {
    return this.post(`approvals/${requestId}/approve`, person, {}, null);
  }

  /** Two managers, so that one can approve what the other asks, and a teller. */
  async hireStaff(): Promise<{ managers: readonly [Person, Person]; teller: Person }> {
    const manager = () => this.api.person([{ role: 'manager', cooperativeId: this.cooperativeId }]);
    this.managers = [await manager(), await manager()];
    this.teller = await this.api.person([{ role: 'teller', cooperativeId: this.cooperativeId }]);
    return { managers: this.managers, teller: this.teller };
  }

  hireAuditor(): Promise<Person> {
    return this.api.person([
      { role: 'auditor', cooperativeId: this.cooperativeId, validUntil: '2099-01-01T00:00:00Z' },
    ]);
  }

  /** Asked by one manager, in force once the second approves; returns the approval's result. */
  async fourEyes(suffix: string, body: object) {
    const asked = await this.post(suffix, this.managers[0], body, null).expect(202);
    return (await this.approve(asked.body.id, this.managers[1]).expect(200)).body.result;
  }

  async product(
    code: string,
    kind: string,
    terms: object,
    name = `Simpanan ${kind}`,
  ): Promise<string> {
    const created = await this.fourEyes('savings-products', {
      code,
      kind,
      name,
      currency: 'IDR',
      terms,
    });
    this.products[kind] = created.id as string;
    return this.products[kind];
  }

  /** Creates the standard products of `kinds`, in that order, coded by their kind. */
  async standardProducts(...kinds: Array<keyof typeof standardTerms>): Promise<void> {
    for (const kind of kinds) await this.product(kind.toUpperCase(), kind, standardTerms[kind]);
  }

  /** An applicant registered under the next NIK serial, named `${namePrefix} ${serial}`. */
  async member(namePrefix = 'Anggota'): Promise<RegisteredMember> {
    this.registered += 1;
    const fullName = `${namePrefix} ${this.registered}`;
    const res = await this.post(
      'members',
      this.teller,
      { fullName, identity: { type: 'nik', number: nik(this.registered) } },
      null,
    ).expect(201);
    return { memberId: res.body.id as string, memberNumber: res.body.memberNumber, fullName };
  }

  async account(memberId: string, kind: string): Promise<string> {
    const res = await this.post(
      'savings-accounts',
      this.teller,
      { memberId, productId: this.products[kind] },
      null,
    ).expect(201);
    return res.body.id as string;
  }

  async saver(namePrefix?: string): Promise<Saver> {
    const member = await this.member(namePrefix);
    const pokok = await this.account(member.memberId, 'pokok');
    await this.post(`savings-accounts/${pokok}/deposits`, this.teller, {
      amount: '100000.00',
      currency: 'IDR',
    }).expect(201);
    return { ...member, pokok, sukarela: await this.account(member.memberId, 'sukarela') };
  }

  openTill(teller: Person, float: string, key?: string) {
    return this.post('tills/mine/open', teller, { currency: 'IDR', float }, key);
  }

  /** For afterEach: the ledger and the savings records must still agree after every test. */
  async expectInvariants(): Promise<void> {
    await connectAs(this.api.db.ownerUrl, async (owner) => {
      expect(await ledgerViolations(owner, this.cooperativeId)).toEqual(noViolations);
      expect(await savingsViolations(owner, this.cooperativeId)).toEqual(noSavingsViolations);
    });
  }

  private path(suffix: string): string {
    return `/cooperatives/${this.cooperativeId}/${suffix}`;
  }
}
