import { businessDate, ConflictError, Decimal, RuleViolationError } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { MemberRegistration } from '@lumbung/members';
import {
  type CutoverFiles,
  CutoverService,
  OnboardingModule,
  type RowProblem,
} from '@lumbung/onboarding';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cutoverCommand } from '../../apps/cli/src/commands/cutover';
import { ApiContext } from '../support/api-context';
import { kspNamed } from '../support/cooperatives';
import { ledgerViolations, noViolations } from '../support/invariants';
import { parseCsv } from '../support/csv';
import { connectAs } from '../support/postgres';
import { noSavingsViolations, savingsViolations } from '../support/savings-invariants';
import { SavingsFixture } from '../support/savings-fixture';

const fixtures = join(__dirname, 'fixtures', 'clean');
const clean: CutoverFiles = {
  members: readFileSync(join(fixtures, 'members.csv'), 'utf8'),
  savings: readFileSync(join(fixtures, 'savings.csv'), 'utf8'),
  gl: readFileSync(join(fixtures, 'gl.csv'), 'utf8'),
};
const cutoverDate = '2026-07-01';

/** The file's data rows as cells under their header, to compare with what was opened. */
function rowsOf(text: string): Array<Record<string, string>> {
  const [header, ...records] = parseCsv(text.replace(/\r?\n/g, '\r\n'));
  return records.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
}

const cents = (amount: string) => (amount ? new Decimal(amount).toFixed(2) : '0.00');

/** Replaces the line starting with `prefix` (its first match) in a file. */
function withLine(text: string, prefix: string, line: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(prefix));
  if (at < 0) throw new Error(`no line starting ${prefix}`);
  lines[at] = line;
  return lines.join('\n');
}

/** The row number (header = 1) of the first line starting with `prefix`. */
function rowOf(text: string, prefix: string): number {
  return text.split('\n').findIndex((line) => line.startsWith(prefix)) + 1;
}

