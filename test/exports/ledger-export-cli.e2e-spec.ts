import { Money } from '@lumbung/core';
import { JournalSealingService } from '@lumbung/ledger';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerApp } from '../../apps/cli/src/ledger-app';
import { buildCliOnce, type CliResult, runBuiltCli } from '../cli/cli-process';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import {
  beancountBalances,
  csvAsXlsx,
  csvObjects,
  hledgerBalances,
  netPerCurrency,
  plain,
  readXlsx,
  trialBalanceByJournalName,
  xlsxRows,
} from './ledger-tools';

/** `lumbung export ledger` as an auditor runs it: the built CLI in its own process. */
describe('lumbung export ledger', () => {
  let db: TestDatabase;
  let dir: string;
  let today: string;

  const cli = (args: string[]): Promise<CliResult> => runBuiltCli(db, args);
  const exportArgs = (format: string, out: string, from = '2020-01-01', to = today) => [
    'export',
    'ledger',
    '--cooperative',
    'ksp-kupang',
    '--from',
    from,
    '--to',
    to,
    '--format',
    format,
    '--out',
    out,
  ];

  async function trialBalanceLines(asOf: string) {
    const result = await cli([
      'trial-balance',
      '--cooperative',
      'KSP-KUPANG',
      '--as-of',
      asOf,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout).lines;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lumbung-export-cli-'));
    db = await createTestDatabase();
    await buildCliOnce();
    expect((await cli(['seed'])).code).toBe(0);
    const ledger = await LedgerApp.open(db.appUrl, 'silent');
    try {
      const kupang = await ledger.read((tx) => ledger.cooperativeByCode(tx, 'KSP-KUPANG'));
      today = kupang.businessDate;
      // One after another: one transaction is one connection.
      const [vault, bank, equity] = await ledger.read(async (tx) => {
        const accounts = [];
        for (const code of ['1-1101', '1-1201', '3-3901']) {
          accounts.push(await ledger.charts.accountByCode(tx, kupang.id, code));
        }
        return accounts;
      });
      const post = (description: string, from: string, to: string, amount: string) =>
        ledger.write((tx) =>
          ledger.posting.post(tx, kupang.id, {
            description,
            source: { type: 'test' },
            postings: [
              { accountId: from, amount: Money.parse(amount, 'IDR') },
              { accountId: to, amount: Money.parse(amount, 'IDR').negated() },
            ],
          }),
        );
      await post('Modal awal', vault.id, equity.id, '50000000.00');
      await post('Setor ke bank, "giro"; rekening 1', bank.id, vault.id, '12500000.50');
      await ledger.context.get(JournalSealingService).sealCooperative(kupang.id);
      await post('Tarik dari bank', vault.id, bank.id, '1000000.00');
    } finally {
      await ledger.close();
    }
  }, 240_000);

  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes an hledger journal that reaches the trial balance, quiet but for one summary line', async () => {
    const out = join(dir, 'kupang.journal');
    const result = await cli(exportArgs('hledger', out));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      new RegExp(
        `^KSP-KUPANG: wrote ${out} \\(hledger, value dates 2020-01-01 to ${today}\\): 3 entries, 6 postings; ` +
          `(chain head \\d+:[0-9a-f]{64}|no chain head yet)(, \\d entr(y|ies) not sealed yet)?\\n$`,
      ),
    );
    expect(plain(await hledgerBalances(out))).toEqual(
      plain(trialBalanceByJournalName(await trialBalanceLines(today))),
    );
  });

  it('writes a Beancount file bean-check accepts, with the balances brought forward', async () => {
    const out = join(dir, 'kupang.beancount');
    // Today's range holds every entry (they were all posted on the business date).
    expect((await cli(exportArgs('beancount', out, today, today))).code).toBe(0);
    expect(plain(await beancountBalances(out))).toEqual(
      plain(trialBalanceByJournalName(await trialBalanceLines(today), true)),
    );
    // A range after every entry: balances brought forward only, still the same books.
    const later = join(dir, 'later.beancount');
    expect((await cli(exportArgs('beancount', later, '2099-01-01', '2099-01-31'))).code).toBe(0);
    expect(await readFile(later, 'utf8')).toContain('Saldo awal (balances brought forward)');
    expect(plain(await beancountBalances(later))).toEqual(
      plain(trialBalanceByJournalName(await trialBalanceLines('2099-01-31'), true)),
    );
  });

  it('writes CSV and JSON Lines that sum to zero', async () => {
    const csv = join(dir, 'kupang.csv');
    expect((await cli(exportArgs('csv', csv))).code).toBe(0);
    const rows = csvObjects(await readFile(csv, 'utf8'));
    expect(rows).toHaveLength(6);
    expect(netPerCurrency(rows)).toEqual({ IDR: '0.00' });
    expect(rows.find((r) => r.debit === '12500000.50')?.description).toBe(
      'Setor ke bank, "giro"; rekening 1',
    );
    const jsonl = join(dir, 'kupang.jsonl');
    expect((await cli(exportArgs('jsonl', jsonl))).code).toBe(0);
    const records = (await readFile(jsonl, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.at(-1)).toEqual({ record: 'end', entries: 3, postings: 6 });
  });

  it('writes an XLSX holding the CSV rows', async () => {
    const csv = join(dir, 'rows.csv');
    const xlsx = join(dir, 'kupang.xlsx');
    expect((await cli(exportArgs('csv', csv))).code).toBe(0);
    const result = await cli(exportArgs('xlsx', xlsx));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`wrote ${xlsx} (xlsx, value dates`);
    const book = await readXlsx(await readFile(xlsx));
    const rows = csvObjects(await readFile(csv, 'utf8'));
    expect(xlsxRows(book.getWorksheet('Ledger')!)).toEqual(csvAsXlsx(rows));
    expect(rows).toHaveLength(6);
  });

  it('fails with a clear message and leaves no file behind', async () => {
    const before = await readdir(dir);
    const unknown = await cli([
      ...exportArgs('csv', join(dir, 'nowhere.csv')).map((a) =>
        a === 'ksp-kupang' ? 'KSP-NOPE' : a,
      ),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('lumbung export: no cooperative with code KSP-NOPE (known: ');
    const badDir = await cli(exportArgs('csv', join(dir, 'missing', 'x.csv')));
    expect(badDir.code).toBe(1);
    expect(badDir.stderr).toMatch(/^lumbung export: cannot write .*missing\/x\.csv: /);
    const backwards = await cli(exportArgs('csv', join(dir, 'x.csv'), '2026-02-01', '2026-01-01'));
    expect(backwards).toMatchObject({ code: 1, stdout: '' });
    expect(backwards.stderr).toContain('--to must not be before from (2026-02-01)');
    expect((await cli(exportArgs('pdf', join(dir, 'x.pdf')))).stderr).toContain(
      '--format must be one of csv, jsonl, xlsx, hledger, beancount, got "pdf"',
    );
    expect(await readdir(dir)).toEqual(before);
  });
});
