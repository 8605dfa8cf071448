import { ApprovalService } from '@lumbung/approvals';
import { TransactionScope } from '@lumbung/database';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;

describe('four eyes over HTTP: role grants, reopening a month, approval rules', () => {
  let api: ApiContext;
  let kupang: string;
  let admin: Person;
  let secondAdmin: Person;
  let managers: Person[];
  let auditor: Person;

  const post = (path: string, person: Person, body: object = {}) =>
    request(api.server).post(path).set(person.auth).send(body);
  const get = (path: string, person: Person) => request(api.server).get(path).set(person.auth);
  const scope = () => api.app.get(TransactionScope);
  const auditActions = async (action: string, targetId: string) =>
    scope().run((tx) =>
      tx.query<{ actor_id: string }>(
        `SELECT actor_id FROM audit_log WHERE action = $1 AND target_id = $2`,
        [action, targetId],
      ),
    );

  beforeAll(async () => {
    api = await ApiContext.start();
    kupang = await createCooperative(api.app, 'KSP-FOUR-EYES');
    admin = await api.person([{ role: 'admin' }]);
    secondAdmin = await api.person([{ role: 'admin' }]);
    managers = [];
    for (let i = 0; i < 3; i++) {
      managers.push(await api.person([{ role: 'manager', cooperativeId: kupang }]));
    }
    auditor = await api.person([
      { role: 'auditor', cooperativeId: kupang, validUntil: '2099-01-01T00:00:00Z' },
    ]);
  });

  afterAll(() => api.close());

  it('grants a role only once a second person confirms it, and never to oneself', async () => {
    const newcomer = await api.person([]);
    const asked = await post('/role-grants', admin, {
      userId: newcomer.userId,
      role: 'teller',
      cooperativeId: kupang,
      reason: 'new teller for the Oesapa branch',
    }).expect(202);
    expect(asked.body).toMatchObject({ status: 'pending', type: 'auth.role.grant' });
    const path = `/cooperatives/${kupang}/approvals/${asked.body.id}`;
    await get(`/cooperatives/${kupang}/trial-balance`, newcomer).expect(404);

    const own = await post(`${path}/approve`, admin).expect(403);
    expect(own.body.type).toBe(problem('self-approval'));
    const granted = await post(`${path}/approve`, managers[0]).expect(200);
    expect(granted.body).toMatchObject({ status: 'executed', result: { role: 'teller' } });
    await get(`/cooperatives/${kupang}/trial-balance`, newcomer).expect(200);
    expect(await auditActions('auth.role.grant', granted.body.result.id)).toEqual([
      { actor_id: managers[0].userId },
    ]);

    const selfGrant = await post('/role-grants', managers[1], {
      userId: managers[1].userId,
      role: 'supervisor',
      cooperativeId: kupang,
    }).expect(403);
    expect(selfGrant.body.type).toBe(problem('self-grant'));
    const byTeller = await post('/role-grants', newcomer, {
      userId: managers[1].userId,
      role: 'supervisor',
      cooperativeId: kupang,
    }).expect(403);
    expect(byTeller.body.type).toBe(problem('grant-maker-role-required'));
  });

  it('takes a role away at once, by someone other than its holder, on the record', async () => {
    const leaving = await api.person([{ role: 'teller', cooperativeId: kupang }]);
    await get(`/cooperatives/${kupang}/trial-balance`, leaving).expect(200);
    const listed = await get(`/cooperatives/${kupang}/role-grants`, auditor).expect(200);
    const grant = listed.body.find((g: { userId: string }) => g.userId === leaving.userId);
    expect(grant).toMatchObject({ role: 'teller', status: 'live', username: leaving.username });
    const path = `/cooperatives/${kupang}/role-grants/${grant.id}/revoke`;
    await post(path, managers[0], {}).expect(400);
    const revoked = await post(path, managers[0], { reason: 'moved to Atambua' }).expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedBy: managers[0].userId });
    await get(`/cooperatives/${kupang}/trial-balance`, leaving).expect(404);
    expect((await post(path, managers[0], { reason: 'again' }).expect(409)).body.type).toBe(
      problem('grant-revoked'),
    );
    expect(await auditActions('auth.role.revoke', grant.id)).toEqual([
      { actor_id: managers[0].userId },
    ]);
    const own = (await get(`/cooperatives/${kupang}/role-grants`, auditor).expect(200)).body.find(
      (g: { userId: string; status: string }) =>
        g.userId === managers[2].userId && g.status === 'live',
    );
    const self = await post(`/cooperatives/${kupang}/role-grants/${own.id}/revoke`, managers[2], {
      reason: 'stepping down',
    }).expect(403);
    expect(self.body.type).toBe(problem('self-revoke'));
  });

  it('confirms the platform admin role only by another admin', async () => {
    const operator = await api.person([]);
    const asked = await post('/role-grants', admin, {
      userId: operator.userId,
      role: 'admin',
    }).expect(202);
    await post(`/approvals/${asked.body.id}/approve`, admin).expect(403);
    await post(`/approvals/${asked.body.id}/approve`, managers[0]).expect(403);
    const done = await post(`/approvals/${asked.body.id}/approve`, secondAdmin).expect(200);
    expect(done.body.status).toBe('executed');
    await get('/users', operator).expect(200);
  });

  it('refuses bad grant input with 400 naming the field', async () => {
    const bad = await post('/role-grants', admin, {
      userId: 'nobody',
      role: 'owner',
      cooperativeId: kupang,
    }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'role',
      'userId',
    ]);
    const auditorWithoutEnd = await post('/role-grants', admin, {
      userId: managers[2].userId,
      role: 'auditor',
      cooperativeId: kupang,
    }).expect(400);
    expect(auditorWithoutEnd.body.errors).toEqual([
      expect.objectContaining({ field: 'validUntil' }),
    ]);
  });

  it('reopens a closed month only after another manager approves; auditors cannot', async () => {
    const base = `/cooperatives/${kupang}/periods/2026-10`;
    await post(`${base}/close`, managers[0]).expect(200);
    const asked = await post(`${base}/reopen`, managers[0], {
      reason: 'a deposit was posted to the wrong member',
    }).expect(202);
    const path = `/cooperatives/${kupang}/approvals/${asked.body.id}`;
    expect((await post(`${path}/approve`, managers[0]).expect(403)).body.type).toBe(
      problem('self-approval'),
    );
    expect((await post(`${path}/approve`, auditor).expect(403)).body.type).toBe(
      problem('forbidden'),
    );
    await post(`${base}/close`, managers[1]).expect(409);
    const approved = await post(`${path}/approve`, managers[1]).expect(200);
    expect(approved.body).toMatchObject({ status: 'executed', result: { status: 'open' } });
    await post(`${base}/close`, managers[1]).expect(200);
    const notClosed = await post(`/cooperatives/${kupang}/periods/2026-11/reopen`, managers[0], {
      reason: 'x',
    }).expect(422);
    expect(notClosed.body.type).toBe(problem('period-not-closed'));
  });

  it('runs a two-person rule once, after the second distinct approval, even when both race', async () => {
    const ruleChange = await post(
      `/cooperatives/${kupang}/approval-rules/ledger.period.reopen`,
      managers[0],
      { tiers: [{ minEquivalent: '0', requiredApprovals: 2, approverRoles: ['manager'] }] },
    ).expect(202);
    await post(
      `/cooperatives/${kupang}/approvals/${ruleChange.body.id}/approve`,
      managers[1],
    ).expect(200);
    const rules = await get(`/cooperatives/${kupang}/approval-rules`, auditor).expect(200);
    expect(rules.body).toContainEqual({
      type: 'ledger.period.reopen',
      source: 'cooperative',
      tiers: [{ minEquivalent: '0', requiredApprovals: 2, approverRoles: ['manager'] }],
    });

    await post(`/cooperatives/${kupang}/periods/2026-09/close`, managers[0]).expect(200);
    const asked = await post(`/cooperatives/${kupang}/periods/2026-09/reopen`, managers[0], {
      reason: 'late correction',
    }).expect(202);
    const path = `/cooperatives/${kupang}/approvals/${asked.body.id}`;
    const [one, two] = await Promise.all([
      post(`${path}/approve`, managers[1]),
      post(`${path}/approve`, managers[2]),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect([one.body.status, two.body.status].sort()).toEqual(['executed', 'pending']);
    const final = await get(path, auditor).expect(200);
    expect(final.body.decisions).toHaveLength(2);
    expect(await auditActions('ledger.period.reopen', '2026-09')).toHaveLength(1);
    const late = await post(`${path}/approve`, managers[0]).expect(409);
    expect(late.body.type).toBe(problem('approval-not-pending'));
  });

  it('shows a platform admin only the role grants in a cooperative queue, and lets them decide nothing else', async () => {
    const ruleChange = await scope().run((tx) =>
      api.app.get(ApprovalService).submit(tx, {
        cooperativeId: kupang,
        type: 'approvals.rule.set',
        payload: { type: 'auth.role.grant', tiers: [] },
        maker: { id: managers[0].userId, roles: ['manager'] },
      }),
    );
    const listed = await get(`/cooperatives/${kupang}/approvals`, admin).expect(200);
    expect(listed.body.items.every((r: { type: string }) => r.type === 'auth.role.grant')).toBe(
      true,
    );
    await post(`/cooperatives/${kupang}/approvals/${ruleChange.id}/approve`, admin).expect(404);
  });

  it('lets the auditor query the audit log with filters, and only the auditor and supervisor', async () => {
    const page = await get(
      `/cooperatives/${kupang}/audit-log?action=approvals.&limit=3`,
      auditor,
    ).expect(200);
    expect(page.body.items).toHaveLength(3);
    expect(
      page.body.items.every((r: { action: string }) => r.action.startsWith('approvals.')),
    ).toBe(true);
    const next = await get(
      `/cooperatives/${kupang}/audit-log?action=approvals.&limit=3&after=${page.body.next}`,
      auditor,
    ).expect(200);
    expect(next.body.items[0].id < page.body.items[2].id).toBe(true);
    const reopened = await get(
      `/cooperatives/${kupang}/audit-log?action=ledger.period.reopen&targetId=2026-10`,
      auditor,
    ).expect(200);
    expect(reopened.body.items).toEqual([
      expect.objectContaining({
        actorId: managers[1].userId,
        before: { status: 'closed' },
        after: { status: 'open' },
        reason: 'a deposit was posted to the wrong member',
      }),
    ]);
    await get(`/cooperatives/${kupang}/audit-log`, managers[0]).expect(403);
    const bad = await get(`/cooperatives/${kupang}/audit-log?from=yesterday`, auditor).expect(400);
    expect(bad.body.errors[0].field).toBe('from');
    const logins = await get('/audit-log?action=auth.login', admin).expect(200);
    expect(logins.body.items.length).toBeGreaterThan(0);
  });
});
