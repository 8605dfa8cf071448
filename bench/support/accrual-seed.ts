import { ApprovalService } from '@lumbung/approvals';
import { type BusinessDate, Money, uuidv7 } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import {
  ChartService,
  CooperativeService,
  type EntryDraft,
  JournalSealingService,
  PostingService,
} from '@lumbung/ledger';
import { loanProductChangeType, type LoanTerms } from '@lumbung/loans';
import { productChangeType } from '@lumbung/savings';
import type { INestApplicationContext } from '@nestjs/common';
import type { Client } from 'pg';
import { buildSchedule } from '../../libs/loans/src/domain/schedule';
import { note } from './report';

/** What the accrual benchmark seeded; the measured run closes `dates.close`. */
export interface AccrualSeed {
  readonly cooperativeId: string;
  readonly size: number;
  readonly loanProductId: string;
  readonly savingsProductId: string;
  readonly dates: SeedDates;
}

export interface SeedDates {
  readonly joined: BusinessDate;
  readonly disbursed: BusinessDate;
  /** The business date while seeding, and the day the measured run closes. */
  readonly close: BusinessDate;
}

/** How the seed goes: its dates and where its progress is told (stderr by default). */
export interface SeedOptions {
  readonly dates?: SeedDates;
  readonly note?: (message: string) => void;
}

/** The seed as it goes: what it made so far and where it tells its progress. */
interface Seeding extends AccrualSeed {
  readonly note: (message: string) => void;
}

/** Loans are disbursed (and opening balances valued) the day before the day the run closes. */
export const seedDates: SeedDates = {
  joined: '2026-01-05' as BusinessDate,
  disbursed: '2026-11-16' as BusinessDate,
  /** The business date while seeding, and the day the measured run closes. */
  close: '2026-11-17' as BusinessDate,
};

const loanAmounts = ['2000000', '3000000', '5000000', '7500000', '10000000'];
/**
 * Leaves per opening entry: entries of up to 1,000 postings would do, but the journal seals
 * 2,000 entries a block, and a block of 2,000,000 postings outlasts the statement timeout.
 */
const postingsPerEntry = 99;
const entriesPerCall = 100;

/** A uuidv7-shaped id for millisecond `ms` (SQL expression): ids sort in insertion order. */
function v7(ms: string): string {
  const hex = `lpad(to_hex(${ms}), 12, '0')`;
  return `(substr(${hex}, 1, 8) || '-' || substr(${hex}, 9, 4) || '-7'
           || substr(gen_random_uuid()::text, 16))::uuid`;
}

/**
 * One cooperative with `size` active members, each with an open sukarela account holding a
 * balance and an active 12-month flat loan: products through four-eyes approval as the api makes
 * them, everything else set-based as the owner, writing the rows the application writes
 * (leaves under 2-1 and 1-13, schedule version 1, the accrual position at the disbursement).
 * Balances are migrated opening balances against 3-3901, posted through the ledger, 99 leaves an
 * entry.
 */
