import { uuidv7 } from '@lumbung/core';
import type { Client } from 'pg';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { connectAs } from '../support/postgres';
import { SavingsFixture } from '../support/savings-fixture';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;

interface AccountView {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly balance: string;
  readonly closedOn?: string;
}

describe('member exit and death over HTTP: arrears settled, savings paid out, accounts closed', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let managers: readonly Person[];
  let teller: Person;
  let auditor: Person;
  let tillAccountId: string;

  const owner = <T>(run: (client: Client) => Promise<T>) => connectAs(api.db.ownerUrl, run);
  const ledgerBalance = (accountId: string) =>
    owner(async (client) => {
      const { rows } = await client.query<{ balance: string }>(
        'SELECT balance::text FROM ledger_balance WHERE cooperative_id = $1 AND account_id = $2',
        [coop, accountId],
      );
      return Number(rows[0].balance);
    });

  const deposit = (accountId: string, amount: string) =>
    fx.post(`savings-accounts/${accountId}/deposits`, teller, { amount, currency: 'IDR' });

  /** An active member with pokok paid and a voluntary account holding `voluntary`. */
  async function saver(voluntary: string) {
    const { memberId, sukarela } = await fx.saver();
    await deposit(sukarela, voluntary).expect(201);
    return { memberId, sukarela };
  }

  const exit = (memberId: string, body: object, person: Person = teller) =>
    fx.post(`members/${memberId}/exit`, person, body);
  const savingsOf = async (memberId: string) =>
    (await fx.get(`members/${memberId}/savings-accounts`).expect(200)).body as AccountView[];

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-MEMBER-EXIT');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    ({ managers, teller } = await fx.hireStaff());
    auditor = await fx.hireAuditor();
    await fx.standardProducts('pokok', 'wajib', 'sukarela');
    await fx.product('BERJANGKA', 'berjangka', {
      annualRate: '0.06',
      rateRange: { min: '0.05', max: '0.08' },
      termMonths: 3,
      minimumAmount: '1000000',
      earlyWithdrawalPenaltyRate: '0.01',
      maturityInstruction: 'pay-to-voluntary',
    });
    const till = await fx.openTill(teller, '30000000.00').expect(201);
    tillAccountId = till.body.tillAccountId as string;
  });

  afterEach(() => fx.expectInvariants());

  afterAll(() => api.close());

  it('settles wajib arrears from voluntary savings and pays everything out on one receipt', async () => {
    const { memberId, sukarela } = await saver('400000.00');
    const wajib = await fx.account(memberId, 'wajib');
    // Joined in August: with one month paid, September to November (today) are in arrears.
    await owner((client) =>
      client.query(
        `UPDATE savings_account SET opened_on = '2026-08-03' WHERE cooperative_id = $1 AND id = $2`,
        [coop, wajib],
      ),
    );
    await fx.post(`savings-accounts/${wajib}/wajib-collections`, teller, { months: 1 }).expect(201);
    const tillBefore = await ledgerBalance(tillAccountId);

    await exit(memberId, { reason: 'exit', note: 'Pindah ke Dili' }, auditor).expect(403);
    const asked = await exit(memberId, { reason: 'exit', note: 'Pindah ke Dili' }).expect(202);
    expect(asked.body).toMatchObject({
      type: 'savings.member.exit',
      status: 'pending',
      amount: { amount: '550000.00', currency: 'IDR' },
      functionalEquivalent: '550000.00',
      payload: {
        settlement: {
          totalPaidOut: '550000.00',
          wajibArrears: {
            monthsDue: 3,
            monthsSettled: 3,
            months: { from: '2026-09', through: '2026-11' },
            amountSettled: '150000.00',
          },
        },
      },
    });
    expect(asked.body.summary).toMatch(/^Exit of member \d{6} Anggota \d+: pay 550000.00 IDR/);
    expect(await ledgerBalance(tillAccountId)).toBe(tillBefore);

    expect((await fx.approve(asked.body.id, teller).expect(403)).body.type).toBe(
      problem('self-approval'),
    );
    const done = await fx.approve(asked.body.id, managers[0]).expect(200);
    expect(done.body).toMatchObject({
      status: 'executed',
      result: { memberId, status: 'exited', paidTo: 'member', heirs: [], tellerId: teller.userId },
    });
    const lines = done.body.result.settlement.lines.map(
      (l: { kind: string; balance: string; arrearsMoved: string; paidOut: string }) => [
        l.kind,
        l.balance,
        l.arrearsMoved,
        l.paidOut,
      ],
    );
    expect(lines).toEqual([
      ['pokok', '100000.00', '0.00', '100000.00'],
      ['sukarela', '400000.00', '-150000.00', '250000.00'],
      ['wajib', '50000.00', '150000.00', '200000.00'],
    ]);

    expect(await ledgerBalance(tillAccountId)).toBe(tillBefore - 550000);
    const accounts = await savingsOf(memberId);
    expect(accounts.map((a) => [a.status, a.balance])).toEqual([
      ['closed', '0.00'],
      ['closed', '0.00'],
      ['closed', '0.00'],
    ]);
    expect(accounts.find((a) => a.id === wajib)).toMatchObject({
      wajib: { paidThrough: '2026-11' },
    });
    expect((await fx.get(`members/${memberId}`).expect(200)).body.status).toBe('exited');
    const { receiptNumber, entryId } = done.body.result;
    const recorded = await owner(async (client) => ({
      entries: (
        await client.query(
          `SELECT id, voucher_series, voucher_number::text FROM journal_entry
            WHERE cooperative_id = $1 AND source_type = 'savings.member.exit' AND source_id = $2`,
          [coop, memberId],
        )
      ).rows,
      savings: (
        await client.query(
          `SELECT operation, savings_account_id, direction, amount::text, cash,
                  receipt_number::text, approval_id
             FROM savings_transaction WHERE cooperative_id = $1 AND entry_id = $2
            ORDER BY recorded_at`,
          [coop, entryId],
        )
      ).rows,
    }));
    expect(recorded.entries).toEqual([
      { id: entryId, voucher_series: 'receipt', voucher_number: receiptNumber },
    ]);
    const row = (operation: string, accountId: string, direction: string, amount: string) =>
      expect.objectContaining({ operation, savings_account_id: accountId, direction, amount });
    expect(recorded.savings).toEqual([
      row('exit-settlement', sukarela, 'out', '150000.00'),
      row('exit-settlement', wajib, 'in', '150000.00'),
      row('exit-payout', accounts[0].id, 'out', '100000.00'),
      row('exit-payout', sukarela, 'out', '250000.00'),
      row('exit-payout', wajib, 'out', '200000.00'),
    ]);
    expect(recorded.savings.map((r) => [r.cash, r.receipt_number, r.approval_id])).toEqual([
      [false, receiptNumber, asked.body.id],
      [false, null, asked.body.id],
      [true, null, asked.body.id],
      [true, null, asked.body.id],
      [true, null, asked.body.id],
    ]);

    expect((await deposit(sukarela, '1000.00').expect(422)).body.type).toBe(
      problem('account-closed'),
    );
    const again = await exit(memberId, {
      reason: 'death',
      note: 'x',
      heirs: [{ name: 'A', relationship: 'child' }],
    }).expect(422);
    expect(again.body).toMatchObject({
      type: problem('member-status-transition'),
      from: 'exited',
      to: 'deceased',
    });
  });

  it('pays a deceased member’s savings to the heirs, masking their identity in the audit log', async () => {
    const { memberId } = await saver('250000.00');
    const heir = {
      name: 'Maria Soares',
      relationship: 'spouse',
      identity: { type: 'nik', number: '5371015508920003' },
    };
    const noHeirs = await exit(memberId, { reason: 'death', note: 'Surat kematian' }).expect(400);
    expect(noHeirs.body.errors.map((e: { field: string }) => e.field)).toEqual(['heirs']);
    const heirsOnExit = await exit(memberId, {
      reason: 'exit',
      note: 'Keluar',
      heirs: [heir],
    }).expect(400);
    expect(heirsOnExit.body.errors.map((e: { field: string }) => e.field)).toEqual(['heirs']);

    const asked = await exit(memberId, {
      reason: 'death',
      note: 'Surat kematian No. 12/2026',
      heirs: [heir, { name: 'Jose Soares', relationship: 'child' }],
    }).expect(202);
    expect(asked.body.summary).toMatch(/pay 350000.00 IDR to the heirs$/);
    const done = await fx.approve(asked.body.id, managers[1]).expect(200);
    expect(done.body.result).toMatchObject({
      status: 'deceased',
      paidTo: 'heirs',
      heirs: [
        {
          name: 'Maria Soares',
          relationship: 'spouse',
          documentType: 'nik',
          identityNumber: '5371015508920003',
        },
        { name: 'Jose Soares', relationship: 'child' },
      ],
      settlement: { totalPaidOut: '350000.00' },
    });
    expect((await fx.get(`members/${memberId}`).expect(200)).body.status).toBe('deceased');
    const audited = await owner(async (client) =>
      JSON.stringify(
        (await client.query(`SELECT after FROM audit_log WHERE cooperative_id = $1`, [coop])).rows,
      ),
    );
    expect(audited).toContain('************0003');
    expect(audited).not.toContain('5371015508920003');
  });

  it('refuses applicants, and members whose time deposit still runs until it is settled', async () => {
    const { memberId: newcomer } = await fx.member();
    const refused = await exit(newcomer, { reason: 'exit', note: 'Batal' }).expect(422);
    expect(refused.body).toMatchObject({
      type: problem('member-status-transition'),
      from: 'applicant',
    });
    await exit(uuidv7(), { reason: 'exit', note: 'Tidak ada' }).expect(404);

    const { memberId, sukarela } = await saver('100000.00');
    const placed = await fx
      .post('time-deposits', teller, {
        memberId,
        productId: fx.products.berjangka,
        amount: '2000000.00',
        currency: 'IDR',
      })
      .expect(201);
    const deposit = placed.body.account.id as string;
    const running = await exit(memberId, { reason: 'exit', note: 'Keluar' }).expect(422);
    expect(running.body).toMatchObject({
      type: problem('time-deposit-running'),
      accountId: deposit,
    });
    await fx.post(`time-deposits/${deposit}/settlement`, teller, { early: true }).expect(201);

    const asked = await exit(memberId, { reason: 'exit', note: 'Keluar' }).expect(202);
    // The time deposit closed when it was settled early: less the 1% penalty, it went to the
    // voluntary account, paid out now with pokok.
    expect(asked.body.amount.amount).toBe('2180000.00');
    await fx.approve(asked.body.id, managers[0]).expect(200);
    const accounts = await savingsOf(memberId);
    expect(accounts.every((a) => a.status === 'closed' && a.balance === '0.00')).toBe(true);
    expect(accounts.find((a) => a.id === sukarela)?.balance).toBe('0.00');
  });

  it('refuses to pay out when the savings moved after submission, and keeps the request', async () => {
    const { memberId, sukarela } = await saver('300000.00');
    const asked = await exit(memberId, { reason: 'exit', note: 'Keluar' }).expect(202);
    await deposit(sukarela, '5000.00').expect(201);
    const changed = await fx.approve(asked.body.id, managers[0]).expect(409);
    expect(changed.body).toMatchObject({
      type: problem('settlement-changed'),
      submitted: '400000.00',
      now: '405000.00',
    });
    const pending = await fx.get(`approvals/${asked.body.id}`, managers[0]).expect(200);
    expect(pending.body).toMatchObject({ status: 'pending', decisions: [] });
    expect((await fx.get(`members/${memberId}`).expect(200)).body.status).toBe('active');
    await fx.post(`approvals/${asked.body.id}/cancel`, teller, {}, null).expect(200);

    const again = await exit(memberId, { reason: 'exit', note: 'Keluar' }).expect(202);
    expect(again.body.amount.amount).toBe('405000.00');
    await fx.approve(again.body.id, managers[0]).expect(200);
  });

  it('pays out only from the maker’s open till', async () => {
    const { memberId } = await saver('100000.00');
    const other = await api.person([{ role: 'teller', cooperativeId: coop }]);
    await fx.post('tills/mine/open', other, { currency: 'IDR', float: '1000000.00' }).expect(201);
    const asked = await exit(memberId, { reason: 'exit', note: 'Keluar' }, other).expect(202);
    await fx
      .post('tills/mine/close', other, {
        currency: 'IDR',
        count: [{ denomination: '100000', pieces: 10 }],
      })
      .expect(200);
    const closed = await fx.approve(asked.body.id, managers[0]).expect(409);
    expect(closed.body.type).toBe(problem('till-not-open'));
    expect((await fx.get(`approvals/${asked.body.id}`, managers[0]).expect(200)).body.status).toBe(
      'pending',
    );
    await fx.post('tills/mine/open', other, { currency: 'IDR', float: '1000000.00' }).expect(201);
    const done = await fx.approve(asked.body.id, managers[0]).expect(200);
    expect(done.body.result).toMatchObject({ tellerId: other.userId, status: 'exited' });
  });
});
