import { AuditModule } from '@lumbung/audit';
import { DatabaseModule } from '@lumbung/database';
import { LedgerModule } from '@lumbung/ledger';
import { NestFactory } from '@nestjs/core';
import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { exportSessionSettings } from '@lumbung/exports';
import { ledgerPostingsSql } from '../libs/exports/src/infrastructure/export-reader';
import { migrateDatabase } from '../migrations/migrate';
import { databaseUrl, dropDatabase, recreateDatabase } from './support/databases';
import { type ExportSeed, keptExportSeed, seedExport } from './support/export-seed';
import { figure, note, print } from './support/report';

const size = Number(process.env.BENCH_EXPORT_SIZE ?? 1_000_000);
/** Runs of each measured command; the best is the figure, every run is reported. */
const runs = Number(process.env.BENCH_EXPORT_RUNS ?? 2);
const database = 'lumbung_bench_export';
const baselineName = 'COPY (SELECT same columns) TO STDOUT';
const targetRatio = 0.5;
const targetRssMb = 128;
const cliMain = resolve(__dirname, '../apps/cli/src/main.js');
const timeBinary = '/usr/bin/time';

/**
 * DESIGN.md section 6: 1,000,000 postings exported to CSV and to an hledger journal by the CLI as
 * an auditor runs it (`export ledger ... --out F`, its own process, wall time from spawn to exit,
 * peak RSS from /usr/bin/time or VmHWM), beside `COPY (the export's own postings query) TO
 * STDOUT` in CSV in one REPEATABLE READ transaction, measured in the same run on the same server.
 */
export async function exportBenchmark(): Promise<void> {
  if (!existsSync(cliMain)) throw new Error(`${cliMain} is missing: build first (npm run bench)`);
  const ownerUrl = databaseUrl(database);
  const appUrl = databaseUrl(database, 'lumbung_bench_app', 'bench');
  const kept = process.env.BENCH_EXPORT_REUSE ? await keptSeed(ownerUrl) : null;
  if (!kept) {
    await recreateDatabase(database);
    await migrateDatabase(ownerUrl, appUrl);
  }
  const dir = await mkdtemp(join(tmpdir(), 'lumbung-bench-export-'));
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    let seed: ExportSeed;
    if (kept) {
      seed = kept;
      note(`reusing the kept seed: ${seed.postings} postings in ${seed.blocks} blocks`);
    } else {
      seed = await seeded(appUrl, owner);
    }
    // The baseline twice over: as the server is configured, and with the export's own session
    // settings (jit off, work_mem): the faster of all its runs is the baseline.
    const copies: Record<CopySettings, number[]> = { server: [], export: [] };
    const copy = async () => {
      for (const settings of ['server', 'export'] as const) {
        const measured = await copyBaseline(appUrl, seed, settings);
        copies[settings].push(measured.seconds);
        note(
          `baseline COPY (${settings} settings): ${measured.seconds.toFixed(2)} s, ` +
            `${mb(measured.bytes)} MB (load ${load()})`,
        );
      }
    };
    await copy(); // also warms the cache for the runs after it
    const measured: Record<string, CliRun[]> = { csv: [], hledger: [] };
    for (let i = 0; i < runs; i++) {
      for (const format of ['csv', 'hledger'] as const) {
        const run = await cliExport(appUrl, seed, format, join(dir, `ledger.${format}`));
        measured[format].push(run);
        note(
          `${format} run ${i + 1}: ${run.seconds.toFixed(2)} s, peak RSS ${run.peakRssMb} MB, ` +
            `${mb(run.bytes)} MB, ${run.check} (load ${load()})`,
        );
      }
      await copy();
    }
    const baseline = Math.min(...copies.server, ...copies.export);
    for (const format of ['csv', 'hledger'] as const) {
      const all = measured[format];
      const best = all.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      print(
        figure(
          `export.${format}`,
          seed.postings / best.seconds,
          'postings/s',
          seed.postings / baseline,
          baselineName,
          {
            peak_rss_mb: Math.max(...all.map((r) => r.peakRssMb)),
            target_ratio: targetRatio,
            target_rss_mb: targetRssMb,
            postings: seed.postings,
            entries: seed.entries,
            blocks: seed.blocks,
            seconds: round(best.seconds),
            runs_s: all.map((r) => round(r.seconds)),
            runs_rss_mb: all.map((r) => r.peakRssMb),
            baseline_s: round(baseline),
            baseline_server_settings_s: copies.server.map(round),
            baseline_export_settings_s: copies.export.map(round),
            bytes: best.bytes,
            file_check: best.check,
            load: load(),
          },
        ),
      );
    }
  } finally {
    await owner.end();
    await rm(dir, { recursive: true, force: true });
    if (!process.env.BENCH_KEEP) await dropDatabase(database);
  }
}

