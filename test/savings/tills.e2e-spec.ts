import { Decimal, Money, uuidv7 } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { ChartService, PostingService } from '@lumbung/ledger';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';
import { ledgerViolations, noViolations } from '../support/invariants';
import { connectAs } from '../support/postgres';
import { SavingsFixture } from '../support/savings-fixture';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;
const vaultOpening = '50000000.00';

/** Rupiah notes adding up to `amount` (a multiple of Rp1,000 here). */
function countOf(amount: string) {
  const total = new Decimal(amount);
  const hundreds = total.divToInt(100000);
  const thousands = total.minus(hundreds.times(100000)).div(1000);
  return [
    { denomination: '100000', pieces: hundreds.toNumber() },
    { denomination: '1000', pieces: thousands.toNumber() },
  ];
}

describe('vault and tills over HTTP', () => {
  let api: ApiContext;
  let coop: string;
  let otherCoop: string;
  let fx: SavingsFixture;
  let manager: Person;
  let supervisor: Person;
  let auditor: Person;
  let vault: string;
  let overShort: string;

  const scope = () => api.app.get(TransactionScope);
  const transfer = (teller: Person, direction: string, amount: string) =>
    fx.post('tills/mine/transfers', teller, { currency: 'IDR', direction, amount });
  const close = (teller: Person, count: unknown) =>
    fx.post('tills/mine/close', teller, { currency: 'IDR', count });

  const balance = async (accountId: string): Promise<string> => {
    const res = await fx.get(`accounts/${accountId}`, manager).expect(200);
    return new Decimal(res.body.balances[0].balance).toFixed(2);
  };
  const mine = async (teller: Person) =>
    (await fx.get('tills/mine', teller).expect(200)).body.items;
  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await scope().run((tx) => tx.query<{ n: string }>(sql, params)))[0].n);
  const teller = () => api.person([{ role: 'teller', cooperativeId: coop }]);

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-TILLS');
    otherCoop = await createCooperative(api.app, 'KSP-TILLS-B');
    fx = new SavingsFixture(api, coop);
    manager = await api.person([{ role: 'manager', cooperativeId: coop }]);
    supervisor = await api.person([{ role: 'supervisor', cooperativeId: coop }]);
    auditor = await fx.hireAuditor();
    await scope().run(async (tx) => {
      const charts = api.app.get(ChartService);
      vault = (await charts.accountByCode(tx, coop, '1-1101')).id;
      overShort = (await charts.accountByCode(tx, coop, '5-9101')).id;
      const equity = (await charts.accountByCode(tx, coop, '3-3901')).id;
      const amount = Money.parse(vaultOpening, 'IDR');
      await api.app.get(PostingService).post(tx, coop, {
        description: 'Saldo awal kas brankas',
        source: { type: 'test.opening-balance' },
        postings: [
          { accountId: vault, amount },
          { accountId: equity, amount: amount.negated() },
        ],
      });
    });
  });

  afterAll(() => api.close());

  it('opens a till with a float from the vault, on a leaf of its own under Kas Teller', async () => {
    const ana = await teller();
    const vaultBefore = await balance(vault);
    const opened = await fx.openTill(ana, '5000000').expect(201);
    expect(opened.body).toMatchObject({
      status: 'open',
      currency: 'IDR',
      openingFloat: '5000000.00',
      businessDate: '2026-11-20',
      tellerId: ana.userId,
      tellerUsername: ana.username,
    });
    const leaf = await fx.get(`accounts/${opened.body.tillAccountId}`, manager).expect(200);
    expect(leaf.body.account).toMatchObject({
      code: expect.stringMatching(/^1-1102-\d{4}$/),
      name: `Kas Teller ${ana.username}`,
      currency: 'IDR',
    });
    expect(await balance(opened.body.tillAccountId)).toBe('5000000.00');
    expect(new Decimal(vaultBefore).minus(await balance(vault)).toFixed(2)).toBe('5000000.00');
    expect(await mine(ana)).toEqual([opened.body]);

    const again = await fx.openTill(ana, '1000.00').expect(409);
    expect(again.body).toMatchObject({
      type: problem('till-already-open'),
      sessionId: opened.body.id,
    });
  });

  it('replays a retried open without moving the float twice', async () => {
    const budi = await teller();
    const key = uuidv7();
    const first = await fx.openTill(budi, '250000.00', key).expect(201);
    const vaultAfter = await balance(vault);
    const retry = await fx.openTill(budi, '250000.00', key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await balance(vault)).toBe(vaultAfter);
    expect(await balance(first.body.tillAccountId)).toBe('250000.00');

    const other = await teller();
    const stolen = await fx.openTill(other, '250000.00', key).expect(422);
    expect(stolen.body.type).toBe(problem('idempotency-key-reused'));
  });

  it('opens one session when a teller opens twice at once', async () => {
    const rina = await teller();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => fx.openTill(rina, '10000.00')),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await mine(rina)).toHaveLength(1);
    expect(await balance((await mine(rina))[0].tillAccountId)).toBe('10000.00');
  });

  it('refuses a float larger than the vault holds, writing nothing', async () => {
    const citra = await teller();
    const entries = await count('SELECT count(*) AS n FROM journal_entry', []);
    const accounts = await count('SELECT count(*) AS n FROM account WHERE cooperative_id = $1', [
      coop,
    ]);
    const res = await fx.openTill(citra, '999999999.00').expect(422);
    expect(res.body.type).toBe(problem('insufficient-funds'));
    expect(await mine(citra)).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM journal_entry', [])).toBe(entries);
    expect(await count('SELECT count(*) AS n FROM account WHERE cooperative_id = $1', [coop])).toBe(
      accounts,
    );
    expect(await count('SELECT count(*) AS n FROM till WHERE teller_id = $1', [citra.userId])).toBe(
      0,
    );
  });

  it('moves cash between the vault and an open till, never below zero on either side', async () => {
    const dewi = await teller();
    await transfer(dewi, 'vault-to-till', '1000.00').expect(409);
    const { tillAccountId } = (await fx.openTill(dewi, '0').expect(201)).body;
    const vaultBefore = new Decimal(await balance(vault));

    const toTill = await transfer(dewi, 'vault-to-till', '3000000.00').expect(201);
    expect(toTill.body).toMatchObject({
      direction: 'vault-to-till',
      amount: '3000000.00',
      currency: 'IDR',
    });
    await transfer(dewi, 'till-to-vault', '1200000.00').expect(201);
    expect(await balance(tillAccountId)).toBe('1800000.00');
    expect(vaultBefore.minus(await balance(vault)).toFixed(2)).toBe('1800000.00');

    const overdraw = await transfer(dewi, 'till-to-vault', '1800000.01').expect(422);
    expect(overdraw.body.type).toBe(problem('insufficient-funds'));
    const tooMuch = await transfer(dewi, 'vault-to-till', '999999999.00').expect(422);
    expect(tooMuch.body.type).toBe(problem('insufficient-funds'));
    expect(await balance(tillAccountId)).toBe('1800000.00');
  });

  it.each([
    ['a zero amount', { currency: 'IDR', direction: 'vault-to-till', amount: '0' }, 'amount'],
    ['a negative amount', { currency: 'IDR', direction: 'till-to-vault', amount: '-5' }, 'amount'],
    [
      'too many decimals',
      { currency: 'IDR', direction: 'vault-to-till', amount: '1.001' },
      'amount',
    ],
    ['an exponent', { currency: 'IDR', direction: 'vault-to-till', amount: '1e6' }, 'amount'],
    ['a number', { currency: 'IDR', direction: 'vault-to-till', amount: 1000 }, 'amount'],
    ['no direction', { currency: 'IDR', amount: '1000' }, 'direction'],
    ['another currency', { currency: 'USD', direction: 'vault-to-till', amount: '10' }, 'currency'],
    [
      'no currency code',
      { currency: 'rupiah', direction: 'vault-to-till', amount: '10' },
      'currency',
    ],
  ])('refuses a transfer with %s with 400 naming the field', async (_, body, field) => {
    const eko = await teller();
    await fx.openTill(eko, '0').expect(201);
    const entries = await count('SELECT count(*) AS n FROM journal_entry', []);
    const res = await fx.post('tills/mine/transfers', eko, body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await count('SELECT count(*) AS n FROM journal_entry', [])).toBe(entries);
  });

  it('closes on an exact count: the cash goes back to the vault and the session is closed', async () => {
    const fajar = await teller();
    const vaultBefore = await balance(vault);
    const { tillAccountId, id } = (await fx.openTill(fajar, '2500000.00').expect(201)).body;
    await transfer(fajar, 'vault-to-till', '500000.00').expect(201);
    const closed = await close(fajar, countOf('3000000')).expect(200);
    expect(closed.body).toMatchObject({
      id,
      status: 'closed',
      counted: '3000000.00',
      bookBalance: '3000000.00',
      difference: '0.00',
      approvalId: null,
      cashCount: [
        { denomination: '100000', pieces: 30 },
        { denomination: '1000', pieces: 0 },
      ],
    });
    expect(closed.body.closedAt).toEqual(expect.any(String));
    expect(await balance(tillAccountId)).toBe('0.00');
    expect(await balance(vault)).toBe(vaultBefore);
    expect(await mine(fajar)).toEqual([]);
    await transfer(fajar, 'vault-to-till', '1000.00').expect(409);

    const reopened = await fx.openTill(fajar, '100000.00').expect(201);
    expect(reopened.body.tillAccountId).toBe(tillAccountId);
  });

  it.each([
    ['no count', {}, 'count'],
    ['an empty count', { count: [] }, 'count'],
    [
      'a note that does not exist',
      { count: [{ denomination: '75000', pieces: 1 }] },
      'count[0].denomination',
    ],
    ['negative pieces', { count: [{ denomination: '1000', pieces: -1 }] }, 'count[0].pieces'],
    ['fractional pieces', { count: [{ denomination: '1000', pieces: 1.5 }] }, 'count[0].pieces'],
    [
      'a denomination counted twice',
      {
        count: [
          { denomination: '1000', pieces: 1 },
          { denomination: '1000.00', pieces: 2 },
        ],
      },
      'count[1].denomination',
    ],
  ])('refuses a close with %s with 400 naming the field', async (_, body, field) => {
    const gita = await teller();
    await fx.openTill(gita, '1000.00').expect(201);
    const res = await fx.post('tills/mine/close', gita, { currency: 'IDR', ...body }).expect(400);
    expect(res.body.type).toBe(problem('invalid-input'));
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await mine(gita))[0].status).toBe('open');
  });

  it('posts a shortfall only once a manager other than the teller approves it', async () => {
    const hadi = await teller();
    const otherTeller = await teller();
    const { tillAccountId, id } = (await fx.openTill(hadi, '1000000.00').expect(201)).body;
    const overShortBefore = await balance(overShort);
    const vaultBefore = new Decimal(await balance(vault));

    const counted = await close(hadi, countOf('950000')).expect(202);
    expect(counted.body).toMatchObject({
      type: 'savings.till.difference',
      status: 'pending',
      makerId: hadi.userId,
      amount: { amount: '50000.00', currency: 'IDR' },
      payload: {
        sessionId: id,
        counted: '950000.00',
        bookBalance: '1000000.00',
        difference: '-50000.00',
      },
    });
    const [session] = await mine(hadi);
    expect(session).toMatchObject({ status: 'closing', approvalId: counted.body.id });
    expect(await balance(overShort)).toBe(overShortBefore);
    expect(await balance(tillAccountId)).toBe('1000000.00');
    expect((await transfer(hadi, 'till-to-vault', '1000.00').expect(409)).body.type).toBe(
      problem('till-not-open'),
    );
    expect((await fx.openTill(hadi, '0').expect(409)).body.type).toBe(problem('till-already-open'));
    const recount = await close(hadi, countOf('1000000')).expect(409);
    expect(recount.body.type).toBe(problem('till-difference-pending'));

    expect((await fx.approve(counted.body.id, hadi).expect(403)).body.type).toBe(
      problem('self-approval'),
    );
    await fx.approve(counted.body.id, otherTeller).expect(403);
    await fx.approve(counted.body.id, auditor).expect(403);
    expect(await balance(overShort)).toBe(overShortBefore);

    const approved = await fx.approve(counted.body.id, manager).expect(200);
    expect(approved.body).toMatchObject({
      status: 'executed',
      result: { sessionId: id, difference: '-50000.00' },
    });
    expect(new Decimal(await balance(overShort)).minus(overShortBefore).toFixed(2)).toBe(
      '50000.00',
    );
    expect(await balance(tillAccountId)).toBe('0.00');
    expect(new Decimal(await balance(vault)).minus(vaultBefore).toFixed(2)).toBe('950000.00');
    expect(await mine(hadi)).toEqual([]);
  });

  it('posts an overage as income to Selisih Kas after approval', async () => {
    const indah = await teller();
    const { tillAccountId } = (await fx.openTill(indah, '1000000.00').expect(201)).body;
    const overShortBefore = await balance(overShort);
    const vaultBefore = new Decimal(await balance(vault));
    const counted = await close(indah, countOf('1020000')).expect(202);
    expect(counted.body.payload.difference).toBe('20000.00');
    await fx.approve(counted.body.id, manager).expect(200);
    expect(new Decimal(await balance(overShort)).minus(overShortBefore).toFixed(2)).toBe(
      '-20000.00',
    );
    expect(await balance(tillAccountId)).toBe('0.00');
    expect(new Decimal(await balance(vault)).minus(vaultBefore).toFixed(2)).toBe('1020000.00');
  });

  it('lets the teller count again after a rejected difference', async () => {
    const joko = await teller();
    const { tillAccountId } = (await fx.openTill(joko, '500000.00').expect(201)).body;
    const counted = await close(joko, countOf('400000')).expect(202);
    await fx
      .post(`approvals/${counted.body.id}/reject`, manager, {
        reason: 'count the drawer again',
      })
      .expect(200);
    const overShortBefore = await balance(overShort);
    const recounted = await close(joko, countOf('500000')).expect(200);
    expect(recounted.body).toMatchObject({ status: 'closed', approvalId: null });
    expect(await balance(overShort)).toBe(overShortBefore);
    expect(await balance(tillAccountId)).toBe('0.00');
  });

  it('lists the sessions of a business date for managers, supervisors and auditors', async () => {
    for (const reader of [manager, supervisor, auditor]) {
      const res = await fx.get('till-sessions?businessDate=2026-11-20&limit=3', reader).expect(200);
      expect(res.body.items).toHaveLength(3);
      expect(res.body.next).toBe(res.body.items[2].id);
      const next = await fx.get(
        `till-sessions?businessDate=2026-11-20&after=${res.body.next}`,
        reader,
      );
      expect(next.body.items[0].id > res.body.next).toBe(true);
    }
    const all = await fx.get('till-sessions?limit=200', manager).expect(200);
    const statuses = new Set(all.body.items.map((s: { status: string }) => s.status));
    expect(statuses).toEqual(new Set(['open', 'closed']));
    expect((await fx.get('till-sessions?businessDate=2026-11-21', manager)).body.items).toEqual([]);
    const bad = await fx.get('till-sessions?businessDate=20-11-2026', manager).expect(400);
    expect(bad.body.errors[0].field).toBe('businessDate');
    await fx.get('till-sessions', await teller()).expect(403);
  });

  it('keeps tills to their own cooperative and to tellers', async () => {
    const outsider = await api.person([{ role: 'teller', cooperativeId: otherCoop }]);
    const res = await fx.openTill(outsider, '1000.00').expect(404);
    expect(res.body.type).toBe(problem('not-found'));
    expect((await fx.openTill(auditor, '1000.00').expect(403)).body.type).toBe(
      problem('forbidden'),
    );
    await fx.openTill(manager, '1000.00').expect(403);
    await fx.get('tills/mine', supervisor).expect(403);
  });

  it('keeps every session and every till', async () => {
    await connectAs(api.db.ownerUrl, async (owner) => {
      await expect(owner.query('DELETE FROM till_session')).rejects.toThrow(/append-only/);
      await expect(owner.query('UPDATE till SET currency = currency')).rejects.toThrow(
        /append-only/,
      );
      await expect(
        owner.query(`UPDATE till_session SET status = 'open' WHERE status = 'closed'`),
      ).rejects.toThrow(/cannot go from closed/);
    });
  });

  it('leaves the books balanced', async () => {
    await connectAs(api.db.ownerUrl, async (owner) => {
      expect(await ledgerViolations(owner, coop)).toEqual(noViolations);
    });
    const tb = await fx.get('trial-balance', manager).expect(200);
    expect(tb.body.balanced).toBe(true);
    const line = (code: string) => tb.body.lines.find((l: { code: string }) => l.code === code);
    // Cash only moved between the vault and tills, except the Rp50,000 short and Rp20,000 over.
    expect(line('1-11').balance).toBe('49970000.00');
    expect(line('5-9101').balance).toBe('30000.00');
  });
});
