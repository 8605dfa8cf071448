import { problemTypePrefix, uuidv7 } from '@lumbung/core';
import request from 'supertest';
import { ApiContext, testPassword } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';

type Persona =
  | 'anonymous'
  | 'teller'
  | 'manager'
  | 'supervisor'
  | 'auditor'
  | 'expiredAuditor'
  | 'admin'
  | 'outsider';
type Verdict = 'allow' | 'unauthenticated' | 'forbidden' | 'hidden';
type CooperativeRole = 'teller' | 'manager' | 'supervisor' | 'auditor' | 'admin';
/** `board`: opened by the cookie of POST /admin/queues/session (only admins get one). */
type Access = 'public' | 'authenticated' | 'platform' | 'board' | readonly CooperativeRole[];

const readers: CooperativeRole[] = ['teller', 'manager', 'supervisor', 'auditor'];
const deciders: CooperativeRole[] = ['teller', 'manager', 'supervisor', 'admin'];

/**
 * The decision for every route the api serves. Routes are discovered from the router, so a
 * route missing here fails the suite until someone decides who may call it.
 */
const decisions: Record<string, Access> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/index.html': 'public',
  'GET /docs/LICENSE': 'public',
  'GET /docs/swagger-ui-init.js': 'public',
  'GET /docs/docs/swagger-ui-init.js': 'public',
  'GET /docs-json': 'public',
  'GET /docs-yaml': 'public',
  'USE /docs': 'public',
  'POST /auth/login': 'public',
  'POST /auth/refresh': 'public',
  'POST /auth/logout': 'authenticated',
  'GET /auth/me': 'authenticated',
  'POST /users': 'platform',
  'GET /users': 'platform',
  'GET /users/:userId': 'platform',
  'POST /users/:userId/disable': 'platform',
  'GET /audit-log': 'platform',
  'POST /role-grants': 'authenticated',
  'GET /role-grants': 'platform',
  'POST /role-grants/:grantId/revoke': 'platform',
  'GET /cooperatives/:cooperativeId/role-grants': ['manager', 'supervisor', 'auditor', 'admin'],
  'POST /cooperatives/:cooperativeId/role-grants/:grantId/revoke': ['manager', 'admin'],
  'GET /approvals': 'platform',
  'GET /approvals/:requestId': 'platform',
  'POST /approvals/:requestId/approve': 'platform',
  'POST /approvals/:requestId/reject': 'platform',
  'POST /approvals/:requestId/cancel': 'platform',
  'GET /cooperatives/:cooperativeId/approvals': [...readers, 'admin'],
  'GET /cooperatives/:cooperativeId/approvals/:requestId': [...readers, 'admin'],
  'POST /cooperatives/:cooperativeId/approvals/:requestId/approve': deciders,
  'POST /cooperatives/:cooperativeId/approvals/:requestId/reject': deciders,
  'POST /cooperatives/:cooperativeId/approvals/:requestId/cancel': deciders,
  'GET /cooperatives/:cooperativeId/approval-rules': readers,
  'POST /cooperatives/:cooperativeId/approval-rules/:type': ['manager'],
  'POST /cooperatives/:cooperativeId/periods/:month/reopen': ['manager'],
  'GET /cooperatives/:cooperativeId/audit-log': ['auditor', 'supervisor'],
  'GET /cooperatives/:cooperativeId': readers,
  'GET /cooperatives/:cooperativeId/accounts': readers,
  'GET /cooperatives/:cooperativeId/accounts/:accountId': readers,
  'GET /cooperatives/:cooperativeId/accounts/:accountId/statement': readers,
  'GET /cooperatives/:cooperativeId/entries/:entryId': readers,
  'GET /cooperatives/:cooperativeId/trial-balance': readers,
  'POST /cooperatives/:cooperativeId/periods/:month/close': ['manager'],
  'POST /cooperatives/:cooperativeId/journals': ['teller', 'manager'],
  'GET /cooperatives/:cooperativeId/journals': readers,
  'GET /cooperatives/:cooperativeId/journals/:journalId': readers,
  'POST /cooperatives/:cooperativeId/cutover/dry-run': ['manager'],
  'POST /cooperatives/:cooperativeId/cutover': ['manager'],
  'POST /cooperatives/:cooperativeId/bank-accounts': ['manager'],
  'GET /cooperatives/:cooperativeId/bank-accounts': readers,
  'POST /cooperatives/:cooperativeId/bank-accounts/:bankAccountId/statements': [
    'teller',
    'manager',
  ],
  'POST /cooperatives/:cooperativeId/bank-accounts/:bankAccountId/matching': ['teller', 'manager'],
  'GET /cooperatives/:cooperativeId/bank-accounts/:bankAccountId/reconciliation': readers,
  'GET /cooperatives/:cooperativeId/chain/verification': readers,
  'GET /cooperatives/:cooperativeId/chain/head': readers,
  'GET /cooperatives/:cooperativeId/ledger-export': ['manager', 'supervisor', 'auditor'],
  'GET /cooperatives/:cooperativeId/financial-statements': ['manager', 'supervisor', 'auditor'],
  'POST /cooperatives/:cooperativeId/members': ['teller', 'manager'],
  'GET /cooperatives/:cooperativeId/members': readers,
  'GET /cooperatives/:cooperativeId/members/:memberId': readers,
  'PATCH /cooperatives/:cooperativeId/members/:memberId': ['teller', 'manager'],
  'PUT /cooperatives/:cooperativeId/members/:memberId/related-party': ['manager'],
  'GET /cooperatives/:cooperativeId/savings-products': readers,
  'POST /cooperatives/:cooperativeId/savings-products': ['manager'],
  'GET /cooperatives/:cooperativeId/savings-settings': readers,
  'POST /cooperatives/:cooperativeId/savings-settings': ['manager'],
  'GET /cooperatives/:cooperativeId/cash-threshold-flags': ['manager', 'supervisor', 'auditor'],
  'POST /cooperatives/:cooperativeId/savings-accounts': ['teller', 'manager'],
  'GET /cooperatives/:cooperativeId/savings-accounts/:accountId': readers,
  'GET /cooperatives/:cooperativeId/members/:memberId/savings-accounts': readers,
  'POST /cooperatives/:cooperativeId/savings-accounts/:accountId/deposits': ['teller'],
  'POST /cooperatives/:cooperativeId/savings-accounts/:accountId/withdrawals': ['teller'],
  'POST /cooperatives/:cooperativeId/savings-accounts/:accountId/wajib-collections': ['teller'],
  'POST /cooperatives/:cooperativeId/savings-transfers': ['teller'],
  'POST /cooperatives/:cooperativeId/members/:memberId/exit': ['teller'],
  'POST /cooperatives/:cooperativeId/savings-accounts/:accountId/reactivation': [
    'teller',
    'manager',
  ],
  'POST /cooperatives/:cooperativeId/time-deposits': ['teller'],
  'POST /cooperatives/:cooperativeId/time-deposits/:accountId/settlement': ['teller'],
  'GET /cooperatives/:cooperativeId/time-deposits/:accountId': readers,
  'GET /cooperatives/:cooperativeId/holidays': readers,
  'POST /cooperatives/:cooperativeId/holidays': ['manager'],
  'POST /cooperatives/:cooperativeId/holidays/:date/withdrawal': ['manager'],
  'POST /cooperatives/:cooperativeId/end-of-day-runs': ['manager'],
  'GET /cooperatives/:cooperativeId/end-of-day-runs/:date': ['manager', 'supervisor', 'auditor'],
  'GET /cooperatives/:cooperativeId/loan-products': readers,
  'POST /cooperatives/:cooperativeId/loan-products': ['manager'],
  'GET /cooperatives/:cooperativeId/lending-limits': readers,
  'POST /cooperatives/:cooperativeId/lending-limits': ['manager'],
  'POST /cooperatives/:cooperativeId/loans': ['teller'],
  'GET /cooperatives/:cooperativeId/loans': readers,
  'GET /cooperatives/:cooperativeId/loans/:loanId': readers,
  'GET /cooperatives/:cooperativeId/loans/:loanId/due': readers,
  'POST /cooperatives/:cooperativeId/loans/:loanId/rejection': ['manager', 'supervisor'],
  'POST /cooperatives/:cooperativeId/loans/:loanId/cancellation': ['teller'],
  'POST /cooperatives/:cooperativeId/loans/:loanId/disbursement': ['teller'],
  'POST /cooperatives/:cooperativeId/loans/:loanId/repayments': ['teller'],
  'POST /cooperatives/:cooperativeId/loans/:loanId/repayments/:repaymentId/reversal': [
    'teller',
    'manager',
  ],
  'GET /cooperatives/:cooperativeId/loans/:loanId/payoff-quote': readers,
  'GET /cooperatives/:cooperativeId/loans/:loanId/statement': readers,
  'POST /cooperatives/:cooperativeId/loans/:loanId/payoff': ['teller'],
  'GET /cooperatives/:cooperativeId/loan-collectibility': readers,
  'POST /cooperatives/:cooperativeId/loan-collectibility': ['manager'],
  'GET /cooperatives/:cooperativeId/loan-provisions': ['manager', 'supervisor', 'auditor'],
  'GET /cooperatives/:cooperativeId/loan-portfolio': ['manager', 'supervisor', 'auditor'],
  'POST /cooperatives/:cooperativeId/ledger-exports': ['manager', 'supervisor', 'auditor'],
  'GET /cooperatives/:cooperativeId/ledger-exports/:exportId': ['manager', 'supervisor', 'auditor'],
  'GET /cooperatives/:cooperativeId/ledger-exports/:exportId/file': [
    'manager',
    'supervisor',
    'auditor',
  ],
  'GET /cooperatives/:cooperativeId/listings/member-savings': ['manager', 'supervisor', 'auditor'],
  'GET /cooperatives/:cooperativeId/listings/loans': ['manager', 'supervisor', 'auditor'],
  'GET /cooperatives/:cooperativeId/listings/flagged-cash': ['manager', 'supervisor', 'auditor'],
  'GET /cooperatives/:cooperativeId/listings/audit-log': ['auditor', 'supervisor'],
  'POST /cooperatives/:cooperativeId/loans/:loanId/grade-downgrades': ['manager'],
  'POST /cooperatives/:cooperativeId/loans/:loanId/grade-downgrades/lifting': ['manager'],
  'POST /cooperatives/:cooperativeId/loans/:loanId/write-off': ['manager'],
  'POST /cooperatives/:cooperativeId/loans/:loanId/recoveries': ['teller'],
  'POST /cooperatives/:cooperativeId/loans/:loanId/recoveries/:recoveryId/reversal': [
    'teller',
    'manager',
  ],
  'POST /cooperatives/:cooperativeId/loans/:loanId/restructuring': ['manager'],
  'GET /cooperatives/:cooperativeId/loans/:loanId/restructurings': readers,
  'GET /cooperatives/:cooperativeId/loans/:loanId/schedule-versions/:version': readers,
  'POST /cooperatives/:cooperativeId/partners': ['manager', 'admin'],
  'GET /cooperatives/:cooperativeId/partners': readers,
  'GET /cooperatives/:cooperativeId/partners/:partnerId': readers,
  'PATCH /cooperatives/:cooperativeId/partners/:partnerId': ['manager', 'admin'],
  'POST /cooperatives/:cooperativeId/agreements': ['manager', 'admin'],
  'GET /cooperatives/:cooperativeId/agreements': readers,
  'GET /cooperatives/:cooperativeId/agreements/:agreementId': readers,
  'GET /cooperatives/:cooperativeId/fx-rates': readers,
  'POST /cooperatives/:cooperativeId/fx-rates': ['manager'],
  'POST /cooperatives/:cooperativeId/fx-rates/import': ['manager'],
  'POST /cooperatives/:cooperativeId/facilities': ['manager'],
  'GET /cooperatives/:cooperativeId/facilities': readers,
  'GET /cooperatives/:cooperativeId/facilities/:facilityId': readers,
  'POST /cooperatives/:cooperativeId/facilities/:facilityId/drawdowns': ['manager'],
  'GET /cooperatives/:cooperativeId/facilities/:facilityId/drawdowns': readers,
  'POST /cooperatives/:cooperativeId/facilities/:facilityId/repayments': ['manager'],
  'GET /cooperatives/:cooperativeId/facilities/:facilityId/repayments': readers,
  'GET /cooperatives/:cooperativeId/fx-revaluations': readers,
  'POST /cooperatives/:cooperativeId/settlements': ['manager'],
  'GET /cooperatives/:cooperativeId/settlements/reconciliation': [
    'manager',
    'supervisor',
    'auditor',
  ],
  'GET /cooperatives/:cooperativeId/exposure-limits': readers,
  'POST /cooperatives/:cooperativeId/exposure-limits': ['manager'],
  'POST /cooperatives/:cooperativeId/cross-border-settings': ['manager'],
  'GET /cooperatives/:cooperativeId/exposure-report': ['manager', 'supervisor', 'auditor'],
  'GET /cooperatives/:cooperativeId/msme-export': ['manager', 'supervisor', 'auditor'],
  'POST /cooperatives/:cooperativeId/tills/mine/open': ['teller'],
  'POST /cooperatives/:cooperativeId/tills/mine/transfers': ['teller'],
  'POST /cooperatives/:cooperativeId/tills/mine/close': ['teller'],
  'GET /cooperatives/:cooperativeId/tills/mine': ['teller'],
  'GET /cooperatives/:cooperativeId/till-sessions': ['manager', 'supervisor', 'auditor'],
  'GET /cooperatives/:cooperativeId/members/:memberId/statement': readers,
  'GET /cooperatives/:cooperativeId/savings-accounts/:accountId/passbook': readers,
  'POST /cooperatives/:cooperativeId/savings-accounts/:accountId/passbook/print': ['teller'],
  'POST /cooperatives/:cooperativeId/savings-accounts/:accountId/passbook/reprint': ['teller'],
  'GET /cooperatives/:cooperativeId/receipts/:receiptNumber': readers,
  'POST /admin/queues/session': 'platform',
  'USE /admin/queues': 'board',
};

