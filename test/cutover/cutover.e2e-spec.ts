import { businessDate, ConflictError, Decimal, RuleViolationError } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { MemberRegistration } from '@lumbung/members';
import { type CutoverFiles, CutoverService, type RowProblem } from '@lumbung/onboarding';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cutoverCommand } from '../../apps/cli/src/commands/cutover';
import { ApiContext, type Person } from '../support/api-context';
import { kspNamed } from '../support/cooperatives';
import { ledgerViolations, noViolations } from '../support/invariants';
import { parseCsv } from '../support/csv';
import { closeAllDays } from '../support/eod-fixture';
import { expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { loanViolations, noLoanViolations } from '../support/loan-invariants';
import { connectAs } from '../support/postgres';
import { noSavingsViolations, savingsViolations } from '../support/savings-invariants';
import { SavingsFixture } from '../support/savings-fixture';

const fixtures = join(__dirname, 'fixtures', 'clean');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const clean: CutoverFiles = {
  members: read('members.csv'),
  savings: read('savings.csv'),
  loans: read('loans.csv'),
  loanSchedule: read('loan-schedule.csv'),
  collateral: read('collateral.csv'),
  gl: read('gl.csv'),
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

/** A cooperative on its cut-over date with staff and the products the files name. */
async function newCooperative(
  api: ApiContext,
  code: string,
): Promise<{ cooperativeId: string; fx: SavingsFixture }> {
  const created = await api.app
    .get(TransactionScope)
    .run((tx) =>
      api.app
        .get(CooperativeService)
        .create(tx, kspNamed(code, { businessDate: businessDate(cutoverDate) })),
    );
  const fx = new SavingsFixture(api, created.id);
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
  await fx.fourEyes('loan-products', {
    code: 'PINJ-FLAT',
    name: 'Pinjaman Usaha Flat',
    currency: 'IDR',
    terms: flatTerms({ maxTerm: 36, maxAmount: '100000000' }),
  });
  return { cooperativeId: created.id, fx };
}

describe('going live: opening balances from CSV files, a dry run, then one commit', () => {
  let api: ApiContext;
  let cooperativeId: string;
  let fx: SavingsFixture;
  let operator: Person;
  const cutover = () => api.app.get(CutoverService);
  const scope = () => api.app.get(TransactionScope);
  const dryRun = (files: CutoverFiles) =>
    scope().run((tx) => cutover().dryRun(tx, cooperativeId, { cutoverDate, files }));
  const commit = (files: CutoverFiles) =>
    scope().run((tx) =>
      cutover().commit(tx, cooperativeId, { cutoverDate, files }, { actorId: operator.userId }),
    );
  const owner = <T>(work: Parameters<typeof connectAs<T>>[1]) => connectAs(api.db.ownerUrl, work);
  const written = () =>
    owner(async (db) => {
      const { rows } = await db.query(
        `SELECT (SELECT count(*)::int FROM member WHERE cooperative_id = $1) AS members,
                (SELECT count(*)::int FROM savings_account WHERE cooperative_id = $1) AS accounts,
                (SELECT count(*)::int FROM loan WHERE cooperative_id = $1) AS loans,
                (SELECT count(*)::int FROM journal_entry WHERE cooperative_id = $1) AS entries,
                (SELECT count(*)::int FROM accounting_period WHERE cooperative_id = $1) AS periods,
                (SELECT count(*)::int FROM cutover WHERE cooperative_id = $1) AS cutovers`,
        [cooperativeId],
      );
      return rows[0] as Record<string, number>;
    });
  const nothingWritten = { members: 0, accounts: 0, loans: 0, entries: 0, periods: 0, cutovers: 0 };
  const refusal = async (files: CutoverFiles): Promise<RowProblem[]> => {
    const error = await commit(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).slug).toBe('cutover-files-invalid');
    return (error as RuleViolationError).extensions.problems as RowProblem[];
  };

  beforeAll(async () => {
    api = await ApiContext.start();
    ({ cooperativeId, fx } = await newCooperative(api, 'KSP-LIVE'));
    operator = fx.managers[0];
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
    let loans = withLine(
      clean.loans,
      '2101,',
      '2101,101,PINJ-FLAT,2026-02-15,0.01,6000001,45000.00,trade,,53,Modal usaha',
    );
    loans = withLine(
      loans,
      '2104,',
      '2104,109,PINJ-LAMA,2025-07-20,0.01,500000,20000.00,processing,coconut,53,',
    );
    loans = `${loans}2105,136,PINJ-FLAT,2026-05-02,0.01,1000000,0,services,,,\n`;
    let loanSchedule = withLine(
      clean.loanSchedule,
      '2107,4,',
      '2107,4,2026-03-05,2026-04-01,1250000,150000',
    );
    loanSchedule = `${loanSchedule}9999,1,2026-06-01,2026-07-01,100000,1000\n`;
    const collateral = withLine(
      clean.collateral,
      '2103,',
      '2103,vehicle,Sepeda motor,bpkb,BPKB M-04412871,0,2025-09-01,kept',
    );
    const files = { members, savings, loans, loanSchedule, collateral, gl };
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
        message: '99 is not an Indonesian province code',
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
        file: 'loans.csv',
        row: 2,
        column: 'principal_outstanding',
        message: "6000001.00 is not what the remaining schedule's principal sums to, 6000000.00",
      },
      {
        file: 'loans.csv',
        row: rowOf(loans, '2104,'),
        column: 'product_code',
        message: 'no loan product PINJ-LAMA',
      },
      {
        file: 'loans.csv',
        row: rowOf(loans, '2105,136'),
        column: 'loan_number',
        message: '2105 is already on row 6',
      },
      {
        file: 'loan-schedule.csv',
        row: rowOf(loanSchedule, '2107,4,'),
        column: 'period_start',
        message: "must be the previous instalment's due date 2026-03-01",
      },
      {
        file: 'loan-schedule.csv',
        row: rowOf(loanSchedule, '9999,'),
        column: 'loan_number',
        message: 'loan 9999 is not in loans.csv',
      },
      {
        file: 'collateral.csv',
        row: 3,
        column: 'valuation',
        message: 'above zero',
      },
      {
        file: 'collateral.csv',
        row: 3,
        column: 'in_custody',
        message: 'yes or no',
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
    const commitArgs = [...args, '--by', operator.username];
    expect(await cutoverCommand.run([...args, '--dry-run'], { io, env })).toBe(0);
    expect(out.at(-1)).toMatch(
      /^KSP-LIVE: cut-over on 2026-07-01 checked \(files [0-9a-f]{12}\): 36 members, 104 savings accounts \(IDR [0-9.]+\), 9 loans \(IDR 117684300\.00\), 16 GL lines; no problems$/,
    );
    expect(await written()).toEqual(nothingWritten);
    expect(await cutoverCommand.run(commitArgs, { io, env })).toBe(0);
    expect(out.at(-1)).toMatch(
      /^KSP-LIVE: live from 2026-07-01 \(files [0-9a-f]{12}\): 36 members, 104 savings accounts \(IDR [0-9.]+\), 9 loans \(IDR 117684300\.00\), 16 GL lines opened$/,
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
      // Loans: what remains of each, its schedule, collateral and interest accrued before.
      const loans = await db.query(
        `SELECT l.loan_number, m.member_number, l.status, l.disbursed_on::text,
                b.balance::numeric(20, 2)::text AS principal, p.accrued_through::text,
                (SELECT sum(a.amount) FROM loan_accrual a
                  WHERE a.cooperative_id = l.cooperative_id AND a.loan_id = l.id)::numeric(20, 2)::text AS accrued,
                (SELECT count(*)::int FROM loan_collateral c
                  WHERE c.cooperative_id = l.cooperative_id AND c.loan_id = l.id) AS collateral
           FROM loan l
           JOIN member m ON m.cooperative_id = l.cooperative_id AND m.id = l.member_id
           JOIN ledger_balance b ON b.cooperative_id = l.cooperative_id AND b.account_id = l.ledger_account_id
           JOIN loan_accrual_position p ON p.cooperative_id = l.cooperative_id AND p.loan_id = l.id
          WHERE l.cooperative_id = $1 ORDER BY l.loan_number`,
        [cooperativeId],
      );
      const collateralOf = (n: string) =>
        rowsOf(clean.collateral).filter((c) => c.loan_number === n).length;
      expect(loans.rows).toEqual(
        rowsOf(clean.loans).map((l) => ({
          loan_number: l.loan_number.padStart(8, '0'),
          member_number: l.member_number.padStart(6, '0'),
          status: 'active',
          disbursed_on: l.disbursed_on,
          principal: cents(l.principal_outstanding),
          accrued_through: '2026-06-30',
          accrued: new Decimal(l.accrued_interest).isZero() ? null : cents(l.accrued_interest),
          collateral: collateralOf(l.loan_number),
        })),
      );
      const schedules = await db.query(
        `SELECT l.loan_number, i.no::text, i.period_start::text, i.due_date::text,
                i.principal::numeric(20, 2)::text AS principal, i.interest::numeric(20, 2)::text AS interest
           FROM loan_instalment i
           JOIN loan l ON l.cooperative_id = i.cooperative_id AND l.id = i.loan_id
                      AND l.schedule_version = i.schedule_version
          WHERE i.cooperative_id = $1 ORDER BY l.loan_number, i.no`,
        [cooperativeId],
      );
      expect(schedules.rows).toEqual(
        rowsOf(clean.loanSchedule).map((i) => ({
          loan_number: i.loan_number.padStart(8, '0'),
          no: i.instalment_no,
          period_start: i.period_start,
          due_date: i.due_date,
          principal: cents(i.principal),
          interest: cents(i.interest),
        })),
      );
      const receivable = await db.query(
        `SELECT b.balance::numeric(20, 2)::text AS balance FROM loan_product p
           JOIN ledger_balance b ON b.cooperative_id = p.cooperative_id
                                AND b.account_id = p.interest_receivable_account_id
          WHERE p.cooperative_id = $1`,
        [cooperativeId],
      );
      const loanInterest = rowsOf(clean.loans).reduce(
        (sum, l) => sum.plus(l.accrued_interest),
        new Decimal(0),
      );
      expect(receivable.rows).toEqual([{ balance: loanInterest.toFixed(2) }]);
      const periods = await db.query(
        `SELECT month::text, status FROM accounting_period WHERE cooperative_id = $1`,
        [cooperativeId],
      );
      expect(periods.rows).toEqual([{ month: '2026-06-01', status: 'closed' }]);
      expect(await ledgerViolations(db, cooperativeId)).toEqual(noViolations);
      expect(await savingsViolations(db, cooperativeId)).toEqual(noSavingsViolations);
      expect(await loanViolations(db, cooperativeId)).toEqual(noLoanViolations);
      const audit = await db.query(
        `SELECT action, count(*)::int AS n FROM audit_log WHERE cooperative_id = $1
            AND action IN ('onboarding.cutover.commit', 'members.member.import',
                           'savings.account.opening-balance', 'loans.loan.opening-balance')
          GROUP BY action ORDER BY action`,
        [cooperativeId],
      );
      expect(audit.rows).toEqual([
        { action: 'loans.loan.opening-balance', n: 9 },
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

  it('goes on from the cut-over: the first end of day accrues only what follows it, and the books still reconcile', async () => {
    await rollTo(api, cooperativeId, '2026-07-02');
    await closeAllDays(api, cooperativeId);
    await owner(async (db) => {
      // Loan 2101's running period, 15 June to 15 July (30 days, Rp90,000): 15 days came over,
      // the cut-over day adds R(90000 x 16/30) - R(90000 x 15/30).
      const day = await db.query(
        `SELECT a.amount::numeric(20, 2)::text AS amount FROM loan_accrual a
           JOIN loan l ON l.cooperative_id = a.cooperative_id AND l.id = a.loan_id
          WHERE a.cooperative_id = $1 AND l.loan_number = '00002101' AND a.accrual_date = '2026-07-01'`,
        [cooperativeId],
      );
      expect(day.rows).toEqual([{ amount: '3000.00' }]);
      const placements = await db.query(
        `SELECT count(*)::int AS n FROM time_deposit_accrual
          WHERE cooperative_id = $1 AND accrual_date = '2026-07-01'`,
        [cooperativeId],
      );
      expect(placements.rows).toEqual([{ n: 5 }]);
      expect(await ledgerViolations(db, cooperativeId)).toEqual(noViolations);
      expect(await savingsViolations(db, cooperativeId)).toEqual(noSavingsViolations);
      expect(await loanViolations(db, cooperativeId)).toEqual(noLoanViolations);
    });
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

describe('going live over HTTP: managers check and commit, once', () => {
  let api: ApiContext;
  let cooperativeId: string;
  let fx: SavingsFixture;
  const body = (files: CutoverFiles) => ({ cutoverDate, files });

  beforeAll(async () => {
    api = await ApiContext.start();
    ({ cooperativeId, fx } = await newCooperative(api, 'KSP-LIVE-API'));
  }, 120_000);

  afterAll(() => api?.close());

  it('lets only managers in', async () => {
    await fx.post('cutover/dry-run', fx.teller, body(clean), null).expect(403);
    await fx.post('cutover', fx.teller, body(clean)).expect(403);
  });

  it('answers a dry run with the report, and refuses bad files as a whole with every problem', async () => {
    const dry = await fx.post('cutover/dry-run', fx.managers[0], body(clean), null).expect(200);
    expect(dry.body).toMatchObject({ problems: [], members: 36, loans: 9, glLines: 16 });
    const gl = withLine(clean.gl, '1-1101,', '1-1101,84250100.00,,');
    const refused = await fx.post('cutover', fx.managers[0], body({ ...clean, gl })).expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: 'urn:lumbung:problem:cutover-files-invalid',
      problems: [{ file: 'gl.csv', row: null, column: null, message: expect.any(String) }],
    });
    await fx
      .post('cutover', fx.managers[0], { cutoverDate: '2026-07-02', files: clean })
      .expect(400);
  });

  it('commits once: of two commits at once one wins, the other is 409; a retry with the winning key replays', async () => {
    const keys = ['cutover-ksp-live-api-1', 'cutover-ksp-live-api-2'];
    const both = await Promise.all(
      keys.map((key, i) => fx.post('cutover', fx.managers[i], body(clean), key)),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = both.findIndex((r) => r.status === 201);
    const first = both[winner];
    expect(first.body).toMatchObject({
      problems: [],
      members: 36,
      savingsAccounts: 104,
      loans: 9,
      entries: { savings: expect.any(String), loans: expect.any(String), gl: expect.any(String) },
    });
    expect(both[1 - winner].body.type).toBe('urn:lumbung:problem:cutover-done');
    const replay = await fx.post('cutover', fx.managers[winner], body(clean), keys[winner]);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    await expectLoansReconciled(api, cooperativeId);
    const committed = await connectAs(api.db.ownerUrl, (db) =>
      db.query(`SELECT committed_by FROM cutover WHERE cooperative_id = $1`, [cooperativeId]),
    );
    expect(committed.rows).toEqual([{ committed_by: fx.managers[winner].userId }]);
  });
});
