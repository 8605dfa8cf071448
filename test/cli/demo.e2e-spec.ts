import {
  addDays,
  type BusinessDate,
  Decimal,
  formatAmount,
  localDate,
  monthStart,
} from '@lumbung/core';
import { Client } from 'pg';
import { crossBorderStart, demoRate } from '../../apps/cli/src/demo/cross-border';
import { crossBorderViolations, noCrossBorderViolations } from '../support/cross-border-invariants';
import { ledgerViolations, noViolations } from '../support/invariants';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { buildCliOnce, type CliResult, runBuiltCli } from './cli-process';

/**
 * `npm run demo` as a newcomer runs it (the built CLI, `demo --no-serve`), on this suite's
 * database and the shared Redis: the federation, the teller's day and the loan, and the two
 * cross-border facilities from request through four eyes, drawdown, the days to today with the
 * month-end revaluation, a repayment and the reports. A second run posts nothing twice.
 */
describe('lumbung demo', () => {
  let db: TestDatabase;
  let first: CliResult;
  // The lenders' time zone: both KSPs keep Asia/Makassar time.
  const today = localDate(new Date(), 'Asia/Makassar');
  const start = crossBorderStart(today);
  const monthEnd = addDays(monthStart(today), -1);
  const firstOfMonth = monthStart(today);

  const demo = (): Promise<CliResult> =>
    runBuiltCli(db, ['demo', '--no-serve'], { timeout: 300_000 });

  async function owner<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: db.ownerUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  const idOf = (code: string) =>
    owner(
      async (o) =>
        (await o.query(`SELECT id FROM cooperative WHERE code = $1`, [code])).rows[0].id as string,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await buildCliOnce();
    first = await demo();
  }, 600_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('walks every step and exits 0 with balanced books', () => {
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    for (const title of [
      'Starting the api',
      'Cross-border facilities: partner, agreement, limits, request, four eyes, drawdown',
      'The days pass to today: end of day, month-end revaluation and its reversal',
      'Starting the worker',
      "A teller's day at KSP-KUPANG",
      'A loan at KSP-KUPANG',
      'The back office at KSP-KUPANG: a manual journal and the bank statement',
      'The auditor at KSP-KUPANG: a listing and a ledger export job',
      "Cross-border today: a repayment at today's rate, exposure report, MSME export",
      'Trial balances',
    ]) {
      expect(first.stdout).toContain(`\n==> ${title}\n`);
    }
    expect(first.stdout).toMatch(/voucher BKK-000001 on \d{4}-\d{2}-\d{2}/);
    expect(first.stdout).toMatch(
      /statement imported \(2 new line\(s\)\): 1 matched, to book: JASA GIRO 12500\.00;/,
    );
    expect(first.stdout).toMatch(/audit-log listing of \d{4}-\d{2}-\d{2}: [1-9]\d*\+? event\(s\)/);
    expect(first.stdout).toMatch(
      /ledger export \S+ \(hledger, .*\) complete in [\d.]+ s by the worker \(attempt 1\): [1-9]\d* posting/,
    );
    expect(first.stdout).toContain('Books         all 4 trial balances balance');
    expect(first.stdout).toContain('Demo complete.');
  });

  it('opens the lenders two days before last month’s end and walks the facilities through four eyes', () => {
    const out = first.stdout;
    expect(out).toContain(`KSP-KUPANG business date ${start}`);
    expect(out).toContain(`KSP-MAKASSAR business date ${start}`);
    const usd = demoRate('USD', start);
    expect(out).toContain(
      `KSP-KUPANG kupang.manager requests a facility of USD 8,000.00 (Rp${formatAmount(new Decimal(usd).times(8000).toFixed(2), 'en')} at today's rate)`,
    );
    // Above Kupang's threshold: two other managers and the supervisor; Makassar's: two managers.
    expect(out).toContain(
      'KSP-KUPANG a supervisor co-approves: the amount is above the supervisor threshold',
    );
    expect(out).toContain('KSP-KUPANG   approved by kupang.manager2: request pending');
    expect(out).toContain('KSP-KUPANG   approved by kupang.manager3: request pending');
    expect(out).toContain('KSP-KUPANG   approved by kupang.supervisor: request executed');
    expect(out).toContain('KSP-MAKASSAR   approved by makassar.manager2: request pending');
    expect(out).toContain('KSP-MAKASSAR   approved by makassar.manager3: request executed');
    expect(out).not.toContain('KSP-MAKASSAR a supervisor co-approves');
    expect(out).toContain(`KSP-KUPANG drawdown of USD 5,000.00 on ${start}`);
    expect(out).toContain(`KSP-MAKASSAR drawdown of MYR 12,000.00 on ${start}`);
    expect(out).toContain(`KSP-KUPANG business date ${start} -> ${today}`);
    expect(out).toMatch(
      new RegExp(`KSP-KUPANG end of day closed \\d+ day\\(s\\): ${start} to ${addDays(today, -1)}`),
    );
    expect(out).toContain(
      `KSP-KUPANG month-end revaluation ${monthEnd}: USD 5,000.00 at the closing rate ${demoRate('USD', monthEnd)}`,
    );
    expect(out).toContain(`reversed valued ${firstOfMonth}`);
    expect(out).toContain(
      `KSP-KUPANG repayment of USD 1,000.00 on ${today} at ${demoRate('USD', today)}`,
    );
    expect(out).toContain(
      `KSP-MAKASSAR repayment of MYR 2,500.00 on ${today} at ${demoRate('MYR', today)}`,
    );
    expect(out).toContain("the ledger's 1-14 agrees");
    expect(out).not.toContain('DISAGREES');
    expect(out).toMatch(/MSME export .*1 member business\(es\) \(Y\. K\.: initials only/);
  });

  it('leaves books that keep every invariant, the month end revalued and reversed', async () => {
    for (const code of ['KSP-KUPANG', 'KSP-MAKASSAR', 'KOP-DILI', 'RPB-SABAH']) {
      const id = await idOf(code);
      await owner(async (o) => {
        expect(await ledgerViolations(o, id)).toEqual(noViolations);
        expect(await crossBorderViolations(o, id)).toEqual(noCrossBorderViolations);
      });
    }
    for (const [code, currency, drawn, rateAtEnd] of [
      ['KSP-KUPANG', 'USD', '5000', demoRate('USD', monthEnd)],
      ['KSP-MAKASSAR', 'MYR', '12000', demoRate('MYR', monthEnd)],
    ]) {
      const id = await idOf(code);
      const rows = await owner(
        async (o) =>
          (
            await o.query(
              `SELECT r.currency, r.foreign_balance::text AS balance, r.revalued::text AS revalued,
                      e.value_date::text AS posted, x.value_date::text AS reversed
                 FROM fx_revaluation r
                 JOIN journal_entry e ON e.cooperative_id = r.cooperative_id AND e.id = r.entry_id
                 JOIN journal_entry x ON x.cooperative_id = r.cooperative_id AND x.id = r.reversal_entry_id
                WHERE r.cooperative_id = $1`,
              [id],
            )
          ).rows,
      );
      expect(rows).toEqual([
        {
          currency,
          balance: new Decimal(drawn).toFixed(2),
          revalued: new Decimal(drawn).times(rateAtEnd).toFixed(2),
          posted: monthEnd,
          reversed: firstOfMonth,
        },
      ]);
      const days = await owner(
        async (o) =>
          (
            await o.query(
              `SELECT min(business_date)::text AS first, max(business_date)::text AS last,
                      bool_and(state = 'complete') AS complete
                 FROM eod_run WHERE cooperative_id = $1`,
              [id],
            )
          ).rows[0],
      );
      expect(days).toEqual({
        first: start,
        last: addDays(today, -1) as BusinessDate,
        complete: true,
      });
    }
  });

  it('posts nothing twice when run again', async () => {
    // The teller opens and closes a till each run (a float out of the vault and back): the
    // only entries a second run adds.
    const count = () =>
      owner(async (o) =>
        Number(
          (
            await o.query(
              `SELECT count(*) FROM journal_entry WHERE source_type NOT LIKE 'savings.till.%'`,
            )
          ).rows[0].count,
        ),
      );
    const before = await count();
    const second = await demo();
    expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' });
    expect(second.stdout).toContain(
      'Cooperatives  4 in the federation: 0 created, 4 already there',
    );
    expect(second.stdout).not.toContain('requests a facility');
    expect(await count()).toBe(before);
  }, 300_000);
});
