import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { TcpProxy } from '../support/tcp-proxy';

describe('when PostgreSQL becomes unreachable', () => {
  const proxy = new TcpProxy('127.0.0.1', 5432);
  let api: ApiContext;
  let teller: Person;

  beforeAll(async () => {
    const port = await proxy.start();
    api = await ApiContext.start({
      databaseUrl: (db) => {
        const url = new URL(db.appUrl);
        url.port = String(port);
        return url.toString();
      },
    });
    teller = await api.person([]);
  });

  afterAll(() => api.close());

  it('answers 503 problem+json within seconds, on reads and on health', async () => {
    const cooperativePath = '/cooperatives/01890000-0000-7000-8000-000000000000/trial-balance';
    await request(api.server).get(cooperativePath).set(teller.auth).expect(404);
    await proxy.cut();
    for (const path of [cooperativePath, '/health']) {
      const started = Date.now();
      const res = await request(api.server).get(path).set(teller.auth);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toBe('urn:lumbung:problem:service-unavailable');
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });
});
