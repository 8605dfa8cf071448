import { problemTypePrefix } from '@lumbung/core';
import request from 'supertest';
import { signToken } from '../../libs/auth/src/infrastructure/jwt';
import { ApiContext, type Person, testJwtSecret } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';

const board = '/admin/queues';

function setCookieOf(res: request.Response): string {
  const cookies = res.headers['set-cookie'] as unknown as string[] | undefined;
  expect(cookies).toHaveLength(1);
  return cookies![0];
}

/** `name=value` as a browser would send it back. */
function cookieHeader(setCookie: string): string {
  return setCookie.split(';')[0];
}

function claimsOf(token: string): { sub: string; sid: string } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('queue board at /admin/queues', () => {
  let api: ApiContext;
  let admin: Person;
  let manager: Person;
  let cookie: string;

  const openSession = (person: Person) =>
    request(api.server).post(`${board}/session`).set(person.auth);

  function expectProblem(res: request.Response, status: number, slug: string): void {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: problemTypePrefix + slug, status });
  }

  beforeAll(async () => {
    api = await ApiContext.start();
    const cooperativeId = await createCooperative(api.app, 'KSP-BOARD');
    admin = await api.person([{ role: 'admin' }]);
    manager = await api.person([{ role: 'manager', cooperativeId }]);
    cookie = cookieHeader(setCookieOf(await openSession(admin).expect(200)));
  });

  afterAll(() => api.close());

  it('refuses anyone without the cookie, bearer token or not', async () => {
    expectProblem(await request(api.server).get(board), 401, 'unauthenticated');
    expectProblem(await request(api.server).get(`${board}/api/queues`), 401, 'unauthenticated');
    expectProblem(
      await request(api.server).get(`${board}/api/queues`).set(admin.auth),
      401,
      'unauthenticated',
    );
  });

  it('gives a session to admins only', async () => {
    expectProblem(await openSession(manager), 403, 'forbidden');
    expectProblem(await request(api.server).post(`${board}/session`), 401, 'unauthenticated');
  });

  it('sets an HttpOnly, SameSite=Strict cookie for the board path that lives five minutes', async () => {
    const res = await openSession(admin).expect(200);
    expect(res.body).toEqual({ url: '/admin/queues/', expiresIn: 300 });
    const attributes = setCookieOf(res).split(/;\s*/).slice(1);
    expect(attributes).toEqual(
      expect.arrayContaining(['Max-Age=300', 'Path=/admin/queues', 'HttpOnly', 'SameSite=Strict']),
    );
    expect(attributes).not.toContain('Secure');
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const express = api.app.getHttpAdapter().getInstance() as { set(k: string, v: unknown): void };
    express.set('trust proxy', 'loopback');
    try {
      const res = await openSession(admin).set('X-Forwarded-Proto', 'https').expect(200);
      expect(setCookieOf(res).split(/;\s*/)).toContain('Secure');
    } finally {
      express.set('trust proxy', false);
    }
  });

  it('records each session in the platform audit log', async () => {
    const res = await request(api.server)
      .get('/audit-log?action=auth.queue-board.open')
      .set(admin.auth)
      .expect(200);
    const mine = (res.body.items as Array<{ actorId: string; targetType: string }>).filter(
      (item) => item.actorId === admin.userId,
    );
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine[0]).toMatchObject({ targetType: 'session', targetId: claimsOf(admin.token).sid });
  });

  it('serves the board and its JSON api, every queue read-only', async () => {
    const page = await request(api.server).get(`${board}/`).set('Cookie', cookie).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    await request(api.server).get(board).set('Cookie', cookie).expect(200);
    const res = await request(api.server)
      .get(`${board}/api/queues`)
      .set('Cookie', cookie)
      .expect(200);
    const queues = res.body.queues as Array<{ name: string; readOnlyMode: boolean }>;
    expect(queues.map((queue) => queue.name).sort()).toEqual([
      'business-date',
      'end-of-day',
      'journal-sealing',
      'ledger-exports',
    ]);
    expect(queues.every((queue) => queue.readOnlyMode)).toBe(true);
  });

  it('refuses every write, whatever the method, with 405', async () => {
    const retry = `${board}/api/queues/end-of-day/eod-x-2026-01-01-0-a1/retry`;
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const res = await request(api.server)[method](retry).set('Cookie', cookie);
      expectProblem(res, 405, 'method-not-allowed');
      expect(res.headers.allow).toBe('GET, HEAD');
    }
    expectProblem(
      await request(api.server).put(`${board}/api/queues/pause`).set('Cookie', cookie),
      405,
      'method-not-allowed',
    );
  });

  it('refuses an expired, a tampered and a foreign token as the cookie', async () => {
    const { sub, sid } = claimsOf(admin.token);
    const past = Math.trunc(Date.now() / 1000) - 600;
    const expired = signToken(testJwtSecret, 'queue-board', {
      sub,
      sid,
      iat: past,
      exp: past + 300,
    });
    const value = cookie.split('=')[1];
    const [head, body, sig] = value.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claimsOf(value), exp: 4_000_000_000 }));
    const tampered = `${head}.${forged.toString('base64url')}.${sig}`;
    for (const token of [expired, tampered, `${head}.${body}.${sig.slice(1)}x`, admin.token]) {
      const res = await request(api.server)
        .get(`${board}/api/queues`)
        .set('Cookie', `lumbung_queue_board=${token}`);
      expectProblem(res, 401, 'unauthenticated');
    }
  });

  it('does not take the cookie as a bearer token', async () => {
    const value = cookie.split('=')[1];
    const res = await request(api.server).get('/auth/me').set('Authorization', `Bearer ${value}`);
    expectProblem(res, 401, 'unauthenticated');
  });

  it('closes with the session, and for an admin who loses the role', async () => {
    const leaving = await api.person([{ role: 'admin' }]);
    const leavingCookie = cookieHeader(setCookieOf(await openSession(leaving).expect(200)));
    const grants = await request(api.server).get('/role-grants').set(admin.auth).expect(200);
    const grant = (grants.body as Array<{ id: string; userId: string }>).find(
      (g) => g.userId === leaving.userId,
    );
    await request(api.server)
      .post(`/role-grants/${grant!.id}/revoke`)
      .set(admin.auth)
      .send({ reason: 'left the federation office' })
      .expect(200);
    const revoked = await request(api.server).get(board).set('Cookie', leavingCookie);
    expectProblem(revoked, 403, 'forbidden');

    const another = await api.person([{ role: 'admin' }]);
    const anotherCookie = cookieHeader(setCookieOf(await openSession(another).expect(200)));
    await request(api.server).post('/auth/logout').set(another.auth).expect(204);
    expectProblem(
      await request(api.server).get(board).set('Cookie', anotherCookie),
      401,
      'unauthenticated',
    );
  });
});
