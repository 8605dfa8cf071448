import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { ApprovalService } from '@lumbung/approvals';
import { RoleGrantService, UserService } from '@lumbung/auth';
import { readEnvironment, uuidv7 } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { MemberDirectory, MemberRegistration } from '@lumbung/members';
import {
  productChangeType,
  SavingsAccountService,
  TellerOperations,
  TillService,
} from '@lumbung/savings';
import type { INestApplication } from '@nestjs/common';
import { createApiApplication } from '../apps/api/src/bootstrap';
import { migrateDatabase } from '../migrations/migrate';
import { databaseUrl, dropDatabase, recreateDatabase } from './support/databases';
import { figure, note, print } from './support/report';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const members = Number(process.env.BENCH_MEMBERS ?? 400);
const tellers = 4;
const inFlight = 16;
const database = 'lumbung_bench_http';
const password = 'bench password long enough';

interface Desk {
  readonly userId: string;
  readonly token: string;
}

/** One cooperative, `members` active members with a voluntary account, four tellers at open tills. */
async function seed(app: INestApplication, server: Server) {
  const scope = app.get(TransactionScope);
  const manager = { id: uuidv7(), roles: ['manager'] };
  const other = { id: uuidv7(), roles: ['manager'] };
  const cooperativeId = (
    await scope.run((tx) =>
      app.get(CooperativeService).create(tx, {
        code: 'KSP-BENCH-HTTP',
        name: 'Koperasi Bench HTTP',
        country: 'ID',
        timeZone: 'Asia/Makassar',
        functionalCurrency: 'IDR',
      }),
    )
  ).id;
  const product = await scope.run(async (tx) => {
    const approvals = app.get(ApprovalService);
    const request = await approvals.submit(tx, {
      cooperativeId,
      type: productChangeType,
      payload: {
        code: 'SUKARELA',
        kind: 'sukarela',
        name: 'Tabungan Sukarela',
        currency: 'IDR',
        terms: {
          annualRate: '0.04',
          rateRange: { min: '0.02', max: '0.06' },
          minimumBalance: '0',
          dayCount: 'actual/365',
          dormantAfterDays: 365,
          withholding: null,
        },
      },
      maker: manager,
    });
    const done = await approvals.approve(tx, {
      cooperativeId,
      requestId: request.id,
      approver: other,
    });
    return (done.result as { id: string }).id;
  });
  note(`registering ${members} members with a voluntary account`);
  const accounts: string[] = [];
  for (let i = 1; i <= members; i++) {
    accounts.push(
      await scope.run(async (tx) => {
        const member = await app.get(MemberRegistration).register(tx, cooperativeId, {
          fullName: `Anggota ${i}`,
          identity: { type: 'nik', number: `537101150890${String(i).padStart(4, '0')}` },
        });
        await app.get(MemberDirectory).changeStatus(tx, cooperativeId, member.id, 'active');
        return (
          await app.get(SavingsAccountService).open(tx, cooperativeId, {
            memberId: member.id,
            productId: product,
          })
        ).id;
      }),
    );
  }
  const desks: Desk[] = [];
  for (let i = 1; i <= tellers; i++) {
    const username = `bench.teller${i}`;
    const user = await scope.run(async (tx) => {
      const created = await app.get(UserService).create(tx, {
        username,
        displayName: username,
        password,
      });
      await app.get(RoleGrantService).grantByOperator(tx, cooperativeId, {
        userId: created.id,
        role: 'teller',
      });
      return created;
    });
    await scope.run((tx) =>
      app.get(TillService).open(
        tx,
        cooperativeId,
        { userId: user.id, username },
        {
          currency: 'IDR',
          float: '0',
        },
      ),
    );
    desks.push({ userId: user.id, token: await login(server, username) });
  }
  return { cooperativeId, accounts, desks };
}

