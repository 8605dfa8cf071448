import { type BusinessDate } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { CooperativeService, JournalSealingService } from '@lumbung/ledger';
import type { INestApplicationContext } from '@nestjs/common';
import type { Client } from 'pg';
import { note } from './report';

/** What the export benchmark seeded: `postings` postings valued `from`..`to`, all sealed. */
export interface ExportSeed {
  readonly cooperativeId: string;
  readonly code: string;
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly entries: number;
  readonly postings: number;
  readonly leaves: number;
  readonly blocks: number;
}

const from = '2026-01-01' as BusinessDate;
const to = '2026-11-30' as BusinessDate;
const days = 334;
/** Entries per seeding transaction: each gets its own txid, so sealing cuts ordinary blocks. */
const entriesPerTransaction = 2_000;

/**
 * The seed a previous run kept (BENCH_KEEP=1) in the same database, if it has `postings`
 * postings: seeding a million takes minutes, measuring again does not need them made again.
 */
export async function keptExportSeed(owner: Client, postings: number): Promise<ExportSeed | null> {
  const { rows } = await owner.query<{
    id: string;
    code: string;
    entries: string;
    postings: string;
    leaves: string;
    blocks: string;
    unsealed: string;
  }>(
    `SELECT c.id::text AS id, c.code,
            (SELECT count(*) FROM journal_entry e WHERE e.cooperative_id = c.id)::text AS entries,
            (SELECT count(*) FROM posting p WHERE p.cooperative_id = c.id)::text AS postings,
            (SELECT count(*) FROM account a
              WHERE a.cooperative_id = c.id AND a.code LIKE '2-1-%')::text AS leaves,
            (SELECT count(*) FROM journal_block b WHERE b.cooperative_id = c.id)::text AS blocks,
            (SELECT count(*) FROM journal_entry e WHERE e.cooperative_id = c.id
                AND NOT EXISTS (SELECT 1 FROM journal_block_entry s
                                 WHERE s.cooperative_id = e.cooperative_id
                                   AND s.entry_id = e.id))::text AS unsealed
       FROM cooperative c WHERE c.code = 'KSP-BENCH-EXPORT'`,
  );
  const [kept] = rows;
  if (!kept || Number(kept.postings) !== postings || kept.unsealed !== '0') return null;
  return {
    cooperativeId: kept.id,
    code: kept.code,
    from,
    to,
    entries: Number(kept.entries),
    postings: Number(kept.postings),
    leaves: Number(kept.leaves),
    blocks: Number(kept.blocks),
  };
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

/** A uuidv7-shaped id for millisecond `ms` (SQL expression): ids sort in insertion order. */
function v7(ms: string): string {
  const hex = `lpad(to_hex(${ms}), 12, '0')`;
  return `(substr(${hex}, 1, 8) || '-' || substr(${hex}, 9, 4) || '-7'
           || substr(gen_random_uuid()::text, 16))::uuid`;
}

/**
 * A cooperative whose general ledger holds `postings` postings (two an entry) valued over eleven
 * months of 2026, shaped as a KSP's year looks: 70% cash deposits to members' voluntary savings,
 * 20% withdrawals, 10% cash-out vouchers (BKK) for operating expenses with a memo, members'
 * postings with a counterparty class and a region. Written set-based as the owner with row
 * triggers off (every row built to satisfy the schema: balances after and account versions gap
 * free per leaf, ledger balances summed), 2,000 entries a transaction, then sealed through the
 * journal's own sealing service, as the worker would have sealed it.
 */
export async function seedExport(
  app: INestApplicationContext,
  owner: Client,
  postings: number,
): Promise<ExportSeed> {
  const entries = Math.max(1, Math.floor(postings / 2));
  const leaves = Math.max(100, Math.floor(entries / 25));
  const scope = app.get(TransactionScope);
  const cooperative = await scope.run((tx) =>
    app.get(CooperativeService).create(tx, {
      code: 'KSP-BENCH-EXPORT',
      name: 'Koperasi Bench Export',
      country: 'ID',
      timeZone: 'Asia/Makassar',
      functionalCurrency: 'IDR',
      businessDate: '2026-12-01' as BusinessDate,
    }),
  );
  const coop = cooperative.id;
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    await owner.query(sql, params);
    note(`  ${label}: ${seconds(started)} s`);
  };
  await owner.query('SET session_replication_role = replica');
  await step(
    `${leaves} savings leaves`,
    `WITH heading AS (SELECT id, class, normal_side FROM account
                       WHERE cooperative_id = $1 AND code = '2-1'),
          opened AS (
            INSERT INTO account (cooperative_id, id, code, name, class, normal_side, parent_id,
                                 is_leaf, currency, holder)
            SELECT $1, ${v7(`${Date.now()}::bigint + g`)}, '2-1-' || lpad(g::text, 8, '0'),
                   'Tabungan Sukarela ' || g, h.class, h.normal_side, h.id, true, 'IDR', 'member'
              FROM generate_series(1, $2::int) g, heading h ORDER BY g
            RETURNING id)
     INSERT INTO ledger_balance (cooperative_id, account_id, currency, normal_sign, floor)
     SELECT $1, id, 'IDR', -1, 0 FROM opened`,
    [coop, leaves],
  );
  await owner.query(
    `CREATE TEMP TABLE bench_leaf AS
     SELECT row_number() OVER (ORDER BY code) - 1 AS k, id FROM account
      WHERE cooperative_id = $1 AND code LIKE '2-1-%'`,
    [coop],
  );
  const fixed = await owner.query<{ code: string; id: string }>(
    `SELECT code, id::text AS id FROM account
      WHERE cooperative_id = $1 AND code IN ('1-1101', '1-1201', '5-2105')`,
    [coop],
  );
  const id = (code: string) => fixed.rows.find((r) => r.code === code)!.id;
  // kind: 0 an expense voucher, 1-2 a withdrawal, 3-9 a deposit.
  await step(
    `${entries} entries planned`,
    `CREATE TEMP TABLE bench_entry AS
     SELECT n, ${v7(`${Date.now() + 10_000_000}::bigint + n`)} AS id,
            ($1::date + ((n - 1) * $2::bigint / $3::bigint)::int) AS value_date,
            n % 10 AS kind, (n * 7919) % $4::bigint AS leaf,
            (((n * 7919) % 5000 + 10) * 100 + (n % 4) * 0.25)::numeric AS amount,
            CASE WHEN n % 10 = 0 THEN n / 10 END AS voucher
       FROM generate_series(1, $3::bigint) n`,
    [from, days, entries, leaves],
  );
  await owner.query(`CREATE UNIQUE INDEX ON bench_entry (n)`);
  await step(
    `${entries * 2} postings planned`,
    `CREATE TEMP TABLE bench_posting AS
     SELECT n, line_no, account_id, amount, counterparty,
            sum(amount) OVER w AS balance_after, row_number() OVER w AS account_version
       FROM (SELECT e.n, l.line_no, l.account_id, l.amount, l.counterparty
               FROM bench_entry e
               JOIN bench_leaf m ON m.k = e.leaf
               CROSS JOIN LATERAL (VALUES
                 (1, CASE WHEN e.kind = 0 THEN $1::uuid WHEN e.kind < 3 THEN m.id ELSE $2::uuid END,
                  e.amount,
                  CASE WHEN e.kind = 0 THEN 'non_member' WHEN e.kind < 3 THEN 'member' END),
                 (2, CASE WHEN e.kind = 0 THEN $3::uuid WHEN e.kind < 3 THEN $2::uuid ELSE m.id END,
                  -e.amount, CASE WHEN e.kind > 2 THEN 'member' END)
               ) AS l(line_no, account_id, amount, counterparty)) p
     WINDOW w AS (PARTITION BY account_id ORDER BY n, line_no)`,
    [id('5-2105'), id('1-1101'), id('1-1201')],
  );
  await owner.query(`CREATE INDEX ON bench_posting (n)`);
  const started = Date.now();
  for (let first = 1; first <= entries; first += entriesPerTransaction) {
    const last = Math.min(entries, first + entriesPerTransaction - 1);
    await owner.query('BEGIN');
    await owner.query(
      `INSERT INTO journal_entry (cooperative_id, id, posting_date, value_date, description,
                                  source_type, source_id, voucher_series, voucher_number)
       SELECT $1, id, value_date, value_date,
              CASE kind WHEN 0 THEN 'Biaya transportasi rapat anggota'
                        WHEN 1 THEN 'Penarikan tunai' WHEN 2 THEN 'Penarikan tunai'
                        ELSE 'Setoran tunai' END,
              CASE WHEN kind = 0 THEN 'manual-journal' WHEN kind < 3 THEN 'savings.withdrawal'
                   ELSE 'savings.deposit' END,
              'R-' || lpad(n::text, 9, '0'),
              CASE WHEN kind = 0 THEN 'BKK' END, voucher
         FROM bench_entry WHERE n BETWEEN $2 AND $3 ORDER BY n`,
      [coop, first, last],
    );
    await owner.query(
      `INSERT INTO posting (cooperative_id, entry_id, line_no, account_id, currency, amount,
                            functional_amount, value_date, counterparty_class, region, memo,
                            balance_after, account_version)
       SELECT $1, e.id, p.line_no, p.account_id, 'IDR', p.amount, p.amount, e.value_date,
              p.counterparty, CASE WHEN p.counterparty = 'member' THEN 'NTT' END,
              CASE WHEN e.kind = 0 AND p.line_no = 1 THEN 'Nota ' || e.n END,
              p.balance_after, p.account_version
         FROM bench_posting p JOIN bench_entry e ON e.n = p.n
        WHERE p.n BETWEEN $2 AND $3 ORDER BY p.n, p.line_no`,
      [coop, first, last],
    );
    await owner.query('COMMIT');
  }
  note(`  ${entries} entries, ${entries * 2} postings written: ${seconds(started)} s`);
  await step(
    'ledger balances',
    `UPDATE ledger_balance b SET balance = s.balance, version = s.version
       FROM (SELECT account_id, sum(amount) AS balance, count(*) AS version
               FROM bench_posting GROUP BY account_id) s
      WHERE b.cooperative_id = $1 AND b.account_id = s.account_id`,
    [coop],
  );
  if (entries >= 10) {
    await owner.query(
      `INSERT INTO voucher_sequence (cooperative_id, series, last_number) VALUES ($1, 'BKK', $2)`,
      [coop, Math.floor(entries / 10)],
    );
  }
  await owner.query('DROP TABLE bench_posting, bench_entry, bench_leaf');
  await owner.query('RESET session_replication_role');
  await step('vacuum analyze', 'VACUUM ANALYZE');
  const sealing = Date.now();
  const sealer = app.get(JournalSealingService);
  let blocks = 0;
  for (;;) {
    const outcome = await sealer.sealCooperative(coop);
    blocks += outcome.blocks.length;
    if (outcome.blocks.length === 0 && !outcome.busy) break;
  }
  note(`  journal sealed in ${blocks} blocks: ${seconds(sealing)} s`);
  await step('vacuum analyze', 'VACUUM ANALYZE');
  return {
    cooperativeId: coop,
    code: cooperative.code,
    from,
    to,
    entries,
    postings: entries * 2,
    leaves,
    blocks,
  };
}