export async function seedAccrual(
  app: INestApplicationContext,
  owner: Client,
  size: number,
  options: SeedOptions = {},
): Promise<AccrualSeed> {
  const dates = options.dates ?? seedDates;
  const scope = app.get(TransactionScope);
  const cooperativeId = (
    await scope.run((tx) =>
      app.get(CooperativeService).create(tx, {
        code: 'KSP-BENCH-EOD',
        name: 'Koperasi Bench End of Day',
        country: 'ID',
        timeZone: 'Asia/Makassar',
        functionalCurrency: 'IDR',
        businessDate: dates.close,
      }),
    )
  ).id;
  const savingsProductId = await approved(app, cooperativeId, productChangeType, {
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
  });
  const loanProductId = await approved(app, cooperativeId, loanProductChangeType, {
    code: 'MODAL',
    name: 'Pinjaman Modal',
    currency: 'IDR',
    terms: {
      method: 'flat',
      ratePer: 'month',
      rate: '0.01',
      maxRate: '0.015',
      minTerm: 3,
      maxTerm: 24,
      minAmount: '500000',
      maxAmount: '50000000',
      roundingUnit: '100',
    },
  });
  const seed: Seeding = {
    cooperativeId,
    size,
    loanProductId,
    savingsProductId,
    dates,
    note: options.note ?? note,
  };
  await seedAccounts(owner, seed);
  const disbursements = await postOpeningBalances(app, owner, seed);
  await seedLoans(owner, seed, disbursements);
  await owner.query('RESET session_replication_role');
  const started = Date.now();
  // As autovacuum leaves a production database: statistics fresh, hint bits and visibility set.
  await owner.query('VACUUM ANALYZE');
  seed.note(`  vacuum analyze: ${seconds(started)} s`);
  return { cooperativeId, size, loanProductId, savingsProductId, dates };
}

