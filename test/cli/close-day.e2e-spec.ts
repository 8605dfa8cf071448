import { ApiContext } from '../support/api-context';
import {
  accrualDays,
  cooperativeWithLoan,
  ownerRows,
  runsByCompletion,
} from '../support/eod-fixture';
import { rollTo } from '../support/loan-fixture';
import { connectAs } from '../support/postgres';
import { buildCliOnce, type CliResult, runBuiltCli } from './cli-process';

/** close-day as an operator runs it: the built CLI in its own process, no worker anywhere. */
describe('lumbung close-day', () => {
  let api: ApiContext;
  let cooperativeId: string;
  let loanId: string;

  const cli = (args: string[]): Promise<CliResult> => runBuiltCli(api.db, args);
  const closeDay = (...more: string[]) =>
    cli(['close-day', '--cooperative', 'KSP-CLI-EOD', ...more]);
  const counts = async () =>
    (
      await ownerRows<{ entries: number; accruals: number; chunks: number }>(
        api,
        `SELECT (SELECT count(*)::int FROM journal_entry WHERE cooperative_id = $1) AS entries,
                (SELECT count(*)::int FROM loan_accrual WHERE cooperative_id = $1) AS accruals,
                (SELECT count(*)::int FROM eod_chunk WHERE cooperative_id = $1) AS chunks`,
        [cooperativeId],
      )
    )[0];

  beforeAll(async () => {
    api = await ApiContext.start();
    await buildCliOnce();
    ({ cooperativeId, loanId } = await cooperativeWithLoan(api, 'KSP-CLI-EOD'));
    await rollTo(api, cooperativeId, '2026-11-22');
  }, 240_000);

  afterAll(() => api?.close());

  it('closes the day before the business date by default, quietly in a pipe, and exits 0', async () => {
    const result = await closeDay();
    expect(result).toEqual({
      code: 0,
      stdout: expect.stringMatching(
        /^KSP-CLI-EOD: business day 2026-11-20 closed \(3 chunks, 3 run now\)\n$/,
      ),
      stderr: '',
    });
    // Completing the 20th opened the 21st, as the worker would find it.
    expect(await runsByCompletion(api, cooperativeId)).toEqual([
      { business_date: '2026-11-20', state: 'complete' },
      { business_date: '2026-11-21', state: 'running' },
    ]);
  });

  it('closes a named day, accruing it once; closing it again changes nothing', async () => {
    const first = await closeDay('--date', '2026-11-21');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^KSP-CLI-EOD: business day 2026-11-21 closed \(\d+ chunks, \d+ run now\)\n$/,
    );
    expect(await accrualDays(api, loanId)).toEqual([{ accrual_date: '2026-11-21', n: 1 }]);
    const before = await counts();

    const again = await closeDay('--date', '2026-11-21');
    expect(again).toEqual({
      code: 0,
      stdout: 'KSP-CLI-EOD: business day 2026-11-21 closed (3 chunks, all done before)\n',
      stderr: '',
    });
    expect(await counts()).toEqual(before);
    expect(await accrualDays(api, loanId)).toEqual([{ accrual_date: '2026-11-21', n: 1 }]);
  });

  it('refuses a day that is not over, in one line, and exits 1', async () => {
    const result = await closeDay('--date', '2026-11-22');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'lumbung close-day: 2026-11-22 is not over yet: the business date is 2026-11-22\n',
    );
  });

  it('exits 1 when a chunk fails, keeps the failure on the run, and finishes it when run again', async () => {
    await rollTo(api, cooperativeId, '2026-11-23');
    // The loan held by another transaction: the loan chunk waits out its statement timeout.
    const failed = await connectAs(api.db.ownerUrl, async (blocker) => {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM loan WHERE id = $1 FOR UPDATE', [loanId]);
      const result = await closeDay('--date', '2026-11-22');
      await blocker.query('ROLLBACK');
      return result;
    });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(
      /^lumbung close-day: KSP-CLI-EOD 2026-11-22: chunk 2 failed: .*statement timeout.*\n$/,
    );
    expect(
      await ownerRows(
        api,
        `SELECT chunk_no, attempts, done_at IS NOT NULL AS done FROM eod_chunk
          WHERE cooperative_id = $1 AND business_date = '2026-11-22' ORDER BY chunk_no`,
        [cooperativeId],
      ),
    ).toEqual([
      { chunk_no: 1, attempts: 0, done: true },
      { chunk_no: 2, attempts: 1, done: false },
      { chunk_no: 3, attempts: 0, done: false },
    ]);

    const retried = await closeDay('--date', '2026-11-22');
    expect(retried.stdout).toBe(
      'KSP-CLI-EOD: business day 2026-11-22 closed (3 chunks, 2 run now)\n',
    );
    expect(retried.code).toBe(0);
    expect((await accrualDays(api, loanId)).map((row) => row.accrual_date)).toEqual([
      '2026-11-21',
      '2026-11-22',
    ]);
  }, 60_000);

  it('names the cooperatives there are when the code is unknown', async () => {
    const result = await cli(['close-day', '--cooperative', 'KSP-NOWHERE']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^lumbung close-day: no cooperative with code KSP-NOWHERE \(known: .*KSP-CLI-EOD.*\)\n$/,
    );
  });
});