describe('going live: opening balances from CSV files, a dry run, then one commit', () => {
  let api: ApiContext;
  let cooperativeId: string;
  let fx: SavingsFixture;
  const cutover = () => api.app.get(CutoverService);
  const scope = () => api.app.get(TransactionScope);
  const dryRun = (files: CutoverFiles) =>
    scope().run((tx) => cutover().dryRun(tx, cooperativeId, { cutoverDate, files }));
  const commit = (files: CutoverFiles) =>
    scope().run((tx) => cutover().commit(tx, cooperativeId, { cutoverDate, files }));
  const owner = <T>(work: Parameters<typeof connectAs<T>>[1]) => connectAs(api.db.ownerUrl, work);
  const written = () =>
    owner(async (db) => {
      const { rows } = await db.query(
        `SELECT (SELECT count(*)::int FROM member WHERE cooperative_id = $1) AS members,
                (SELECT count(*)::int FROM savings_account WHERE cooperative_id = $1) AS accounts,
                (SELECT count(*)::int FROM journal_entry WHERE cooperative_id = $1) AS entries,
                (SELECT count(*)::int FROM accounting_period WHERE cooperative_id = $1) AS periods,
                (SELECT count(*)::int FROM cutover WHERE cooperative_id = $1) AS cutovers`,
        [cooperativeId],
      );
      return rows[0] as Record<string, number>;
    });
  const nothingWritten = { members: 0, accounts: 0, entries: 0, periods: 0, cutovers: 0 };
  const refusal = async (files: CutoverFiles): Promise<RowProblem[]> => {
    const error = await commit(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).slug).toBe('cutover-files-invalid');
    return (error as RuleViolationError).extensions.problems as RowProblem[];
  };

  beforeAll(async () => {
    api = await ApiContext.start({ extraModules: [OnboardingModule] });
    const created = await scope().run((tx) =>
      api.app
        .get(CooperativeService)
        .create(tx, kspNamed('KSP-LIVE', { businessDate: businessDate(cutoverDate) })),
    );
    cooperativeId = created.id;
    fx = new SavingsFixture(api, cooperativeId);
    await fx.hireStaff();
    await fx.standardProducts('pokok', 'wajib', 'sukarela');
    await fx.product('BERJANGKA', 'berjangka', {
      annualRate: '0.06',
      rateRange: { min: '0.05', max: '0.08' },
      termMonths: 12,
      minimumAmount: '1000000',
      earlyWithdrawalPenaltyRate: '0.01',
      maturityInstruction: 'pay-to-voluntary',
    });
  }, 120_000);

  afterAll(() => api?.close());

  it('checks a clean file set in a dry run: no problems, the totals, and nothing written', async () => {
    const report = await dryRun(clean);
    expect(report).toMatchObject({
      cutoverDate,
      problems: [],
      members: 36,
      savingsAccounts: rowsOf(clean.savings).length,
      glLines: rowsOf(clean.gl).length,
      currency: 'IDR',
    });
    expect(report.filesSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await written()).toEqual(nothingWritten);
  });

  it('reports every problem of a broken copy by file, row and column, and a commit writes nothing', async () => {
    let members = withLine(
      clean.members,
      '102,',
      '102,Maria Nenobais,nik,5371010101600001,,,,,2013-02-04',
    );
    members = withLine(members, '104,', '104,Fransiska Tefa,nik,5371046204690004,,,,,2026-07-01');
    members = withLine(members, '105,', '105,Petrus Manu,nik,9971050106720005,,,,,2016-05-13');
    members = `${members}101,Agustina Seran,nik,5371035511660037,,,,,2014-03-07\n`;
    let savings = withLine(clean.savings, '106,POKOK', '106,POKOK-LAMA,100000,,,,,');
    savings = withLine(savings, '107,POKOK', '107,POKOK,100.000,,,,,');
    savings = withLine(savings, '108,WAJIB', '108,WAJIB,1600000,2026-07,,,,');
    savings = withLine(
      savings,
      '110,BERJANGKA',
      '110,BERJANGKA,35000000,,2025-10-19,12,0.06,1461369.00',
    );
    savings = `${savings}999,SUKARELA,5000,,,,,\n`;
    let gl = withLine(clean.gl, '1-2102,', '1-13,145000000.00,,');
    gl = withLine(gl, '5-2102,', '5-2102,6300000.00,,');
    const files = { members, savings, gl };
    const expected = [
      {
        file: 'members.csv',
        row: 3,
        column: 'identity_number',
        message: 'the same nik number is already on row 2',
      },
      {
        file: 'members.csv',
        row: 5,
        column: 'join_date',
        message: 'must be before the cut-over date 2026-07-01',
      },
      {
        file: 'members.csv',
        row: 6,
        column: 'identity_number',
        message: expect.stringContaining('province'),
      },
      {
        file: 'members.csv',
        row: 7,
        column: 'member_number',
        message: 'member 106 has no simpanan pokok in savings.csv',
      },
      { file: 'members.csv', row: 38, column: 'member_number', message: '101 is already on row 2' },
      {
        file: 'savings.csv',
        row: rowOf(savings, '106,'),
        column: 'product_code',
        message: 'no savings product POKOK-LAMA',
      },
      {
        file: 'savings.csv',
        row: rowOf(savings, '107,POKOK'),
        column: 'balance',
        message:
          '"100.000" is not an amount: digits with at most 2 decimals after a point, no separators',
      },
      {
        file: 'savings.csv',
        row: rowOf(savings, '108,WAJIB'),
        column: 'wajib_paid_through',
        message: '"2026-07" is not a month YYYY-MM before 2026-07',
      },
      {
        file: 'savings.csv',
        row: rowOf(savings, '110,BERJANGKA'),
        column: 'accrued_interest',
        message:
          '1461369.00 differs from 1461369.86, the interest accrued from 2025-10-19 through the day before the cut-over',
      },
      {
        file: 'savings.csv',
        row: rowOf(savings, '999,'),
        column: 'member_number',
        message: 'member 999 is not in members.csv',
      },
      {
        file: 'gl.csv',
        row: 5,
        column: 'account_code',
        message: '1-13: a heading: balances open on its leaves',
      },
      {
        file: 'gl.csv',
        row: 16,
        column: 'counterparty_class',
        message: 'required on expense accounts (member, non_member, partner_cooperative)',
      },
    ];
    const report = await dryRun(files);
    expect(report.problems).toEqual(expected);
    expect(await refusal(files)).toEqual(expected);
    expect(await written()).toEqual(nothingWritten);
  });

  it('refuses opening totals that do not balance as a whole, and writes nothing', async () => {
    const gl = withLine(clean.gl, '1-1101,', '1-1101,84250100.00,,');
    const expected = [
      {
        file: 'gl.csv',
        row: null,
        column: null,
        message: expect.stringMatching(
          /^the opening balances do not balance: debits exceed credits by 100\.00 /,
        ),
      },
    ];
    expect((await dryRun({ ...clean, gl })).problems).toEqual(expected);
    expect(await refusal({ ...clean, gl })).toEqual(expected);
    expect(await written()).toEqual(nothingWritten);
  });

  it('commits the clean files through the CLI: members, savings and GL match the source, the month before closes', async () => {
    const out: string[] = [];
    const io = {
      out: (text: string) => void out.push(text),
      err: (text: string) => void out.push(text),
    };
    const env = {
      DATABASE_URL: api.db.appUrl,
      DATABASE_OWNER_URL: api.db.ownerUrl,
      LOG_LEVEL: 'silent',
    };
    const args = ['--cooperative', 'KSP-LIVE', '--date', cutoverDate, '--dir', fixtures];
    expect(await cutoverCommand.run([...args, '--dry-run'], { io, env })).toBe(0);
    expect(out.at(-1)).toMatch(
      /^KSP-LIVE: cut-over on 2026-07-01 checked \(files [0-9a-f]{12}\): 36 members, 104 savings accounts \(IDR [0-9.]+\), 16 GL lines; no problems$/,
    );
    expect(await written()).toEqual(nothingWritten);
    expect(await cutoverCommand.run(args, { io, env })).toBe(0);
    expect(out.at(-1)).toMatch(
      /^KSP-LIVE: live from 2026-07-01 \(files [0-9a-f]{12}\): 36 members, 104 savings accounts \(IDR [0-9.]+\), 16 GL lines opened$/,
    );

    await owner(async (db) => {
      const members = await db.query(
        `SELECT member_number, identity_number, join_date::text, status FROM member
          WHERE cooperative_id = $1 ORDER BY member_number`,
        [cooperativeId],
      );
      expect(members.rows).toEqual(
        rowsOf(clean.members).map((m) => ({
          member_number: m.member_number.padStart(6, '0'),
          identity_number: m.identity_number.replace(/-/g, ''),
          join_date: m.join_date,
          status: 'active',
        })),
      );
      const savings = await db.query(
        `SELECT m.member_number, p.code, (-b.balance)::numeric(20, 2)::text AS balance,
                coalesce(to_char(s.wajib_paid_through, 'YYYY-MM'), '') AS paid_through,
                coalesce(t.start_date::text, '') AS start, coalesce(t.term_months::text, '') AS term,
                coalesce(t.annual_rate::text, '') AS rate,
                coalesce((SELECT sum(amount) FROM time_deposit_accrual a
                           WHERE a.cooperative_id = s.cooperative_id AND a.savings_account_id = s.id),
                         0)::numeric(20, 2)::text AS accrued
           FROM savings_account s
           JOIN member m ON m.cooperative_id = s.cooperative_id AND m.id = s.member_id
           JOIN savings_product p ON p.cooperative_id = s.cooperative_id AND p.id = s.product_id
           JOIN ledger_balance b ON b.cooperative_id = s.cooperative_id AND b.account_id = s.ledger_account_id
           LEFT JOIN time_deposit_placement t ON t.cooperative_id = s.cooperative_id AND t.savings_account_id = s.id
          WHERE s.cooperative_id = $1 ORDER BY s.account_number`,
        [cooperativeId],
      );
      expect(savings.rows).toEqual(
        rowsOf(clean.savings).map((s) => ({
          member_number: s.member_number.padStart(6, '0'),
          code: s.product_code,
          balance: cents(s.balance),
          paid_through: s.wajib_paid_through,
          start: s.placement_start,
          term: s.term_months,
          rate: s.annual_rate,
          accrued: cents(s.accrued_interest),
        })),
      );
      // The trial balance: every GL row at its leaf, the savings controls at the file's totals,
      // the opening balance equity back at zero.
      const balances = await db.query(
        `SELECT a.code, sum(p.amount)::numeric(20, 2)::text AS balance
           FROM posting p JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
          WHERE p.cooperative_id = $1 AND (a.template_key IS NOT NULL OR a.code LIKE '2-3-%')
          GROUP BY a.code ORDER BY a.code`,
        [cooperativeId],
      );
      const accrued = rowsOf(clean.savings).reduce(
        (sum, s) => sum.plus(s.accrued_interest || 0),
        new Decimal(0),
      );
      expect(balances.rows).toEqual(
        [
          ...rowsOf(clean.gl).map((g) => ({
            code: g.account_code,
            balance: new Decimal(g.debit || 0).minus(g.credit || 0).toFixed(2),
          })),
          { code: '2-3-BERJANGKA', balance: accrued.negated().toFixed(2) },
          { code: '3-3901', balance: '0.00' },
        ].sort((x, y) => x.code.localeCompare(y.code)),
      );
      const controls = await db.query(
        `SELECT h.code, (-sum(b.balance))::numeric(20, 2)::text AS balance
           FROM account h
           JOIN account l ON l.cooperative_id = h.cooperative_id AND l.parent_id = h.id
           JOIN ledger_balance b ON b.cooperative_id = l.cooperative_id AND b.account_id = l.id
          WHERE h.cooperative_id = $1 AND h.code IN ('3-1', '3-2', '2-1', '2-2')
          GROUP BY h.code ORDER BY h.code`,
        [cooperativeId],
      );
      const kinds: Record<string, string> = {
        POKOK: '3-1',
        WAJIB: '3-2',
        SUKARELA: '2-1',
        BERJANGKA: '2-2',
      };
      const totals = new Map<string, Decimal>();
      for (const s of rowsOf(clean.savings)) {
        const code = kinds[s.product_code];
        totals.set(code, (totals.get(code) ?? new Decimal(0)).plus(s.balance));
      }
      expect(controls.rows).toEqual(
        [...totals]
          .map(([code, total]) => ({ code, balance: total.toFixed(2) }))
          .sort((x, y) => x.code.localeCompare(y.code)),
      );
      const periods = await db.query(
        `SELECT month::text, status FROM accounting_period WHERE cooperative_id = $1`,
        [cooperativeId],
      );
      expect(periods.rows).toEqual([{ month: '2026-06-01', status: 'closed' }]);
      expect(await ledgerViolations(db, cooperativeId)).toEqual(noViolations);
      expect(await savingsViolations(db, cooperativeId)).toEqual(noSavingsViolations);
      const audit = await db.query(
        `SELECT action, count(*)::int AS n FROM audit_log WHERE cooperative_id = $1
            AND action IN ('onboarding.cutover.commit', 'members.member.import', 'savings.account.opening-balance')
          GROUP BY action ORDER BY action`,
        [cooperativeId],
      );
      expect(audit.rows).toEqual([
        { action: 'members.member.import', n: 36 },
        { action: 'onboarding.cutover.commit', n: 1 },
        { action: 'savings.account.opening-balance', n: 104 },
      ]);
    });
  });

  it('refuses a second commit of the same files, and a dry run too, writing nothing more', async () => {
    const before = await written();
    await expect(commit(clean)).rejects.toBeInstanceOf(ConflictError);
    await expect(dryRun(clean)).rejects.toMatchObject({ slug: 'cutover-done' });
    expect(await written()).toEqual(before);
  });

  it('registers the next member after the highest number brought over', async () => {
    const member = await scope().run((tx) =>
      api.app.get(MemberRegistration).register(tx, cooperativeId, {
        fullName: 'Anggota Baru',
        identity: { type: 'nik', number: '5371014508900001' },
      }),
    );
    expect(member.memberNumber).toBe('000137');
  });
});