async function approved(
  app: INestApplicationContext,
  cooperativeId: string,
  type: string,
  payload: object,
): Promise<string> {
  const approvals = app.get(ApprovalService);
  return app.get(TransactionScope).run(async (tx) => {
    const request = await approvals.submit(tx, {
      cooperativeId,
      type,
      payload,
      maker: { id: uuidv7(), roles: ['manager'] },
    });
    const done = await approvals.approve(tx, {
      cooperativeId,
      requestId: request.id,
      approver: { id: uuidv7(), roles: ['manager'] },
    });
    return (done.result as { id: string }).id;
  });
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

async function step(
  seed: Seeding,
  owner: Client,
  label: string,
  sql: string,
  params: unknown[],
): Promise<void> {
  const started = Date.now();
  await owner.query(sql, params);
  seed.note(`  ${label}: ${seconds(started)} s`);
}

/** Members, their sukarela accounts and the leaves of accounts and loans, set-based. */
async function seedAccounts(owner: Client, seed: Seeding): Promise<void> {
  const { cooperativeId: coop, size } = seed;
  const ms = (k: number) => v7(`${Date.now()}::bigint + g * 8 + ${k}`);
  // A bulk load as the owner: every row is built to satisfy the schema, so the row triggers
  // (foreign keys, the parent-is-heading check) are skipped; checks and unique keys still apply.
  await owner.query('SET session_replication_role = replica');
  await step(
    seed,
    owner,
    'ids',
    `CREATE TEMP TABLE seed AS
     SELECT g, ${ms(0)} AS member_id, ${ms(1)} AS savings_leaf, ${ms(2)} AS savings_id,
            ${ms(3)} AS loan_leaf, ${ms(4)} AS loan_id, g % ${loanAmounts.length} AS class,
            (100000 + (g % 1000) * 1000)::numeric AS balance
       FROM generate_series(1, $1::int) g`,
    [size],
  );
  await owner.query('CREATE UNIQUE INDEX ON seed (g)');
  await step(
    seed,
    owner,
    'members',
    `INSERT INTO member (cooperative_id, id, member_number, full_name, identity_type,
                         identity_number, join_date, status)
     SELECT $1, member_id, lpad(g::text, greatest(6, length(g::text)), '0'), 'Anggota ' || g, 'nik',
            '5371' || lpad(g::text, 12, '0'), $2, 'active' FROM seed ORDER BY g`,
    [coop, seed.dates.joined],
  );
  for (const table of ['member_number_sequence', 'savings_account_number', 'loan_number']) {
    await owner.query(`INSERT INTO ${table} (cooperative_id, last_number) VALUES ($1, $2)`, [
      coop,
      size,
    ]);
  }
  const leaves = (id: string, code: string, heading: string, name: string, sign: number) =>
    `WITH heading AS (SELECT id, class, normal_side FROM account
                       WHERE cooperative_id = $1 AND code = '${heading}'),
          opened AS (
            INSERT INTO account (cooperative_id, id, code, name, class, normal_side, parent_id,
                                 is_leaf, currency, holder)
            SELECT $1, ${id}, '${heading}-' || ${code}, ${name}, h.class, h.normal_side, h.id,
                   true, 'IDR', 'member'
              FROM seed, heading h ORDER BY g
            RETURNING id)
     INSERT INTO ledger_balance (cooperative_id, account_id, currency, normal_sign, floor)
     SELECT $1, id, 'IDR', ${sign}, 0 FROM opened`;
  await step(
    seed,
    owner,
    'savings leaves',
    leaves('savings_leaf', `lpad(g::text, 8, '0')`, '2-1', `'Tabungan Sukarela ' || g`, -1),
    [coop],
  );
  await step(
    seed,
    owner,
    'savings accounts',
    `INSERT INTO savings_account (cooperative_id, id, account_number, member_id, product_id, kind,
                                  currency, ledger_account_id, status, opened_on, last_activity_on)
     SELECT $1, savings_id, lpad(g::text, 8, '0'), member_id, $2, 'sukarela', 'IDR',
            savings_leaf, 'open', $3, $4 FROM seed ORDER BY g`,
    [coop, seed.savingsProductId, seed.dates.joined, seed.dates.disbursed],
  );
  await step(
    seed,
    owner,
    'loan leaves',
    leaves('loan_leaf', `lpad(g::text, 8, '0')`, '1-13', `'Pinjaman ' || lpad(g::text, 8, '0')`, 1),
    [coop],
  );
}

/**
 * Opening balances through the ledger: each savings leaf credited its balance and each loan leaf
 * debited its principal, against 3-3901, 99 leaves an entry. Returns the entry holding each
 * loan's leaf, in seed order: the loan's disbursement entry.
 */
async function postOpeningBalances(
  app: INestApplicationContext,
  owner: Client,
  seed: Seeding,
): Promise<string[]> {
  const started = Date.now();
  const scope = app.get(TransactionScope);
  const posting = app.get(PostingService);
  const opening = await scope.run((tx) =>
    app.get(ChartService).accountByCode(tx, seed.cooperativeId, '3-3901'),
  );
  const { rows } = await owner.query<{
    savings_leaf: string;
    balance: string;
    loan_leaf: string;
    class: number;
  }>(`SELECT savings_leaf, balance::text, loan_leaf, class FROM seed ORDER BY g`);
  const entries = (leaf: (i: number) => string, amount: (i: number) => Money): EntryDraft[] => {
    const drafts: EntryDraft[] = [];
    for (let start = 0; start < rows.length; start += postingsPerEntry) {
      const lines = [];
      let total = Money.zero('IDR');
      for (let i = start; i < Math.min(start + postingsPerEntry, rows.length); i++) {
        lines.push({ accountId: leaf(i), amount: amount(i) });
        total = total.plus(amount(i));
      }
      drafts.push({
        description: 'Saldo awal migrasi',
        source: { type: 'bench.opening-balance' },
        valueDate: seed.dates.disbursed,
        postings: [...lines, { accountId: opening.id, amount: total.negated() }],
      });
    }
    return drafts;
  };
  const post = async (drafts: EntryDraft[]): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < drafts.length; i += entriesPerCall) {
      const outcomes = await scope.run((tx) =>
        posting.postBatch(tx, seed.cooperativeId, drafts.slice(i, i + entriesPerCall)),
      );
      ids.push(...outcomes.map((o) => o.entry.id));
    }
    return ids;
  };
  await post(
    entries(
      (i) => rows[i].savings_leaf,
      (i) => Money.of(rows[i].balance, 'IDR').negated(),
    ),
  );
  const loanEntries = await post(
    entries(
      (i) => rows[i].loan_leaf,
      (i) => Money.of(loanAmounts[rows[i].class], 'IDR'),
    ),
  );
  seed.note(`  opening balances (${2 * rows.length} postings): ${seconds(started)} s`);
  const sealed = Date.now();
  // Sealed as the worker would have sealed it within seconds, so the measured run does not
  // compete with sealing a whole migration.
  const sealing = app.get(JournalSealingService);
  for (;;) {
    const outcome = await sealing.sealCooperative(seed.cooperativeId);
    if (outcome.blocks.length === 0 && !outcome.busy) break;
  }
  seed.note(`  journal sealed: ${seconds(sealed)} s`);
  return loanEntries;
}