/** A seed kept by an earlier run (BENCH_EXPORT_REUSE=1 with BENCH_KEEP=1), or null. */
async function keptSeed(ownerUrl: string): Promise<ExportSeed | null> {
  const owner = new Client({ connectionString: ownerUrl });
  try {
    await owner.connect();
  } catch {
    return null; // no such database
  }
  try {
    return await keptExportSeed(owner, size);
  } finally {
    await owner.end();
  }
}

async function seeded(appUrl: string, owner: Client): Promise<ExportSeed> {
  const app = await NestFactory.createApplicationContext(
    {
      module: class ExportBenchModule {},
      imports: [
        DatabaseModule.forRoot({ url: appUrl, applicationName: 'lumbung-bench', poolSize: 2 }),
        AuditModule,
        LedgerModule,
      ],
    },
    { logger: ['error'] },
  );
  try {
    note(`seeding ${size} postings`);
    const seeding = Date.now();
    const seed = await seedExport(app, owner, size);
    note(`seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s`);
    return seed;
  } finally {
    await app.close();
  }
}

interface CliRun {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly bytes: number;
  readonly check: string;
}

/**
 * The export's postings query (its values written in: COPY takes no parameters) as the app role,
 * with the server's settings or the export's own.
 */
type CopySettings = 'server' | 'export';

async function copyBaseline(
  appUrl: string,
  seed: ExportSeed,
  settings: CopySettings,
): Promise<{ seconds: number; bytes: number }> {
  const client = new Client({ connectionString: appUrl });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (settings === 'export') {
      for (const [name, value] of Object.entries(exportSessionSettings)) {
        await client.query(`SELECT set_config($1, $2, true)`, [name, value]);
      }
    }
    const sql = ledgerPostingsSql(seed.cooperativeId, seed.from, seed.to);
    let bytes = 0;
    const started = process.hrtime.bigint();
    await pipeline(
      client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`)),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done();
        },
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await client.query('COMMIT');
    return { seconds, bytes };
  } finally {
    await client.end();
  }
}

/** `lumbung export ledger` in its own process, under /usr/bin/time -v when there is one. */
async function cliExport(
  appUrl: string,
  seed: ExportSeed,
  format: 'csv' | 'hledger',
  out: string,
): Promise<CliRun> {
  const args = [
    cliMain,
    'export',
    'ledger',
    '--cooperative',
    seed.code,
    '--from',
    seed.from,
    '--to',
    seed.to,
    '--format',
    format,
    '--out',
    out,
  ];
  const timed = existsSync(timeBinary);
  const { LOG_LEVEL: _level, ...inherited } = process.env;
  const started = process.hrtime.bigint();
  const child = spawn(
    timed ? timeBinary : process.execPath,
    timed ? ['-v', 'node', ...args] : args,
    {
      env: { ...inherited, DATABASE_URL: appUrl, DATABASE_OWNER_URL: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let polledKb = 0;
  const poll = timed
    ? null
    : setInterval(() => {
        void readHighWater(child.pid).then((kb) => (polledKb = Math.max(polledKb, kb)));
      }, 50);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (poll) clearInterval(poll);
  if (code !== 0) throw new Error(`export ${format} exited ${code}: ${stderr.trim()}`);
  const kb = timed
    ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1])
    : polledKb;
  const bytes = (await stat(out)).size;
  return {
    seconds,
    peakRssMb: Math.round(kb / 1024),
    bytes,
    check: await checkFile(out, format, seed, stdout),
  };
}

async function readHighWater(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
}

/** The file holds what was asked: every posting (CSV records), the journal's end line. */
async function checkFile(
  out: string,
  format: 'csv' | 'hledger',
  seed: ExportSeed,
  stdout: string,
): Promise<string> {
  if (!stdout.includes(`${seed.entries} entries, ${seed.postings} postings`)) {
    throw new Error(`export ${format}: unexpected summary ${stdout.trim()}`);
  }
  if (format === 'hledger') {
    const end = `; end of export: ${seed.entries} entries, ${seed.postings} postings\n`;
    const { size: bytes } = await stat(out);
    const tail = await new Promise<string>((done, fail) => {
      let text = '';
      createReadStream(out, { start: Math.max(0, bytes - 200), encoding: 'utf8' })
        .on('data', (chunk) => (text += chunk))
        .on('end', () => done(text))
        .on('error', fail);
    });
    if (!tail.endsWith(end)) throw new Error(`export hledger: the file does not end with ${end}`);
    return 'end line ok';
  }
  // Records that start a line with `posting,` (the CSV's descriptions here hold no line break).
  const marker = '\nposting,';
  let postings = 0;
  let carry = '';
  for await (const chunk of createReadStream(out, { encoding: 'utf8' })) {
    const text = carry + (chunk as string);
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) postings++;
    carry = text.slice(-(marker.length - 1));
  }
  if (postings !== seed.postings) {
    throw new Error(`export csv: ${postings} posting records of ${seed.postings}`);
  }
  return `${postings} posting records`;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

function load(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

function round(x: number): number {
  return Number(x.toFixed(2));
}
