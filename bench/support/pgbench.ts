import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { databaseUrl, dropDatabase, recreateDatabase } from './databases';

const run = promisify(execFile);

/**
 * PostgreSQL's own TPC-B-like transaction rate on this server, measured in the same run as the
 * ledger figure: `pgbench -i -s 16`, then `-c 16 -j 2 -M prepared -T <seconds>`.
 */
export async function pgbenchTps(seconds: number): Promise<number> {
  const database = 'lumbung_bench_pgbench';
  await recreateDatabase(database);
  try {
    const url = databaseUrl(database);
    await run('pgbench', ['-i', '-s', '16', '-q', url], { maxBuffer: 16 * 1024 * 1024 });
    const { stdout } = await run(
      'pgbench',
      ['-c', '16', '-j', '2', '-M', 'prepared', '-T', String(seconds), url],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    if (!match) throw new Error(`Could not read pgbench output:\n${stdout}`);
    return Number(match[1]);
  } finally {
    await dropDatabase(database);
  }
}