/** Where each persona stands in cooperative A. */
const rolesInA: Record<Persona, CooperativeRole[]> = {
  anonymous: [],
  teller: ['teller'],
  manager: ['manager'],
  supervisor: ['supervisor'],
  auditor: ['auditor'],
  expiredAuditor: [],
  admin: [],
  outsider: [],
};

function expected(access: Access, persona: Persona): Verdict {
  if (access === 'public') return 'allow';
  if (persona === 'anonymous') return 'unauthenticated';
  if (access === 'authenticated') return 'allow';
  if (access === 'platform') return persona === 'admin' ? 'allow' : 'forbidden';
  // A bearer token never opens the board; whoever cannot get the cookie has no credentials there.
  if (access === 'board') return persona === 'admin' ? 'allow' : 'unauthenticated';
  if (persona === 'admin' && access.includes('admin')) return 'allow';
  const held = rolesInA[persona];
  if (held.some((role) => access.includes(role))) return 'allow';
  return held.length === 0 ? 'hidden' : 'forbidden';
}

function verdictOf(res: request.Response): Verdict {
  const type = (res.body as { type?: string }).type;
  if (res.status === 401 && type === `${problemTypePrefix}unauthenticated`)
    return 'unauthenticated';
  if (res.status === 403 && type === `${problemTypePrefix}forbidden`) return 'forbidden';
  if (res.status === 404 && (res.body as { resource?: string }).resource === 'cooperative') {
    return 'hidden';
  }
  return 'allow';
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  rawPath?: string;
}

