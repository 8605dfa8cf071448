import { Decimal, Money } from '@lumbung/core';
import type { EntryDraft } from '@lumbung/ledger';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { PassThrough, Readable } from 'node:stream';
import { LedgerBenchContext } from './support/ledger-bench-context';
import { pgbenchTps } from './support/pgbench';
import { figure, note, print } from './support/report';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const accounts = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const inFlight = 16;
const batchSize = 500;
const batches = Number(process.env.BENCH_BATCHES ?? 20);

/**
 * `inFlight` independent requests at a time for `seconds`, each acknowledged after commit, through
 * the coalescing writer (the fast path for requests that own no other rows).
 */
async function sustained(ctx: LedgerBenchContext, draft: () => EntryDraft): Promise<number> {
  const end = Date.now() + seconds * 1000;
  let committed = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < end) {
        await ctx.writer.submit(ctx.cooperativeId, draft());
        committed++;
      }
    }),
  );
  return committed / ((Date.now() - started) / 1000);
}

function uniformTransfer(ctx: LedgerBenchContext): EntryDraft {
  const debit = ctx.randomMember();
  let credit = ctx.randomMember();
  while (credit === debit) credit = ctx.randomMember();
  return ctx.transfer(debit, credit);
}

/** 2 to 4 postings among random members; the first line carries the balancing amount. */
function batchEntry(ctx: LedgerBenchContext, i: number): EntryDraft {
  const lines = 2 + (i % 3);
  const others = Array.from({ length: lines - 1 }, () => ctx.randomMember());
  const first = ctx.randomMember();
  return {
    description: 'bench batch entry',
    source: { type: 'bench' },
    postings: [
      { accountId: first, amount: Money.of(new Decimal(lines - 1), 'IDR') },
      ...others.map((accountId) => ({ accountId, amount: Money.parse('-1.00', 'IDR') })),
    ],
  };
}

async function atomicBatches(
  ctx: LedgerBenchContext,
): Promise<{ entriesPerSecond: number; entryIds: string[] }> {
  const entryIds: string[] = [];
  let millis = 0;
  for (let b = 0; b < batches; b++) {
    const drafts = Array.from({ length: batchSize }, (_, i) => batchEntry(ctx, i));
    const started = process.hrtime.bigint();
    const outcomes = await ctx.scope.run((tx) =>
      ctx.posting.postBatch(tx, ctx.cooperativeId, drafts),
    );
    millis += Number(process.hrtime.bigint() - started) / 1e6;
    entryIds.push(...outcomes.map((o) => o.entry.id));
  }
  return { entriesPerSecond: (batches * batchSize) / (millis / 1000), entryIds };
}

/** COPY of the same posting rows into a table with the same indexes, no triggers or foreign keys. */
async function copyBaseline(ownerUrl: string, entryIds: string[]): Promise<number> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(
      'CREATE TABLE posting_copy (LIKE posting INCLUDING INDEXES INCLUDING DEFAULTS)',
    );
    const rows = new PassThrough();
    const chunks: Buffer[] = [];
    rows.on('data', (chunk: Buffer) => chunks.push(chunk));
    await owner.query('CREATE TEMP TABLE bench_entries (id uuid PRIMARY KEY)');
    await owner.query('INSERT INTO bench_entries SELECT unnest($1::uuid[])', [entryIds]);
    await pipeline(
      owner.query(
        copyTo(
          'COPY (SELECT p.* FROM posting p JOIN bench_entries e ON e.id = p.entry_id) TO STDOUT',
        ),
      ),
      rows,
    );
    const data = Buffer.concat(chunks);
    const started = process.hrtime.bigint();
    const sink = owner.query(copyFrom('COPY posting_copy FROM STDIN'));
    await pipeline(Readable.from([data]), sink);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    return entryIds.length / elapsed;
  } finally {
    await owner.end();
  }
}

export async function ledgerBenchmark(): Promise<void> {
  note(`pgbench baseline (${seconds} s)`);
  const pgbench = await pgbenchTps(seconds);
  note(`pgbench: ${pgbench.toFixed(0)} tps`);
  const ctx = await LedgerBenchContext.start(accounts, inFlight + 4);
  try {
    note(`single-entry, uniform (${seconds} s, ${inFlight} in flight)`);
    const uniform = await sustained(ctx, () => uniformTransfer(ctx));
    print(
      figure('ledger.single', uniform, 'entries/s', pgbench, 'pgbench tpcb-like', {
        in_flight: inFlight,
        accounts,
      }),
    );
    note(`single-entry, hot account (${seconds} s)`);
    const hot = await sustained(ctx, () => ctx.transfer(ctx.vault, ctx.randomMember()));
    print(
      figure('ledger.hot', hot, 'entries/s', uniform, 'ledger.single uniform', {
        in_flight: inFlight,
      }),
    );
    note(`atomic batches: ${batches} x ${batchSize} entries`);
    const batch = await atomicBatches(ctx);
    const copy = await copyBaseline(ctx.ownerUrl, batch.entryIds);
    print(
      figure(
        'ledger.batch',
        batch.entriesPerSecond,
        'entries/s',
        copy,
        'COPY of the same posting rows',
        { batch_size: batchSize },
      ),
    );
  } finally {
    await ctx.close();
  }
}