/** Active loans as disbursement leaves them, and each one's schedule (version 1). */
async function seedLoans(owner: Client, seed: Seeding, disbursements: string[]): Promise<void> {
  const coop = seed.cooperativeId;
  await step(
    seed,
    owner,
    'loans',
    `INSERT INTO loan (cooperative_id, id, loan_number, member_id, product_id, currency, amount,
                       principal, rate, instalments, purpose, sector, related_party, terms, fees,
                       status, applied_by, applied_on, decided_on, disbursed_on,
                       disbursement_entry_id, ledger_account_id, schedule_version)
     SELECT $1, s.loan_id, lpad(g::text, 8, '0'), s.member_id, p.id, 'IDR', a.amount, a.amount,
            (p.terms->>'rate')::numeric, 12, 'Modal usaha', 'trade', false, p.terms, '[]',
            'active', $3, $4, $4, $4, ($6::uuid[])[(s.g - 1) / ${postingsPerEntry} + 1],
            s.loan_leaf, 1
       FROM seed s
       JOIN unnest($5::numeric[]) WITH ORDINALITY AS a(amount, n) ON a.n = s.class + 1
       JOIN loan_product p ON p.cooperative_id = $1 AND p.id = $2
      ORDER BY g`,
    [coop, seed.loanProductId, uuidv7(), seed.dates.disbursed, loanAmounts, disbursements],
  );
  await step(
    seed,
    owner,
    'loan accrual positions',
    `INSERT INTO loan_accrual_position (cooperative_id, loan_id, accrued_through)
     SELECT $1, s.loan_id, $2 FROM seed s ORDER BY g`,
    [coop, seed.dates.disbursed],
  );
  await owner.query(
    `CREATE TEMP TABLE schedule_template (class int, no int, period_start date, due_date date,
                                          principal numeric, interest numeric, balance_after numeric)`,
  );
  const [{ terms }] = (
    await owner.query<{ terms: LoanTerms }>(`SELECT terms FROM loan_product WHERE id = $1`, [
      seed.loanProductId,
    ])
  ).rows;
  for (const [n, amount] of loanAmounts.entries()) {
    const { instalments } = buildSchedule({
      principal: Money.of(amount, 'IDR'),
      terms,
      rate: terms.rate,
      instalments: 12,
      disbursedOn: seed.dates.disbursed,
    });
    await owner.query(
      `INSERT INTO schedule_template
       SELECT $1, * FROM unnest($2::int[], $3::date[], $4::date[], $5::numeric[], $6::numeric[],
                                $7::numeric[])`,
      [
        n,
        instalments.map((i) => i.no),
        instalments.map((i) => i.periodStart),
        instalments.map((i) => i.dueDate),
        instalments.map((i) => i.principal.toString()),
        instalments.map((i) => i.interest.toString()),
        instalments.map((i) => i.balanceAfter.toString()),
      ],
    );
  }
  await step(
    seed,
    owner,
    'loan instalments',
    `INSERT INTO loan_instalment (cooperative_id, loan_id, schedule_version, no, period_start,
                                  due_date, principal, interest, balance_after)
     SELECT $1, s.loan_id, 1, t.no, t.period_start, t.due_date, t.principal, t.interest,
            t.balance_after
       FROM seed s JOIN schedule_template t ON t.class = s.class ORDER BY s.g, t.no`,
    [coop],
  );
}
