import { Decimal, problemTypePrefix } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import {
  ExportChainVerifier,
  exportBatchSize,
  ledgerExportRange,
  LedgerExportService,
} from '@lumbung/exports';
import { JournalSealingService, parseChainHead, sha256Hex } from '@lumbung/ledger';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { buyDollars as buyDollarsFor, createCooperative, fundVault } from '../support/cooperatives';
import { disbursedLoan, expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { SavingsFixture } from '../support/savings-fixture';
import {
  beancountBalances,
  csvAsXlsx,
  csvObjects,
  hledgerBalances,
  netPerCurrency,
  plain,
  trialBalanceByJournalName,
  type TrialBalanceLine,
  readXlsx,
  xlsxRows,
} from './ledger-tools';

/**
 * The general ledger export over HTTP, for a cooperative with savings, a loan with a reversed
 * repayment and foreign-currency activity: hledger and Beancount read the files as they are and
 * reach Lumbung's trial balance account by account; the CSV sums to zero per currency.
 */
describe('GET /cooperatives/{id}/ledger-export', () => {
  let api: ApiContext;
  let coop: string;
  let other: string;
  let fx: SavingsFixture;
  let auditor: Person;
  let supervisor: Person;
  let dir: string;

  const exportOf = (query: Record<string, string>, person: Person = auditor, id = coop) =>
    request(api.server)
      .get(`/cooperatives/${id}/ledger-export`)
      .query(query)
      .set(person.auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });

  const trialBalance = async (asOf: string): Promise<TrialBalanceLine[]> => {
    const res = await request(api.server)
      .get(`/cooperatives/${coop}/trial-balance`)
      .query({ asOf })
      .set(auditor.auth)
      .expect(200);
    expect(res.body.balanced).toBe(true);
    return res.body.lines;
  };

  /** Seals until every entry so far is in a block (the horizon is cluster-wide: it may wait). */
  async function sealAll(): Promise<void> {
    const sealing = api.app.get(JournalSealingService);
    const scope = api.app.get(TransactionScope);
    const deadline = Date.now() + 60_000;
    for (;;) {
      await sealing.sealCooperative(coop);
      const [left] = await scope.run((tx) =>
        tx.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM journal_entry e WHERE e.cooperative_id = $1
              AND NOT EXISTS (SELECT 1 FROM journal_block_entry s
                               WHERE s.cooperative_id = e.cooperative_id AND s.entry_id = e.id)`,
          [coop],
        ),
      );
      if (left.n === '0') return;
      if (Date.now() > deadline) throw new Error(`${left.n} entries still unsealed`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Buys USD for the vault's rupiah: USD leaves under Bank and the FX position. */
  const buyDollars = (usd: string, rate: string, description: string) =>
    buyDollarsFor(api.app, coop, { usd, rate, description, positionCode: '1-1903' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lumbung-export-'));
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-EKSPOR');
    other = await createCooperative(api.app, 'KSP-LAIN');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    const { teller } = await fx.hireStaff();
    auditor = await fx.hireAuditor();
    supervisor = await api.person([{ role: 'supervisor', cooperativeId: coop }]);
    await fx.standardProducts('pokok', 'sukarela');
    const product = await fx.fourEyes('loan-products', {
      code: 'FLAT',
      name: 'Pinjaman Flat',
      currency: 'IDR',
      terms: flatTerms(),
    });
    await fx.openTill(teller, '20000000.00').expect(201);
    const borrower = await fx.saver('Nelayan');
    const saver = await fx.saver('Petani');
    for (const [account, amount] of [
      [borrower.sukarela, '5000000.00'],
      [saver.sukarela, '2500000.00'],
    ]) {
      await fx
        .post(`savings-accounts/${account}/deposits`, teller, { amount, currency: 'IDR' })
        .expect(201);
    }
    await fx
      .post(`savings-accounts/${saver.sukarela}/withdrawals`, teller, {
        amount: '300000.00',
        currency: 'IDR',
      })
      .expect(201);
    const loan = await disbursedLoan(fx, {
      memberId: borrower.memberId,
      productId: product.id,
      amount: '9000000.00',
      instalments: 12,
      purpose: 'Jaring dan pelampung',
      sector: 'fisheries',
    });
    await buyDollars('1000.00', '15500', 'Beli USD; kurs "15.500"\nuntuk mitra');
    const repay = async (amount: string) =>
      (
        await fx
          .post(`loans/${loan.id}/repayments`, teller, {
            amount,
            channel: 'savings',
            savingsAccountId: borrower.sukarela,
          })
          .expect(201)
      ).body;
    await rollTo(api, coop, '2026-12-20');
    const first = await repay('840000.00');
    await buyDollars('250.50', '15600', '(koreksi) =beli USD lagi');
    await rollTo(api, coop, '2027-01-20');
    await repay('840000.00');
    const asked = await fx
      .post(
        `loans/${loan.id}/repayments/${first.repaymentId}/reversal`,
        teller,
        { reason: 'Salah rekening' },
        null,
      )
      .expect(202);
    await fx.approve(asked.body.id, fx.managers[0]).expect(200);
    await sealAll();
    // One entry after the seal: it is exported, marked unsealed.
    await buyDollars('10.00', '15700', 'Beli USD belum disegel');
    await expectLoansReconciled(api, coop);
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const ranges = [
    { from: '2026-12-01', to: '2027-01-31' }, // balances brought forward from November
    { from: '2026-11-01', to: '2026-12-31' }, // ends before the last month's activity
    { from: '2027-02-01', to: '2027-02-28' }, // nothing in range: balances only
  ];

  it.each(ranges)(
    'hledger reads the journal as it is and reaches the trial balance, headings too ($from..$to)',
    async ({ from, to }) => {
      const res = await exportOf({ from, to, format: 'hledger' }).expect(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="KSP-EKSPOR-ledger-${from}-${to}.journal"`,
      );
      const file = join(dir, `${from}.journal`);
      await writeFile(file, res.body as string);
      const expected = plain(trialBalanceByJournalName(await trialBalance(to)));
      expect(Object.keys(expected).length).toBeGreaterThan(20);
      expect(plain(await hledgerBalances(file))).toEqual(expected);
    },
  );

  it.each(ranges)(
    'bean-check accepts the Beancount file and bean-query reaches the trial balance ($from..$to)',
    async ({ from, to }) => {
      const res = await exportOf({ from, to, format: 'beancount' }, supervisor).expect(200);
      const file = join(dir, `${from}.beancount`);
      await writeFile(file, res.body as string);
      const expected = plain(trialBalanceByJournalName(await trialBalance(to), true));
      expect(Object.keys(expected).length).toBeGreaterThan(10);
      expect(plain(await beancountBalances(file))).toEqual(expected);
    },
  );

  it('the CSV sums to zero per currency, and its openings plus postings are the trial balance', async () => {
    const [from, to] = ['2026-12-01', '2027-01-31'];
    const res = await exportOf({ from, to, format: 'csv' }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = csvObjects(res.body as string);
    const postings = rows.filter((r) => r.record === 'posting');
    const openings = rows.filter((r) => r.record === 'opening');
    expect(postings.length).toBeGreaterThan(10);
    expect(openings.every((r) => r.value_date === '2026-11-30')).toBe(true);
    expect(netPerCurrency(postings)).toEqual({ IDR: '0.00', USD: '0.00' });
    expect(netPerCurrency(openings)).toEqual({ IDR: '0.00', USD: '0.00' });
    expect(postings.every((r) => r.value_date >= from && r.value_date <= to)).toBe(true);

    const byLeaf = new Map<string, Decimal>();
    for (const row of rows) {
      const key = `${row.account_code} ${row.currency}`;
      const net = new Decimal(row.debit || '0').minus(row.credit || '0');
      byLeaf.set(key, (byLeaf.get(key) ?? new Decimal(0)).plus(net));
    }
    const leaves = (await trialBalance(to)).filter((l) => l.isLeaf);
    expect(
      Object.fromEntries(
        [...byLeaf].map(([k, v]) => [k, v.toFixed(2)]).filter(([, v]) => v !== '0.00'),
      ),
    ).toEqual(
      Object.fromEntries(
        leaves
          .filter((l) => l.balance !== '0.00')
          .map((l) => [`${l.code} ${l.currency}`, l.balance]),
      ),
    );

    // Free text stays exact (quoted, inert), amounts are plain decimals, the FX equivalent is there.
    const usd = postings.filter((r) => r.currency === 'USD' && r.debit === '250.50');
    expect(usd).toHaveLength(1);
    expect(usd[0]).toMatchObject({
      description: '(koreksi) =beli USD lagi',
      functional_debit: '3907800.00',
      functional_currency: 'IDR',
      fx_rate: '15600',
      account_code: '1-1202',
    });
    // The unsealed entry has no place in the chain yet; every other names its block and hash.
    const unsealed = postings.filter((r) => r.block === '');
    expect(unsealed.map((r) => r.description)).toEqual(Array(4).fill('Beli USD belum disegel'));
    const head = (
      await request(api.server)
        .get(`/cooperatives/${coop}/chain/head`)
        .set(auditor.auth)
        .expect(200)
    ).body;
    expect(res.headers['lumbung-chain-head']).toBe(head.head);
    for (const row of postings.filter((r) => r.block !== '')) {
      expect(row.block_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.entry_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(Number(row.block)).toBeLessThanOrEqual(Number(head.sequence));
    }
    const reversal = postings.find((r) => r.reverses_entry_id !== '');
    expect(postings.some((r) => r.entry_id === reversal?.reverses_entry_id)).toBe(true);
  });

  it('XLSX: a workbook another library opens, holding the rows of the CSV', async () => {
    const [from, to] = ['2026-11-01', '2027-01-31'];
    const csv = csvObjects(
      (await exportOf({ from, to, format: 'csv' }).expect(200)).body as string,
    );
    const res = await request(api.server)
      .get(`/cooperatives/${coop}/ledger-export`)
      .query({ from, to, format: 'xlsx' })
      .set(auditor.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="[A-Z0-9-]+-ledger-2026-11-01-2027-01-31\.xlsx"$/,
    );
    const book = await readXlsx(res.body as Buffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Ledger', 'Export']);
    expect(xlsxRows(book.getWorksheet('Ledger')!)).toEqual(csvAsXlsx(csv));
    expect(csv.some((row) => row.fx_rate !== '')).toBe(true);
    const facts = Object.fromEntries(
      xlsxRows(book.getWorksheet('Export')!).map((r) => [r[0], r[1]]),
    );
    expect(facts['chain head when read']).toBe(res.headers['lumbung-chain-head']);
    expect(facts['postings']).toBe(String(csv.filter((r) => r.record === 'posting').length));
  });

  it('JSON Lines: a header with the chain head and counts, one record a line, an end record', async () => {
    const res = await exportOf({ from: '2026-11-01', to: '2027-01-31', format: 'jsonl' }).expect(
      200,
    );
    expect(res.headers['content-type']).toBe('application/jsonl; charset=utf-8');
    const records = (res.body as string)
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l));
    const [header] = records;
    const postings = records.filter((r) => r.record === 'posting');
    expect(header).toMatchObject({
      record: 'export',
      cooperative: { code: 'KSP-EKSPOR', functionalCurrency: 'IDR' },
      basis: 'value-date',
      openingDate: '2026-10-31',
      unsealedEntries: 1,
      postings: postings.length,
    });
    expect(`${header.chainHead.sequence}:${header.chainHead.hash}`).toBe(
      res.headers['lumbung-chain-head'],
    );
    expect(records.at(-1)).toEqual({
      record: 'end',
      entries: header.entries,
      postings: postings.length,
    });
    expect(records.filter((r) => r.record === 'opening')).toEqual([]);
    const blocks = records.filter((r) => r.record === 'blocks');
    expect(blocks.length).toBeGreaterThan(0);
    for (const p of postings.filter((r) => r.block !== null)) {
      expect(blocks.some((b) => +b.first <= +p.block && +p.block <= +b.last)).toBe(true);
    }
    expect(typeof postings[0].debit === 'string' || typeof postings[0].credit === 'string').toBe(
      true,
    );
  });

  it.each(['csv', 'jsonl', 'hledger', 'beancount'] as const)(
    'batches never change the file: %s fetched two rows at a time is the file fetched whole',
    async (format) => {
      const exporter = api.app.get(LedgerExportService);
      const write = async (batchSize: number) => {
        let text = '';
        const summary = await exporter.export(
          {
            cooperativeId: coop,
            ...ledgerExportRange({ from: '2026-12-01', to: '2027-01-31', format }),
          },
          { start: () => undefined, write: (chunk) => void (text += chunk) },
          { batchSize },
        );
        // The snapshot time is the one thing two exports may not share.
        return { text: text.split(summary.header.generatedAt).join('<time>'), summary };
      };
      const [small, whole] = [await write(2), await write(exportBatchSize)];
      expect(small.summary.postings).toBeGreaterThan(4);
      expect(small.text).toBe(whole.text);
    },
  );

  it('wholeBlocks=true: whole chain blocks the offline verifier recomputes to the head sent with them', async () => {
    const res = await exportOf({
      from: '2026-12-01',
      to: '2026-12-31',
      format: 'jsonl',
      wholeBlocks: 'true',
    }).expect(200);
    expect(res.headers['content-type']).toBe('application/jsonl; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /filename="KSP-EKSPOR-ledger-2026-12-01-2026-12-31-whole-blocks\.jsonl"/,
    );
    const lines = (res.body as string).split('\n').filter((l) => l !== '');
    const records = lines.map((l) => JSON.parse(l));
    expect(records[0].wholeBlocks.firstBlock).not.toBeNull();
    expect(records.filter((r) => r.record === 'opening')).toEqual([]);
    const kept = parseChainHead(res.headers['lumbung-chain-head']);
    const verifier = new ExportChainVerifier(kept, sha256Hex);
    for (const line of lines) verifier.add(line);
    const verification = verifier.finish();
    expect(verification).toMatchObject({ ok: true, findingCount: 0, lastBlock: kept.sequence });
    expect(verification.postings).toBe(records.filter((r) => r.record === 'posting').length);
    // Whole blocks hold entries valued outside the range too, and say which are in it.
    const inRange = records.filter((r) => r.record === 'posting' && r.inRange);
    expect(inRange.every((p) => p.valueDate >= '2026-12-01' && p.valueDate <= '2026-12-31')).toBe(
      true,
    );
  });

  it('wholeBlocks: batches never change the file', async () => {
    const exporter = api.app.get(LedgerExportService);
    const range = ledgerExportRange({
      from: '2026-12-01',
      to: '2027-01-31',
      format: 'jsonl',
      wholeBlocks: true,
    });
    const write = async (batchSize: number) => {
      let text = '';
      const summary = await exporter.export(
        { cooperativeId: coop, ...range },
        { start: () => undefined, write: (chunk) => void (text += chunk) },
        { batchSize },
      );
      return { text: text.split(summary.header.generatedAt).join('<time>'), summary };
    };
    const [small, whole] = [await write(2), await write(exportBatchSize)];
    expect(small.summary.postings).toBeGreaterThan(4);
    expect(small.text).toBe(whole.text);
  });

  describe('bad input and access: 4xx problem+json, never a partial file', () => {
    const valid = { from: '2026-12-01', to: '2026-12-31', format: 'csv' };

    const refused = async (query: Record<string, string>, status: number, person = auditor) => {
      const res = await request(api.server)
        .get(`/cooperatives/${coop}/ledger-export`)
        .query(query)
        .set(person.auth)
        .expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['content-disposition']).toBeUndefined();
      return res.body;
    };

    it('refuses an unknown format, naming the ones there are', async () => {
      const body = await refused({ ...valid, format: 'pdf' }, 400);
      expect(body).toMatchObject({
        type: `${problemTypePrefix}invalid-input`,
        errors: [
          { field: 'format', message: 'must be one of csv, jsonl, xlsx, hledger, beancount' },
        ],
      });
    });

    it('refuses from after to, a date that does not exist and missing dates', async () => {
      expect((await refused({ ...valid, from: '2027-01-01' }, 400)).errors).toEqual([
        { field: 'to', message: 'must not be before from (2027-01-01)' },
      ]);
      expect((await refused({ ...valid, to: '2026-02-30' }, 400)).errors).toEqual([
        { field: 'to', message: 'must be a valid date YYYY-MM-DD' },
      ]);
      expect(
        (await refused({ format: 'csv' }, 400)).errors.map((e: { field: string }) => e.field),
      ).toEqual(['from', 'to']);
      await refused({ ...valid, fromDate: '2026-01-01' }, 400);
    });

    it('refuses wholeBlocks but in JSON Lines, and anything but true or false', async () => {
      expect((await refused({ ...valid, wholeBlocks: 'true' }, 400)).errors).toEqual([
        {
          field: 'wholeBlocks',
          message:
            'is only available with format jsonl: the others cannot carry every column the chain hashes',
        },
      ]);
      expect(
        (await refused({ ...valid, format: 'jsonl', wholeBlocks: 'yes' }, 400)).errors,
      ).toEqual([{ field: 'wholeBlocks', message: 'must be true or false' }]);
    });

    it('hides a cooperative that is not theirs, and refuses tellers', async () => {
      const res = await request(api.server)
        .get(`/cooperatives/${other}/ledger-export`)
        .query(valid)
        .set(auditor.auth)
        .expect(404);
      expect(res.body).toMatchObject({
        type: `${problemTypePrefix}not-found`,
        resource: 'cooperative',
      });
      expect(await refused(valid, 403, fx.teller)).toMatchObject({
        type: `${problemTypePrefix}forbidden`,
      });
    });
  });
});