/** Every endpoint Express would dispatch to: Nest's routes and middleware mounted on a path. */
function discoverRoutes(api: ApiContext): string[] {
  const express = api.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const found = new Set<string>();
  for (const layer of express.router.stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        found.add(`${method.toUpperCase()} ${layer.route.path}`);
      }
    } else if (layer.rawPath && !['/', '/{*path}'].includes(layer.rawPath)) {
      found.add(`USE ${layer.rawPath}`);
    }
  }
  return [...found].sort();
}

describe('route-by-role matrix (every route, every role)', () => {
  let api: ApiContext;
  let cooperativeA: string;
  const tokens = new Map<Persona, string>();
  const usernames = new Map<Persona, string>();

  beforeAll(async () => {
    api = await ApiContext.start();
    cooperativeA = await createCooperative(api.app, 'KSP-MATRIX-A');
    const cooperativeB = await createCooperative(api.app, 'KSP-MATRIX-B');
    const soon = new Date(Date.now() + 2_500).toISOString();
    const expiring = await api.person([
      { role: 'auditor', cooperativeId: cooperativeA, validUntil: soon },
    ]);
    const inA = (role: 'teller' | 'manager' | 'supervisor') => [
      { role, cooperativeId: cooperativeA },
    ];
    const people = {
      teller: await api.person(inA('teller')),
      manager: await api.person(inA('manager')),
      supervisor: await api.person(inA('supervisor')),
      auditor: await api.person([
        { role: 'auditor', cooperativeId: cooperativeA, validUntil: '2099-01-01T00:00:00Z' },
      ]),
      admin: await api.person([{ role: 'admin' }]),
      outsider: await api.person([{ role: 'teller', cooperativeId: cooperativeB }]),
      expiredAuditor: expiring,
    };
    for (const [persona, person] of Object.entries(people)) {
      tokens.set(persona as Persona, person.token);
      usernames.set(persona as Persona, person.username);
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(soon) - Date.now() + 100)),
    );
  });

  afterAll(() => api.close());

  it('has a decision for every route the router serves, and no decision for a route it lacks', () => {
    expect(discoverRoutes(api)).toEqual(Object.keys(decisions).sort());
  });

  async function boardCookie(token: string): Promise<string | undefined> {
    const res = await request(api.server)
      .post('/admin/queues/session')
      .set('Authorization', `Bearer ${token}`);
    const cookie = res.headers['set-cookie'] as unknown as string[] | undefined;
    return cookie?.[0]?.split(';')[0];
  }

  async function call(route: string, persona: Persona): Promise<request.Response> {
    const [method, pattern] = route.split(' ');
    const path = pattern
      .replace(':cooperativeId', cooperativeA)
      .replace(':month', '2026-10')
      .replace(/:[A-Za-z]+/g, () => uuidv7());
    let token = tokens.get(persona);
    if (route === 'POST /auth/logout' && token) {
      // Logging out ends the session: use a session of its own so the persona stays logged in.
      const login = await request(api.server)
        .post('/auth/login')
        .send({ username: usernames.get(persona), password: testPassword });
      token = (login.body as { accessToken: string }).accessToken;
    }
    const verb = method === 'USE' ? 'get' : (method.toLowerCase() as 'get' | 'post');
    const req = request(api.server)[verb](path);
    if (token) req.set('Authorization', `Bearer ${token}`);
    if (decisions[route] === 'board' && token) {
      // The board ignores the bearer token: each persona tries to trade it for the cookie.
      const cookie = await boardCookie(token);
      if (cookie) req.set('Cookie', cookie);
    }
    return verb === 'post' ? req.send({}) : req;
  }

  const personas: Persona[] = [
    'anonymous',
    'teller',
    'manager',
    'supervisor',
    'auditor',
    'expiredAuditor',
    'admin',
    'outsider',
  ];

  it.each(Object.keys(decisions))('%s', async (route) => {
    const outcomes: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const persona of personas) {
      const res = await call(route, persona);
      expect(res.status).toBeLessThan(500);
      outcomes[persona] = verdictOf(res);
      wanted[persona] = expected(decisions[route], persona);
    }
    expect(outcomes).toEqual(wanted);
  });
});
