import type {
  Actor,
  ApprovalExecutor,
  ApprovalRequestRecord,
  ApprovalRequestView,
  PreparedAction,
} from '@lumbung/approvals';
import { Money, ProblemError, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { Cooperative } from '@lumbung/ledger';
import type { Client } from 'pg';
import { ApprovalsContext, person } from './approvals-context';

/**
 * A loan-like action: two managers approve it, and a supervisor as well when the borrower is a
 * related party. `calls` counts every execution attempted.
 */
class RelatedPartyLoanExecutor implements ApprovalExecutor {
  readonly type = 'test.related-loan';
  readonly movesMoney = true;
  readonly defaultRule = { requiredApprovals: 2, approverRoles: ['manager'] };
  readonly calls: string[] = [];

  async prepare(_tx: Tx, input: { payload: unknown }): Promise<PreparedAction> {
    const payload = input.payload as { amount: string; related?: boolean; roles?: string[] };
    const amount = Money.parse(payload.amount, 'IDR');
    return {
      payload: { amount: amount.toString(), related: payload.related ?? false },
      summary: `Loan ${amount.toString()} IDR`,
      amount: amount.toJSON(),
      functionalEquivalent: amount.toString(),
      alsoRequiredRoles: payload.roles ?? (payload.related ? ['supervisor'] : undefined),
    };
  }

  async execute(_tx: Tx, request: ApprovalRequestRecord): Promise<unknown> {
    this.calls.push(request.id);
    return { disbursed: request.amount };
  }
}

/** Also-required roles against a real PostgreSQL: the service and the triggers agree. */
describe('approvals with also-required roles', () => {
  let ctx: ApprovalsContext;
  let coop: Cooperative;
  const loans = new RelatedPartyLoanExecutor();
  const maker = person('teller');
  const managerA = person('manager');
  const managerB = person('manager');
  const managerC = person('manager');
  const supervisorA = person('supervisor');
  const supervisorB = person('supervisor');
  const managingSupervisor = person('manager', 'supervisor');

  beforeAll(async () => {
    ctx = await ApprovalsContext.start();
    ctx.registry.register(loans);
    coop = await ctx.cooperative('KSP-RELATED');
  });

  afterAll(() => ctx.close());

  const submit = (payload: object) =>
    ctx.run((tx) =>
      ctx.approvals.submit(tx, {
        cooperativeId: coop.id,
        type: loans.type,
        payload: { amount: '25000000', ...payload },
        maker,
      }),
    );
  const submitRelated = () => submit({ related: true });
  const approve = (request: { id: string }, approver: Actor) =>
    ctx.run((tx) =>
      ctx.approvals.approve(tx, { cooperativeId: coop.id, requestId: request.id, approver }),
    );
  const current = (request: { id: string }) =>
    ctx.run((tx) => ctx.approvals.get(tx, coop.id, request.id));
  const executions = (request: { id: string }) =>
    loans.calls.filter((id) => id === request.id).length;

  async function refusal(work: Promise<unknown>): Promise<{ status: number; slug: string }> {
    const error = await work.then(
      () => new Error('not refused'),
      (e: unknown) => e,
    );
    if (!(error instanceof ProblemError)) throw error;
    return { status: error.status, slug: error.slug };
  }

  async function approveAll(
    request: ApprovalRequestView,
    approvers: Actor[],
  ): Promise<ApprovalRequestView> {
    let last = request;
    for (const approver of approvers) last = await approve(request, approver);
    return last;
  }

  describe('submission', () => {
    it('snapshots the also-required roles with the rule', async () => {
      const request = await submitRelated();
      expect(request.rule).toEqual({
        source: 'default',
        minEquivalent: null,
        requiredApprovals: 2,
        approverRoles: ['manager'],
        alsoRequiredRoles: ['supervisor'],
      });
      const stored = await ctx.owner((o) =>
        o.query<{ rule: unknown }>('SELECT rule FROM approval_request WHERE id = $1', [request.id]),
      );
      expect(stored.rows[0].rule).toMatchObject({ alsoRequiredRoles: ['supervisor'] });
    });

    it('snapshots an empty list when the executor names none', async () => {
      const request = await submit({});
      expect(request.rule.alsoRequiredRoles).toEqual([]);
    });

    it('refuses an executor naming admin or an unknown role, and deduplicates', async () => {
      for (const roles of [['admin'], ['cashier']]) {
        const error = await submit({ roles }).catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 400, errors: [{ field: 'alsoRequiredRoles' }] });
      }
      const request = await submit({ roles: ['supervisor', 'auditor', 'supervisor'] });
      expect(request.rule.alsoRequiredRoles).toEqual(['supervisor', 'auditor']);
    });
  });

  describe('deciding', () => {
    it('does not execute on two managers; the supervisor executes it, exactly once', async () => {
      const request = await submitRelated();
      expect((await approveAll(request, [managerA, managerB])).status).toBe('pending');
      expect(executions(request)).toBe(0);
      const done = await approve(request, supervisorA);
      expect(done).toMatchObject({ status: 'executed', result: { disbursed: request.amount } });
      expect(done.decisions.map((d) => d.approverRoles)).toEqual([
        ['manager'],
        ['manager'],
        ['supervisor'],
      ]);
      expect(executions(request)).toBe(1);
      expect(await refusal(approve(request, managerC))).toEqual({
        status: 409,
        slug: 'approval-not-pending',
      });
      expect(executions(request)).toBe(1);
    });

    it('does not execute on a supervisor and one manager, nor with a second supervisor', async () => {
      const request = await submitRelated();
      expect((await approveAll(request, [supervisorA, managerA])).status).toBe('pending');
      expect((await approve(request, supervisorB)).status).toBe('pending');
      expect(executions(request)).toBe(0);
      expect((await approve(request, managerB)).status).toBe('executed');
      expect(executions(request)).toBe(1);
    });

    it('counts a person holding both roles once', async () => {
      const request = await submitRelated();
      const first = await approve(request, managingSupervisor);
      expect(first.decisions[0].approverRoles).toEqual(['manager', 'supervisor']);
      expect((await approve(request, managerA)).status).toBe('pending');
      // Two managers and a manager-supervisor: the latter fills the supervisor's place.
      expect((await approve(request, managerB)).status).toBe('executed');
      expect(executions(request)).toBe(1);
    });

    it('refuses a role the rule names nowhere', async () => {
      const request = await submitRelated();
      expect(await refusal(approve(request, person('auditor')))).toEqual({
        status: 403,
        slug: 'approver-role-required',
      });
      expect(await refusal(approve(request, person('admin')))).toEqual({
        status: 403,
        slug: 'admin-approves-no-money',
      });
    });

    it('leaves a request without also-required roles to its managers', async () => {
      const request = await submit({});
      expect(await refusal(approve(request, supervisorA))).toEqual({
        status: 403,
        slug: 'approver-role-required',
      });
      expect((await approveAll(request, [managerA, managerB])).status).toBe('executed');
    });
  });

  describe('database guards', () => {
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
    const markExecuted = (request: { id: string }) =>
      asOwner(`UPDATE approval_request SET status = 'executed', decided_at = now() WHERE id = $1`, [
        request.id,
      ]);
    const decide = (request: { id: string }, approverId: string, roles: string[]) =>
      asApp(
        `INSERT INTO approval_decision (cooperative_id, request_id, approver_id, decision, approver_roles)
         VALUES ($1, $2, $3, 'approve', $4)`,
        [coop.id, request.id, approverId, roles],
      );

    it('refuses marking a request executed without its supervisor, even as owner', async () => {
      const request = await submitRelated();
      await approveAll(request, [managerA, managerB]);
      expect(await markExecuted(request)).toBe('LB011');
      expect(await decide(request, uuidv7(), ['manager'])).toBe('accepted');
      // Enough approvals, but none by a supervisor.
      expect(await markExecuted(request)).toBe('LB011');
      expect(await current(request)).toMatchObject({ status: 'pending' });
    });

    it('refuses too few approvals even when the supervisor is among them', async () => {
      const request = await submitRelated();
      await approveAll(request, [supervisorA, managerA]);
      expect(await markExecuted(request)).toBe('LB011');
      expect(await decide(request, uuidv7(), ['supervisor'])).toBe('accepted');
      // The full matching is the service's: the database checks counts and roles only.
      expect(await markExecuted(request)).toBe('accepted');
    });

    it('accepts decisions by the also-required roles only', async () => {
      const related = await submitRelated();
      expect(await decide(related, uuidv7(), ['supervisor'])).toBe('accepted');
      expect(await decide(related, uuidv7(), ['auditor'])).toBe('LB011');
      expect(await decide(related, uuidv7(), ['manager', 'auditor'])).toBe('LB011');
      const plain = await submit({});
      expect(await decide(plain, uuidv7(), ['supervisor'])).toBe('LB011');
    });

    it('keeps requests without the key working, and refuses admin as an also-required role', async () => {
      const insert = (rule: object) => {
        const id = uuidv7();
        return asApp(
          `INSERT INTO approval_request (cooperative_id, id, type, payload, summary, maker_id, rule)
           VALUES ($1, $2, 'test.related-loan', '{}', 'old', $3, $4)`,
          [coop.id, id, maker.id, JSON.stringify(rule)],
        ).then((code) => ({ id, code }));
      };
      const old = await insert({
        source: 'default',
        minEquivalent: null,
        requiredApprovals: 2,
        approverRoles: ['manager'],
      });
      expect(old.code).toBe('accepted');
      expect((await current(old)).rule.alsoRequiredRoles).toEqual([]);
      expect(await decide(old, uuidv7(), ['supervisor'])).toBe('LB011');
      expect((await approveAll(await current(old), [managerA, managerB])).status).toBe('executed');

      const base = { requiredApprovals: 1, approverRoles: ['manager'] };
      expect((await insert({ ...base, alsoRequiredRoles: ['admin'] })).code).toBe('23514');
      expect((await insert({ ...base, alsoRequiredRoles: 'supervisor' })).code).toBe('23514');
    });
  });
});
