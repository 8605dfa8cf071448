import { kspChartTemplate } from '@lumbung/ledger';
import { Client } from 'pg';
import { postDemoBook } from '../../apps/cli/src/demo/activity';
import { demoBooks } from '../../apps/cli/src/demo/books';
import { LedgerApp } from '../../apps/cli/src/ledger-app';
import { ledgerViolations, noViolations } from '../support/invariants';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { buildCliOnce, type CliResult, runBuiltCli } from './cli-process';

const federation = ['KOP-DILI', 'KSP-KUPANG', 'KSP-MAKASSAR', 'RPB-SABAH'];

/**
 * The operator CLI as an operator runs it: the built dist/apps/cli/src/main.js in its own process,
 * configured only by DATABASE_URL and DATABASE_OWNER_URL, against this suite's database.
 */
describe('lumbung CLI', () => {
  let db: TestDatabase;

  const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
    runBuiltCli(db, args, { env });

  async function owner<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: db.ownerUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  async function businessDate(code: string): Promise<string> {
    return owner(async (o) => {
      const { rows } = await o.query<{ d: string }>(
        `SELECT business_date::text AS d FROM cooperative WHERE code = $1`,
        [code],
      );
      return rows[0].d;
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    // The suite tests the build an operator would run.
    await buildCliOnce();
  }, 240_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('migrates idempotently: nothing to apply, the application role confirmed', async () => {
    for (let i = 0; i < 2; i++) {
      const result = await cli(['migrate']);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('Schema: up to date, no migration to apply');
      expect(result.stdout).toContain(
        'Application role lumbung_test_app: present, privileges confirmed',
      );
      expect(result.stdout).toContain('Chart upgrade to ksp v1: no cooperative yet');
    }
  });

  it('seeds the four cooperatives once, however often it runs', async () => {
    const first = await cli(['seed']);
    expect(first.code).toBe(0);
    expect(first.stdout.match(/ created /g)).toHaveLength(4);

    const second = await cli(['seed']);
    expect(second.code).toBe(0);
    expect(second.stdout.match(/ exists /g)).toHaveLength(4);
    expect(second.stdout).not.toContain(' created ');

    const leaves = kspChartTemplate.accounts.length;
    const rows = await owner(async (o) =>
      o.query<{ code: string; currency: string; zone: string; accounts: string }>(
        `SELECT c.code, c.functional_currency AS currency, c.time_zone AS zone,
                (SELECT count(*) FROM account a WHERE a.cooperative_id = c.id) AS accounts
           FROM cooperative c ORDER BY c.code`,
      ),
    );
    expect(rows.rows).toEqual([
      { code: 'KOP-DILI', currency: 'USD', zone: 'Asia/Dili', accounts: String(leaves) },
      { code: 'KSP-KUPANG', currency: 'IDR', zone: 'Asia/Makassar', accounts: String(leaves) },
      { code: 'KSP-MAKASSAR', currency: 'IDR', zone: 'Asia/Makassar', accounts: String(leaves) },
      { code: 'RPB-SABAH', currency: 'MYR', zone: 'Asia/Kuching', accounts: String(leaves) },
    ]);
  });

  it('runs the chart upgrade over every existing cooperative on migrate', async () => {
    const result = await cli(['migrate']);
    expect(result.code).toBe(0);
    for (const code of federation) {
      expect(result.stdout).toMatch(new RegExp(`${code}\\s+v1 -> v1\\s+up to date`));
    }
  });

  describe('with the demo activity posted', () => {
    beforeAll(async () => {
      const ledger = await LedgerApp.open(db.appUrl);
      try {
        for (const book of demoBooks) await postDemoBook(ledger, book);
        // The second time every entry replays: its idempotency key has already posted.
        for (const book of demoBooks) {
          expect(await postDemoBook(ledger, book)).toMatchObject({
            accountsOpened: 0,
            posted: 0,
            replayed: book.entries.length,
            differing: [],
          });
        }
      } finally {
        await ledger.close();
      }
    });

    it('keeps every ledger invariant', async () => {
      const ids = await owner(async (o) => (await o.query(`SELECT id FROM cooperative`)).rows);
      for (const { id } of ids) {
        await owner(async (o) => expect(await ledgerViolations(o, id)).toEqual(noViolations));
      }
    });

    it('prints a balanced trial balance and exits 0', async () => {
      const asOf = await businessDate('KSP-KUPANG');
      const result = await cli(['trial-balance', '--cooperative', 'KSP-KUPANG', '--as-of', asOf]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe(
        'Trial balance of KSP-KUPANG, Koperasi Simpan Pinjam Flobamora Mandiri',
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^ {6}1-1101\s+Kas Brankas\s+IDR\s+153,150,000\.00$/),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^\s+Total IDR\s+IDR\s+254,000,000\.00\s+254,000,000\.00$/),
      );
      expect(lines.at(-1)).toBe(
        'Balanced: debits equal credits in IDR and in the functional currency IDR',
      );
    });

    it('prints JSON and CSV with plain decimal strings', async () => {
      const asOf = await businessDate('KOP-DILI');
      const json = await cli([
        'trial-balance',
        '--cooperative',
        'kop-dili',
        '--as-of',
        asOf,
        '--format',
        'json',
      ]);
      expect(json.code).toBe(0);
      const report = JSON.parse(json.stdout);
      expect(report).toMatchObject({
        cooperative: { code: 'KOP-DILI' },
        functionalCurrency: 'USD',
        totals: [{ currency: 'USD', debit: '25505.50', credit: '25505.50' }],
        balanced: true,
      });

      const csv = await cli([
        'trial-balance',
        '--cooperative',
        'KOP-DILI',
        '--as-of',
        asOf,
        '--format',
        'csv',
      ]);
      expect(csv.code).toBe(0);
      expect(csv.stdout.split('\n')).toContain(
        '1-1101,Kas Brankas,3,true,USD,25456.75,0.00,25456.75',
      );
    });

    it('reads by value date: before the first posting there is nothing', async () => {
      const result = await cli([
        'trial-balance',
        '--cooperative',
        'RPB-SABAH',
        '--as-of',
        '2000-01-01',
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('(no postings up to this date)');
    });
  });

  it('names an unknown cooperative and the known ones, and exits 1', async () => {
    const result = await cli([
      'trial-balance',
      '--cooperative',
      'KSP-ENDE',
      '--as-of',
      '2026-11-20',
    ]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `lumbung trial-balance: no cooperative with code KSP-ENDE (known: ${federation.join(', ')})\n`,
    });
  });

  it('refuses a malformed date in one line and exits 1', async () => {
    const result = await cli([
      'trial-balance',
      '--cooperative',
      'KSP-KUPANG',
      '--as-of',
      '2026-11-31',
    ]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'lumbung trial-balance: --as-of must be a calendar date YYYY-MM-DD, got "2026-11-31" (see: lumbung trial-balance --help)\n',
    });
  });

  it('prints usage for an unknown command and exits 2', async () => {
    const result = await cli(['close-year', '--cooperative', 'KSP-KUPANG']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^lumbung: unknown command "close-year"\nUsage: lumbung/);
  });

  it('says what is missing when DATABASE_URL is unset', async () => {
    const result = await cli(['seed'], { DATABASE_URL: '', DATABASE_OWNER_URL: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'lumbung seed: invalid environment: DATABASE_URL is required (postgres://user:password@host:5432/db)\n',
    );
  });

  it('warns when the owner URL falls back to DATABASE_URL', async () => {
    const result = await cli(['migrate'], { DATABASE_URL: db.ownerUrl, DATABASE_OWNER_URL: '' });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('append-only then rests on triggers alone');
    expect(result.stdout).toContain('same as the owner (DATABASE_OWNER_URL unset)');
  });
});