async function login(server: Server, username: string): Promise<string> {
  const response = await fetch(`${base(server)}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

function base(server: Server): string {
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

/** The same deposit as the route makes it, called in process: what HTTP is measured against. */
async function inProcess(app: INestApplication, seeded: Awaited<ReturnType<typeof seed>>) {
  const scope = app.get(TransactionScope);
  const operations = app.get(TellerOperations);
  const end = Date.now() + seconds * 1000;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, lane) => {
      const desk = seeded.desks[lane % tellers];
      while (Date.now() < end) {
        await scope.run((tx) =>
          operations.submit(
            tx,
            seeded.cooperativeId,
            { userId: desk.userId, roles: ['teller'] },
            {
              operation: 'deposit',
              accountId: pick(seeded.accounts),
              amount: '1000.00',
              currency: 'IDR',
            },
          ),
        );
        done++;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

async function deposit(server: Server, seeded: Awaited<ReturnType<typeof seed>>, desk: Desk) {
  const started = process.hrtime.bigint();
  const response = await fetch(
    `${base(server)}/cooperatives/${seeded.cooperativeId}/savings-accounts/${pick(seeded.accounts)}/deposits`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${desk.token}`,
        'content-type': 'application/json',
        'idempotency-key': uuidv7(),
      },
      body: JSON.stringify({ amount: '1000.00', currency: 'IDR' }),
    },
  );
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`deposit answered ${response.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Closed loop: `inFlight` clients, each sending its next deposit when the last is answered. */
async function maximum(server: Server, seeded: Awaited<ReturnType<typeof seed>>) {
  const end = Date.now() + seconds * 1000;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, lane) => {
      while (Date.now() < end) {
        await deposit(server, seeded, seeded.desks[lane % tellers]);
        done++;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

/** Open loop at `rate` per second: latencies include any queueing the api causes. */
async function latencies(server: Server, seeded: Awaited<ReturnType<typeof seed>>, rate: number) {
  const total = Math.max(1, Math.floor(rate * seconds));
  const gap = 1000 / rate;
  const started = Date.now();
  const pending: Array<Promise<number>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * gap;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(deposit(server, seeded, seeded.desks[i % tellers]));
  }
  const sorted = (await Promise.all(pending)).sort((a, b) => a - b);
  return {
    p50: sorted[Math.floor(sorted.length * 0.5)],
    p99: sorted[Math.floor(sorted.length * 0.99)],
  };
}

export async function httpBenchmark(): Promise<void> {
  await recreateDatabase(database);
  const ownerUrl = databaseUrl(database);
  const appUrl = databaseUrl(database, 'lumbung_bench_app', 'bench');
  await migrateDatabase(ownerUrl, appUrl);
  const env = readEnvironment({
    DATABASE_URL: appUrl,
    DATABASE_OWNER_URL: ownerUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error',
  });
  const app = await createApiApplication(env);
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  try {
    const seeded = await seed(app, server);
    note(`in-process deposits (${seconds} s, ${inFlight} in flight, ${tellers} tills)`);
    const baseline = await inProcess(app, seeded);
    note(`deposits over HTTP, closed loop (${seconds} s, ${inFlight} in flight)`);
    const max = await maximum(server, seeded);
    print(
      figure(
        'http.deposit.max',
        max,
        'deposits/s',
        baseline,
        'in-process deposits (TellerOperations)',
        {
          in_flight: inFlight,
          tellers,
          members,
          auth: true,
          idempotency: true,
        },
      ),
    );
    note(`deposits over HTTP at half that rate (${seconds} s)`);
    const { p50, p99 } = await latencies(server, seeded, max / 2);
    print(
      figure('http.deposit.p99', p99, 'ms', 50, 'target p99 (DESIGN.md section 6)', {
        offered_rate: Number((max / 2).toFixed(1)),
        p50_ms: Number(p50.toFixed(1)),
      }),
    );
  } finally {
    await app.close();
    await dropDatabase(database);
  }
}
