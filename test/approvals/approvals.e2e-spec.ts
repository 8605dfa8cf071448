import { type Actor, type ApprovalRequestView, ruleSetType } from '@lumbung/approvals';
import { platformScope } from '@lumbung/audit';
import { ProblemError, uuidv7 } from '@lumbung/core';
import type { Cooperative } from '@lumbung/ledger';
import { Client } from 'pg';
import { ApprovalsContext, person } from './approvals-context';

/** Four eyes (DESIGN.md invariant 12) against a real PostgreSQL, as the application role. */
describe('approvals', () => {
  let ctx: ApprovalsContext;
  let coop: Cooperative;
  let other: Cooperative;
  const maker = person('teller');
  const managerA = person('manager');
  const managerB = person('manager');
  const supervisor = person('supervisor');
  const admin = person('admin');
  const teller = person('teller');

  beforeAll(async () => {
    ctx = await ApprovalsContext.start();
    coop = await ctx.cooperative('KSP-FOUR');
    other = await ctx.cooperative('KSP-ELSE');
  });

  afterAll(() => ctx.close());

  const submitTransfer = (amount: string, extra: object = {}, cooperativeId = coop.id) =>
    ctx.run((tx) =>
      ctx.approvals.submit(tx, {
        cooperativeId,
        type: 'test.transfer',
        payload: { amount, ...extra },
        maker,
        reason: 'pay the supplier',
      }),
    );
  const approve = (request: ApprovalRequestView, approver = managerA) =>
    ctx.run((tx) =>
      ctx.approvals.approve(tx, {
        cooperativeId: request.cooperativeId,
        requestId: request.id,
        approver,
      }),
    );
  const current = (request: ApprovalRequestView) =>
    ctx.run((tx) => ctx.approvals.get(tx, request.cooperativeId, request.id));

  async function refusal(work: Promise<unknown>): Promise<{ status: number; slug: string }> {
    const error = await work.then(
      () => new Error('not refused'),
      (e: unknown) => e,
    );
    if (!(error instanceof ProblemError)) throw error;
    return { status: error.status, slug: error.slug };
  }

  const auditActions = (requestId: string): Promise<string[]> =>
    ctx.owner(async (o) => {
      const { rows } = await o.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE target_id = $1 ORDER BY occurred_at, id`,
        [requestId],
      );
      return rows.map((r) => r.action);
    });

  describe('submission', () => {
    it('stores the prepared action and snapshots the rule that applies', async () => {
      const request = await submitTransfer('2500000');
      expect(request).toMatchObject({
        cooperativeId: coop.id,
        type: 'test.transfer',
        status: 'pending',
        summary: 'Transfer 2500000.00 IDR',
        amount: { amount: '2500000.00', currency: 'IDR' },
        functionalEquivalent: '2500000.00',
        makerId: maker.id,
        reason: 'pay the supplier',
        rule: {
          source: 'default',
          minEquivalent: null,
          requiredApprovals: 2,
          approverRoles: ['manager', 'supervisor', 'admin'],
        },
        decisions: [],
        decidedAt: null,
        result: null,
      });
      expect(await auditActions(request.id)).toEqual(['approvals.request.submit']);
    });

    it('refuses an unknown action type', async () => {
      const error = await ctx
        .run((tx) =>
          ctx.approvals.submit(tx, { cooperativeId: coop.id, type: 'x.y', payload: {}, maker }),
        )
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 400, errors: [{ field: 'type' }] });
    });
  });

  describe('deciding', () => {
    it('refuses the maker approving their own request', async () => {
      const request = await submitTransfer('100');
      const self = { id: maker.id, roles: ['manager'] };
      expect(await refusal(approve(request, self))).toEqual({ status: 403, slug: 'self-approval' });
      expect((await current(request)).decisions).toEqual([]);
    });

    it('executes a two-person rule only after the second distinct approval', async () => {
      const request = await submitTransfer('750000');
      const first = await approve(request, managerA);
      expect(first.status).toBe('pending');
      expect(first.decisions).toMatchObject([
        { approverId: managerA.id, decision: 'approve', approverRoles: ['manager'] },
      ]);
      expect(ctx.transfers.calls).not.toContain(request.id);
      expect(await ctx.transfersDone(request.id)).toBe(0);

      expect(await refusal(approve(request, managerA))).toEqual({
        status: 409,
        slug: 'already-decided',
      });

      const second = await approve(request, supervisor);
      expect(second).toMatchObject({
        status: 'executed',
        result: { transferred: { amount: '750000.00', currency: 'IDR' } },
      });
      expect(second.decidedAt).not.toBeNull();
      expect(second.decisions.map((d) => d.approverId)).toEqual([managerA.id, supervisor.id]);
      expect(ctx.transfers.calls.filter((id) => id === request.id)).toHaveLength(1);
      expect(await ctx.transfersDone(request.id)).toBe(1);
      expect(await refusal(approve(request, managerB))).toEqual({
        status: 409,
        slug: 'approval-not-pending',
      });
      expect(await auditActions(request.id)).toEqual([
        'approvals.request.submit',
        'approvals.request.approve',
        'approvals.request.approve',
        'approvals.request.execute',
      ]);
    });

    it('never counts admin on money, but lets admin approve what moves none', async () => {
      const request = await submitTransfer('100');
      expect(await refusal(approve(request, admin))).toEqual({
        status: 403,
        slug: 'admin-approves-no-money',
      });
      const note = await ctx.run((tx) =>
        ctx.approvals.submit(tx, { cooperativeId: coop.id, type: 'test.note', payload: {}, maker }),
      );
      expect(await approve(note, admin)).toMatchObject({
        status: 'executed',
        result: { noted: true },
      });
    });

    it('refuses an approver without a role the rule names', async () => {
      const request = await submitTransfer('100');
      expect(await refusal(approve(request, teller))).toEqual({
        status: 403,
        slug: 'approver-role-required',
      });
    });

    it('refuses an approver the executor excluded', async () => {
      const beneficiary = person('manager');
      const request = await submitTransfer('100', { beneficiaryId: beneficiary.id });
      expect(request.excludedApprovers).toEqual([beneficiary.id]);
      expect(await refusal(approve(request, beneficiary))).toEqual({
        status: 403,
        slug: 'approver-excluded',
      });
    });

    it('records nothing when the executor fails: the approval rolls back with it', async () => {
      const request = await submitTransfer('100');
      await approve(request, managerA);
      ctx.transfers.failNext = true;
      await expect(approve(request, managerB)).rejects.toThrow('the transfer failed');
      const after = await current(request);
      expect(after.status).toBe('pending');
      expect(after.decisions.map((d) => d.approverId)).toEqual([managerA.id]);
      expect(await ctx.transfersDone(request.id)).toBe(0);
      expect((await approve(request, managerB)).status).toBe('executed');
      expect(await ctx.transfersDone(request.id)).toBe(1);
    });

    it('rejects with a reason from an eligible approver', async () => {
      const request = await submitTransfer('100');
      const reject = (approver = managerA, reason = 'no invoice attached') =>
        ctx.run((tx) =>
          ctx.approvals.reject(tx, {
            cooperativeId: coop.id,
            requestId: request.id,
            approver,
            reason,
          }),
        );
      expect(await refusal(reject(managerA, '  '))).toEqual({ status: 400, slug: 'invalid-input' });
      expect(await refusal(reject({ id: maker.id, roles: ['manager'] }))).toEqual({
        status: 403,
        slug: 'self-approval',
      });
      expect(await refusal(reject(teller))).toEqual({
        status: 403,
        slug: 'approver-role-required',
      });
      const rejected = await reject();
      expect(rejected).toMatchObject({
        status: 'rejected',
        result: null,
        decisions: [{ approverId: managerA.id, decision: 'reject', reason: 'no invoice attached' }],
      });
      expect(await refusal(approve(request, managerB))).toEqual({
        status: 409,
        slug: 'approval-not-pending',
      });
      expect(ctx.transfers.calls).not.toContain(request.id);
      expect(await auditActions(request.id)).toEqual([
        'approvals.request.submit',
        'approvals.request.reject',
      ]);
    });

    it('lets only the maker cancel, and only while pending', async () => {
      const request = await submitTransfer('100');
      const cancel = (actor = maker) =>
        ctx.run((tx) =>
          ctx.approvals.cancel(tx, { cooperativeId: coop.id, requestId: request.id, actor }),
        );
      expect(await refusal(cancel(managerA))).toEqual({ status: 403, slug: 'not-the-maker' });
      expect((await cancel()).status).toBe('cancelled');
      expect(await refusal(cancel())).toEqual({ status: 409, slug: 'approval-not-pending' });
      expect(await refusal(approve(request, managerA))).toEqual({
        status: 409,
        slug: 'approval-not-pending',
      });
    });
  });

  describe('tenancy and listing', () => {
    it("treats another cooperative's request as not found", async () => {
      const request = await submitTransfer('100');
      const elsewhere = { ...request, cooperativeId: other.id };
      expect(await refusal(current(elsewhere))).toEqual({ status: 404, slug: 'not-found' });
      expect(await refusal(approve(elsewhere, managerA))).toEqual({
        status: 404,
        slug: 'not-found',
      });
      expect(
        await refusal(
          ctx.run((tx) =>
            ctx.approvals.cancel(tx, {
              cooperativeId: other.id,
              requestId: request.id,
              actor: maker,
            }),
          ),
        ),
      ).toEqual({ status: 404, slug: 'not-found' });
      const page = await ctx.run((tx) => ctx.approvals.list(tx, other.id));
      expect(page.items.map((r) => r.id)).not.toContain(request.id);
      expect((await current(request)).decisions).toEqual([]);
    });

    it('keeps platform requests under the nil cooperative id, apart from any cooperative', async () => {
      const request = await ctx.run((tx) =>
        ctx.approvals.submit(tx, {
          cooperativeId: platformScope,
          type: 'test.note',
          payload: { note: 'platform' },
          maker: admin,
        }),
      );
      expect(await refusal(current({ ...request, cooperativeId: coop.id }))).toEqual({
        status: 404,
        slug: 'not-found',
      });
      expect(await approve(request, person('admin'))).toMatchObject({
        cooperativeId: platformScope,
        status: 'executed',
      });
      const page = await ctx.run((tx) => ctx.approvals.list(tx, platformScope));
      expect(page.items.map((r) => r.id)).toEqual([request.id]);
    });

    it('pages through requests in submission order, filtered by status and type', async () => {
      const coopId = (await ctx.cooperative('KSP-LIST')).id;
      const submitted: ApprovalRequestView[] = [];
      for (const amount of ['1', '2', '3', '4', '5']) {
        submitted.push(await submitTransfer(amount, {}, coopId));
      }
      await ctx.run((tx) =>
        ctx.approvals.cancel(tx, {
          cooperativeId: coopId,
          requestId: submitted[1].id,
          actor: maker,
        }),
      );
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await ctx.run((tx) =>
          ctx.approvals.list(tx, coopId, {
            status: 'pending',
            type: 'test.transfer',
            after,
            limit: 2,
          }),
        );
        seen.push(...page.items.map((r) => r.id));
        after = page.next ?? undefined;
      } while (after);
      expect(seen).toEqual([0, 2, 3, 4].map((i) => submitted[i].id));
      const notes = await ctx.run((tx) => ctx.approvals.list(tx, coopId, { type: 'test.note' }));
      expect(notes).toEqual({ items: [], next: null });
      expect(
        await refusal(ctx.run((tx) => ctx.approvals.list(tx, coopId, { limit: 201 }))),
      ).toEqual({ status: 400, slug: 'invalid-input' });
    });
  });

  describe('rules', () => {
    let tiered: Cooperative;
    const supervisorB = person('supervisor');

    beforeAll(async () => {
      tiered = await ctx.cooperative('KSP-TIER');
      await ctx.setRule(tiered.id, 'test.transfer', [
        { minEquivalent: '0', requiredApprovals: 1, approverRoles: ['manager', 'supervisor'] },
        {
          minEquivalent: '1000000',
          requiredApprovals: 2,
          approverRoles: ['manager', 'supervisor'],
        },
        {
          minEquivalent: '100000000',
          requiredApprovals: 3,
          approverRoles: ['manager', 'supervisor'],
        },
      ]);
    });

    it('picks the tier by the functional equivalent', async () => {
      const ruleOf = async (amount: string) => (await submitTransfer(amount, {}, tiered.id)).rule;
      expect(await ruleOf('999999.99')).toEqual({
        source: 'cooperative',
        minEquivalent: '0',
        requiredApprovals: 1,
        approverRoles: ['manager', 'supervisor'],
        alsoRequiredRoles: [],
      });
      expect(await ruleOf('1000000')).toMatchObject({
        minEquivalent: '1000000',
        requiredApprovals: 2,
      });
      expect(await ruleOf('250000000')).toMatchObject({
        minEquivalent: '100000000',
        requiredApprovals: 3,
      });
      // The tiers are this cooperative's: another keeps the executor's default.
      expect((await submitTransfer('250000000')).rule.source).toBe('default');
    });

    it('changes tiers only once a manager approved the change', async () => {
      const rules = () => ctx.run((tx) => ctx.rules.rulesFor(tx, other.id, 'test.note'));
      expect(await rules()).toEqual([
        {
          type: 'test.note',
          source: 'default',
          tiers: [
            { minEquivalent: '0', requiredApprovals: 1, approverRoles: ['manager', 'admin'] },
          ],
        },
      ]);
      const pendingNote = await ctx.run((tx) =>
        ctx.approvals.submit(tx, {
          cooperativeId: other.id,
          type: 'test.note',
          payload: {},
          maker,
        }),
      );
      const change = await ctx.run((tx) =>
        ctx.approvals.submit(tx, {
          cooperativeId: other.id,
          type: ruleSetType,
          payload: {
            type: 'test.note',
            tiers: [{ minEquivalent: '0', requiredApprovals: 2, approverRoles: ['supervisor'] }],
          },
          maker: managerA,
        }),
      );
      expect(change.summary).toBe('Set the approval rule of test.note: from 0: 2 of supervisor');
      expect(await rules()).toMatchObject([{ source: 'default' }]);
      expect(await refusal(approve(change, managerA))).toEqual({
        status: 403,
        slug: 'self-approval',
      });
      expect(await refusal(approve(change, supervisor))).toEqual({
        status: 403,
        slug: 'approver-role-required',
      });
      expect(await rules()).toMatchObject([{ source: 'default' }]);
      expect((await approve(change, managerB)).status).toBe('executed');
      expect(await rules()).toEqual([
        {
          type: 'test.note',
          source: 'cooperative',
          tiers: [{ minEquivalent: '0', requiredApprovals: 2, approverRoles: ['supervisor'] }],
        },
      ]);
      // A request keeps the rule it was submitted under.
      expect((await approve(pendingNote, managerA)).status).toBe('executed');
      const newNote = await ctx.run((tx) =>
        ctx.approvals.submit(tx, {
          cooperativeId: other.id,
          type: 'test.note',
          payload: {},
          maker,
        }),
      );
      expect(await refusal(approve(newNote, managerA))).toEqual({
        status: 403,
        slug: 'approver-role-required',
      });
      expect((await approve(newNote, supervisor)).status).toBe('pending');
      expect((await approve(newNote, supervisorB)).status).toBe('executed');
    });

    it('refuses an invalid rule change at submission', async () => {
      const submit = (payload: unknown) =>
        refusal(
          ctx.run((tx) =>
            ctx.approvals.submit(tx, {
              cooperativeId: other.id,
              type: ruleSetType,
              payload,
              maker,
            }),
          ),
        );
      const adminOnly = [{ minEquivalent: '0', requiredApprovals: 1, approverRoles: ['admin'] }];
      expect(await submit({ type: 'test.transfer', tiers: adminOnly })).toEqual({
        status: 400,
        slug: 'invalid-input',
      });
      expect(await submit({ type: 'nothing.here', tiers: [] })).toEqual({
        status: 400,
        slug: 'invalid-input',
      });
    });

    describe('under concurrency, executes exactly once', () => {
      const gateKey = 7399;

      /** Every approval waits at the gate in its own transaction; all are let through at once. */
      async function raceApprovals(
        request: ApprovalRequestView,
        approvers: readonly Actor[],
      ): Promise<PromiseSettledResult<ApprovalRequestView>[]> {
        const gate = new Client({ connectionString: ctx.db.ownerUrl });
        await gate.connect();
        try {
          await gate.query('SELECT pg_advisory_lock($1)', [gateKey]);
          const racing = Promise.allSettled(
            approvers.map((approver) =>
              ctx.run(async (tx) => {
                await tx.query('SELECT pg_advisory_xact_lock_shared($1)', [gateKey]);
                return ctx.approvals.approve(tx, {
                  cooperativeId: request.cooperativeId,
                  requestId: request.id,
                  approver,
                });
              }),
            ),
          );
          await waitForWaiters(gate, approvers.length);
          await gate.query('SELECT pg_advisory_unlock($1)', [gateKey]);
          return await racing;
        } finally {
          await gate.end();
        }
      }

      async function waitForWaiters(gate: Client, count: number): Promise<void> {
        for (let i = 0; i < 500; i++) {
          const { rows } = await gate.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks
              WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 AND objsubid = 1
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND NOT granted`,
            [gateKey],
          );
          if (rows[0].n >= count) return;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error('approvals never reached the gate');
      }

      const outcomes = (results: PromiseSettledResult<ApprovalRequestView>[]) =>
        results
          .map((r) =>
            r.status === 'fulfilled'
              ? r.value.status
              : r.reason instanceof ProblemError
                ? r.reason.slug
                : String(r.reason),
          )
          .sort();

      it.each([
        ['one approval', '500000', ['approval-not-pending', 'approval-not-pending', 'executed']],
        ['two approvals', '5000000', ['approval-not-pending', 'executed', 'pending']],
      ])('with a rule of %s and three approvers at once', async (_rule, amount, expected) => {
        const request = await submitTransfer(amount, {}, tiered.id);
        const results = await raceApprovals(request, [managerA, managerB, supervisor]);
        expect(outcomes(results)).toEqual(expected);
        const after = await current(request);
        expect(after.status).toBe('executed');
        expect(after.decisions).toHaveLength(request.rule.requiredApprovals);
        expect(ctx.transfers.calls.filter((id) => id === request.id)).toHaveLength(1);
        expect(await ctx.transfersDone(request.id)).toBe(1);
      });
    });
  });

  describe('database guards', () => {
    let executed: ApprovalRequestView;
    let pending: ApprovalRequestView;

    beforeAll(async () => {
      executed = await submitTransfer('100');
      await approve(executed, managerA);
      executed = await approve(executed, managerB);
      pending = await submitTransfer('100');
    });

    const codeOf = (
      client: (work: (c: Client) => Promise<unknown>) => Promise<unknown>,
      sql: string,
      params: unknown[] = [],
    ) =>
      client((c) => c.query(sql, params)).then(
        () => 'accepted',
        (e: { code?: string }) => e.code,
      );
    const asApp = (sql: string, params?: unknown[]) => codeOf((w) => ctx.app(w), sql, params);
    const asOwner = (sql: string, params?: unknown[]) => codeOf((w) => ctx.owner(w), sql, params);

    it('keeps decisions append-only, for the application role and the owner alike', async () => {
      const update = `UPDATE approval_decision SET decision = 'reject', reason = 'x' WHERE request_id = $1`;
      const remove = `DELETE FROM approval_decision WHERE request_id = $1`;
      expect(['42501', 'LB003']).toContain(await asApp(update, [executed.id]));
      expect(['42501', 'LB003']).toContain(await asApp(remove, [executed.id]));
      expect(await asOwner(update, [executed.id])).toBe('LB003');
      expect(await asOwner(remove, [executed.id])).toBe('LB003');
      expect(await asOwner('TRUNCATE approval_decision')).toBe('LB003');
      expect((await current(executed)).decisions).toHaveLength(2);
    });

    it('lets a request change only once, from pending to a final status', async () => {
      expect(
        await asApp(`UPDATE approval_request SET status = 'cancelled' WHERE id = $1`, [
          executed.id,
        ]),
      ).toBe('LB003');
      expect(
        await asOwner(`UPDATE approval_request SET summary = 'other' WHERE id = $1`, [pending.id]),
      ).toBe('LB003');
      expect(
        await asApp(`UPDATE approval_request SET summary = 'other' WHERE id = $1`, [pending.id]),
      ).toBe('42501');
      expect(await asOwner(`DELETE FROM approval_request WHERE id = $1`, [pending.id])).toBe(
        'LB003',
      );
      expect(await asApp(`DELETE FROM approval_request WHERE id = $1`, [pending.id])).toBe('42501');
      expect(await current(executed)).toMatchObject({ status: 'executed' });
      expect(await current(pending)).toMatchObject({ status: 'pending', summary: pending.summary });
    });

    it('refuses raw SQL that skips four eyes', async () => {
      expect(
        await asApp(
          `UPDATE approval_request SET status = 'executed', decided_at = now() WHERE id = $1`,
          [pending.id],
        ),
      ).toBe('LB011');
      const decide = (approverId: string, roles: string[]) =>
        asApp(
          `INSERT INTO approval_decision (cooperative_id, request_id, approver_id, decision, approver_roles)
           VALUES ($1, $2, $3, 'approve', $4)`,
          [coop.id, pending.id, approverId, roles],
        );
      expect(await decide(maker.id, ['manager'])).toBe('LB011');
      expect(await decide(admin.id, ['admin'])).toBe('LB011');
      expect(await decide(teller.id, ['teller'])).toBe('LB011');
      expect(await decide(uuidv7(), ['manager'])).toBe('accepted');
    });
  });
});
