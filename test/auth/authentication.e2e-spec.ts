import { createHmac } from 'node:crypto';
import { RoleGrantService } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { Client } from 'pg';
import request from 'supertest';
import { ApiContext, type Person, testJwtSecret, testPassword } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;

function forge(claims: Record<string, unknown>, header = { alg: 'HS256', typ: 'JWT' }): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  const signature = createHmac('sha256', testJwtSecret).update(input).digest('base64url');
  return `${input}.${signature}`;
}

describe('logging in, tokens and tenant isolation', () => {
  let api: ApiContext;
  let kupang: string;
  let dili: string;
  let tellerKupang: Person;
  let tellerDili: Person;

  const me = (token: string) =>
    request(api.server).get('/auth/me').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    api = await ApiContext.start();
    kupang = await createCooperative(api.app, 'KSP-AUTH-KUPANG');
    dili = await createCooperative(api.app, 'KOP-AUTH-DILI');
    tellerKupang = await api.person([{ role: 'teller', cooperativeId: kupang }]);
    tellerDili = await api.person([{ role: 'teller', cooperativeId: dili }]);
  });

  afterAll(() => api.close());

  it('logs in, tells who is calling, and sets security headers without CORS', async () => {
    const res = await request(api.server).get('/auth/me').set(tellerKupang.auth).expect(200);
    expect(res.body).toMatchObject({
      id: tellerKupang.userId,
      username: tellerKupang.username,
      grants: [{ cooperativeId: kupang, role: 'teller', validUntil: null }],
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    const preflight = await request(api.server)
      .options('/auth/me')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers every wrong login with the same 401, and records each', async () => {
    const wrongPassword = await request(api.server)
      .post('/auth/login')
      .send({ username: tellerKupang.username, password: 'not the password at all' })
      .expect(401);
    const unknownUser = await request(api.server)
      .post('/auth/login')
      .send({ username: 'nobody.here', password: 'not the password at all' })
      .expect(401);
    for (const res of [wrongPassword, unknownUser]) {
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.body).toMatchObject({
        type: problem('invalid-credentials'),
        detail: 'The username or password is wrong',
      });
    }
    const rows = await api.app.get(TransactionScope).run((tx) =>
      tx.query<{ action: string; actor_id: string | null; target_id: string }>(
        `SELECT action, actor_id, target_id FROM audit_log
            WHERE action LIKE 'auth.login%' ORDER BY id`,
      ),
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'auth.login', actor_id: tellerKupang.userId, target_id: tellerKupang.userId },
        {
          action: 'auth.login.failed',
          actor_id: tellerKupang.userId,
          target_id: tellerKupang.userId,
        },
        { action: 'auth.login.failed', actor_id: null, target_id: 'nobody.here' },
      ]),
    );
  });

  it('slows password guessing down: 429 with Retry-After after five failures', async () => {
    const target = await api.person([]);
    for (let i = 0; i < 5; i++) {
      await request(api.server)
        .post('/auth/login')
        .send({ username: target.username, password: `guess number ${i} wrong` })
        .expect(401);
    }
    const blocked = await request(api.server)
      .post('/auth/login')
      .send({ username: target.username, password: testPassword })
      .expect(429);
    expect(blocked.body.type).toBe(problem('too-many-requests'));
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses missing, malformed, tampered, expired and algorithm-swapped tokens with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const [header, body] = tellerKupang.token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: tellerDili.userId })).toString('base64url')}.${tellerKupang.token.split('.')[2]}`;
    const expired = forge({ ...claims, iat: now - 3600, exp: now - 60 });
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${body}.`;
    const wrongAlgorithm = forge(claims, { alg: 'HS512', typ: 'JWT' });
    const path = `/cooperatives/${kupang}/trial-balance`;
    for (const authorization of [
      undefined,
      'Bearer',
      'Basic dGVsbGVyOnNlY3JldA==',
      'Bearer not-a-token',
      `Bearer ${tampered}`,
      `Bearer ${expired}`,
      `Bearer ${none}`,
      `Bearer ${wrongAlgorithm}`,
    ]) {
      const req = request(api.server).get(path);
      const res = await (authorization ? req.set('Authorization', authorization) : req);
      expect({ authorization, status: res.status, type: res.body.type }).toEqual({
        authorization,
        status: 401,
        type: problem('unauthenticated'),
      });
    }
    await me(forge({ ...claims, exp: now + 60 })).expect(200);
  });

  it('keeps each cooperative to its own people, both ways', async () => {
    await request(api.server)
      .get(`/cooperatives/${kupang}/trial-balance`)
      .set(tellerKupang.auth)
      .expect(200);
    for (const [person, other] of [
      [tellerKupang, dili],
      [tellerDili, kupang],
    ] as const) {
      for (const path of ['', '/trial-balance', '/accounts', '/chain/head']) {
        const res = await request(api.server)
          .get(`/cooperatives/${other}${path}`)
          .set(person.auth)
          .expect(404);
        expect(res.body).toMatchObject({ type: problem('not-found'), resource: 'cooperative' });
      }
    }
    for (const malformed of ['not-a-uuid', "1'; DROP TABLE posting; --"]) {
      await request(api.server)
        .get(`/cooperatives/${encodeURIComponent(malformed)}/trial-balance`)
        .set(tellerKupang.auth)
        .expect(404);
    }
  });

  it('refuses an auditor every write, all access once the engagement ended, until a new one', async () => {
    const auditor = await api.person([
      {
        role: 'auditor',
        cooperativeId: kupang,
        validUntil: new Date(Date.now() + 2_000).toISOString(),
      },
    ]);
    await request(api.server)
      .get(`/cooperatives/${kupang}/trial-balance`)
      .set(auditor.auth)
      .expect(200);
    const write = await request(api.server)
      .post(`/cooperatives/${kupang}/periods/2026-10/close`)
      .set(auditor.auth)
      .expect(403);
    expect(write.body.type).toBe(problem('forbidden'));
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await request(api.server)
      .get(`/cooperatives/${kupang}/trial-balance`)
      .set(auditor.auth)
      .expect(404);
    const profile = await request(api.server).get('/auth/me').set(auditor.auth).expect(200);
    expect(profile.body.grants).toEqual([]);

    await api.app.get(TransactionScope).run((tx) =>
      api.app.get(RoleGrantService).grantByOperator(tx, kupang, {
        userId: auditor.userId,
        role: 'auditor',
        validUntil: '2099-01-01',
      }),
    );
    await request(api.server)
      .get(`/cooperatives/${kupang}/trial-balance`)
      .set(auditor.auth)
      .expect(200);
  });

  it('rotates refresh tokens and ends the session when a used one comes back', async () => {
    const person = await api.person([{ role: 'teller', cooperativeId: kupang }]);
    const login = await request(api.server)
      .post('/auth/login')
      .send({ username: person.username, password: testPassword })
      .expect(200);
    const first = login.body.refreshToken as string;
    const rotated = await request(api.server)
      .post('/auth/refresh')
      .send({ refreshToken: first })
      .expect(200);
    await me(rotated.body.accessToken).expect(200);
    const replay = await request(api.server)
      .post('/auth/refresh')
      .send({ refreshToken: first })
      .expect(401);
    expect(replay.body.type).toBe(problem('invalid-refresh-token'));
    await me(rotated.body.accessToken).expect(401);
    await request(api.server)
      .post('/auth/refresh')
      .send({ refreshToken: rotated.body.refreshToken })
      .expect(401);
  });

  it('logs out and disables: the token stops working at once', async () => {
    const person = await api.person([{ role: 'teller', cooperativeId: kupang }]);
    await request(api.server).post('/auth/logout').set(person.auth).expect(204);
    await me(person.token).expect(401);

    const admin = await api.person([{ role: 'admin' }]);
    const leaving = await api.person([{ role: 'teller', cooperativeId: kupang }]);
    await request(api.server)
      .post(`/users/${leaving.userId}/disable`)
      .set(admin.auth)
      .send({ reason: 'left the cooperative' })
      .expect(200);
    await me(leaving.token).expect(401);
    await request(api.server)
      .post('/auth/login')
      .send({ username: leaving.username, password: testPassword })
      .expect(401);
  });

  it('keeps the audit log append-only for the application and the owner alike', async () => {
    for (const url of [api.db.appUrl, api.db.ownerUrl]) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        for (const sql of [
          `UPDATE audit_log SET action = 'auth.nothing' WHERE action = 'auth.login'`,
          `DELETE FROM audit_log WHERE action = 'auth.login.failed'`,
          `TRUNCATE audit_log`,
        ]) {
          await expect(client.query(sql)).rejects.toMatchObject({
            code: expect.stringMatching(/^(42501|LB003)$/),
          });
        }
      } finally {
        await client.end();
      }
    }
  });
});
