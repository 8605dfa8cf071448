import { uuidv7 } from '@lumbung/core';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { parseCsv } from '../support/csv';
import { expectSoundPdf } from '../support/pdf';
import { SavingsFixture } from '../support/savings-fixture';

interface Line {
  lineNumber: number;
  page: number;
  line: number;
  description: string;
  receiptNumber: string | null;
  debit: string;
  credit: string;
  balance: string;
}

describe('passbooks and member statements over HTTP', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let teller: Person;
  let auditor: Person;

  const deposit = async (accountId: string, amount: string) =>
    (
      await fx
        .post(`savings-accounts/${accountId}/deposits`, teller, {
          amount,
          currency: 'IDR',
        })
        .expect(201)
    ).body as { receiptNumber: string; balanceAfter: string };
  const withdraw = async (accountId: string, amount: string) =>
    (
      await fx
        .post(`savings-accounts/${accountId}/withdrawals`, teller, {
          amount,
          currency: 'IDR',
        })
        .expect(201)
    ).body as { receiptNumber: string };
  const print = (accountId: string, query = '') =>
    fx.post(`savings-accounts/${accountId}/passbook/print${query}`, teller, {}, null);
  const statement = (memberId: string, query: string, person: Person = teller) =>
    fx.get(`members/${memberId}/statement?${query}`, person);

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-PASSBOOK');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    ({ teller } = await fx.hireStaff());
    auditor = await fx.hireAuditor();
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(teller, '30000000.00').expect(201);
  });

  afterEach(() => fx.expectInvariants());

  afterAll(() => api.close());

  describe('a member statement', () => {
    let memberId: string;
    let sukarela: string;
    const receipts: string[] = [];

    beforeAll(async () => {
      ({ memberId, sukarela } = await fx.saver());
      receipts.push((await deposit(sukarela, '500000.00')).receiptNumber);
      receipts.push((await withdraw(sukarela, '120000.00')).receiptNumber);
      receipts.push((await deposit(sukarela, '1234567.00')).receiptNumber);
    });

    it('lists every account with opening, lines and closing that agree with the balances', async () => {
      const res = await statement(memberId, 'from=2026-11-01&to=2026-11-30').expect(200);
      expect(res.body).toMatchObject({
        member: { id: memberId, memberNumber: expect.stringMatching(/^\d{6}$/) },
        cooperative: { code: 'KSP-PASSBOOK' },
        period: { from: '2026-11-01', to: '2026-11-30' },
        lang: 'id',
      });
      const accounts = res.body.accounts as {
        accountId: string;
        kind: string;
        openingBalance: string;
        closingBalance: string;
        totalCredit: string;
        totalDebit: string;
        lines: Line[];
      }[];
      expect(accounts.map((a) => a.kind)).toEqual(['pokok', 'sukarela']);
      for (const entry of accounts) {
        const live = await fx.get(`savings-accounts/${entry.accountId}`, teller).expect(200);
        expect(entry.closingBalance).toBe(live.body.balance);
        expect(entry.openingBalance).toBe('0.00');
      }
      const voluntary = accounts[1];
      expect(voluntary.lines).toMatchObject([
        { lineNumber: 1, credit: '500000.00', debit: '0.00', balance: '500000.00' },
        { lineNumber: 2, credit: '0.00', debit: '120000.00', balance: '380000.00' },
        { lineNumber: 3, credit: '1234567.00', debit: '0.00', balance: '1614567.00' },
      ]);
      expect(voluntary.lines.map((l) => l.receiptNumber)).toEqual(receipts);
      expect(voluntary.lines[0].description).toMatch(/^Setoran tunai/);
      expect(voluntary).toMatchObject({ totalCredit: '1734567.00', totalDebit: '120000.00' });
    });

    it('opens a later period with the balance carried and leaves out accounts not yet opened', async () => {
      const later = await statement(memberId, 'from=2026-11-21&to=2026-12-31').expect(200);
      expect(later.body.accounts[1]).toMatchObject({
        openingBalance: '1614567.00',
        lines: [],
        closingBalance: '1614567.00',
      });
      const before = await statement(memberId, 'from=2026-10-01&to=2026-10-31').expect(200);
      expect(before.body.accounts).toEqual([]);
    });

    it('speaks English when asked', async () => {
      const res = await statement(memberId, 'from=2026-11-01&to=2026-11-30&lang=en').expect(200);
      expect(res.body.accounts[1].lines.map((l: Line) => l.description)).toEqual([
        'Cash deposit',
        'Cash withdrawal',
        'Cash deposit',
      ]);
    });

    it('downloads as RFC 4180 CSV that parses back to the same lines', async () => {
      const json = await statement(memberId, 'from=2026-11-01&to=2026-11-30').expect(200);
      const res = await statement(memberId, 'from=2026-11-01&to=2026-11-30&format=csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="statement-\d{6}-2026-11-01-2026-11-30\.csv"$/,
      );
      expect(res.text.endsWith('\r\n')).toBe(true);
      const [header, ...rows] = parseCsv(res.text);
      expect(header).toEqual([
        'Nomor Rekening',
        'Produk',
        'Mata Uang',
        'Tanggal',
        'Tgl Valuta',
        'Keterangan',
        'Kuitansi',
        'Debit',
        'Kredit',
        'Saldo',
      ]);
      const expected = (
        json.body.accounts as { accountNumber: string; productCode: string; lines: Line[] }[]
      ).flatMap((a) =>
        a.lines.map((l) => [
          a.accountNumber,
          a.productCode,
          'IDR',
          '2026-11-20',
          '2026-11-20',
          l.description,
          l.receiptNumber ?? '',
          l.debit,
          l.credit,
          l.balance,
        ]),
      );
      expect(rows).toEqual(expected);
      const english = await statement(
        memberId,
        'from=2026-11-01&to=2026-11-30&format=csv&lang=en',
      ).expect(200);
      expect(parseCsv(english.text)[0]).toEqual([
        'Account Number',
        'Product',
        'Currency',
        'Date',
        'Value Date',
        'Description',
        'Receipt',
        'Debit',
        'Credit',
        'Balance',
      ]);
    });

    it('prints as an A4 PDF with sound cross references, numbered pages and money for people', async () => {
      const res = await statement(memberId, 'from=2026-11-01&to=2026-11-30&format=pdf')
        .responseType('blob')
        .expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = expectSoundPdf(res.body as Buffer);
      expect(text).toContain('/MediaBox [0 0 595 842]');
      expect(text).toContain('/BaseFont /Courier /Encoding /WinAnsiEncoding');
      expect(text).toContain('(Halaman 1 dari 1) Tj');
      expect(text).toMatch(/Saldo akhir\s+Rp1\.614\.567,00\) Tj/);
      expect(text).toContain('KSP-PASSBOOK');
      const english = await statement(memberId, 'from=2026-11-01&to=2026-11-30&format=pdf&lang=en')
        .responseType('blob')
        .expect(200);
      const englishText = expectSoundPdf(english.body as Buffer);
      expect(englishText).toContain('(Page 1 of 1) Tj');
      expect(englishText).toMatch(/Closing balance\s+IDR 1,614,567\.00\) Tj/);
    });

    it('refuses bad input naming the field, and an unknown member with 404', async () => {
      for (const [query, field] of [
        ['from=2026-11-30&to=2026-11-01', 'from'],
        ['from=2026-02-30&to=2026-03-31', 'from'],
        ['from=yesterday&to=2026-11-30', 'from'],
        ['from=2026-11-01', 'to'],
        ['from=2026-11-01&to=2026-11-31', 'to'],
        ['from=2026-11-01&to=2026-11-30&format=xlsx', 'format'],
        ['from=2026-11-01&to=2026-11-30&lang=fr', 'lang'],
      ]) {
        const res = await statement(memberId, query).expect(400);
        expect({ query, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({
          query,
          fields: [field],
        });
      }
      const unknown = await statement(uuidv7(), 'from=2026-11-01&to=2026-11-30').expect(404);
      expect(unknown.body.resource).toBe('member');
      await statement('not-an-id', 'from=2026-11-01&to=2026-11-30').expect(404);
    });

    it('lets the auditor read the statement and the passbook position, but not print', async () => {
      await statement(memberId, 'from=2026-11-01&to=2026-11-30', auditor).expect(200);
      await fx.get(`savings-accounts/${sukarela}/passbook`, auditor).expect(200);
      const refused = await fx.post(
        `savings-accounts/${sukarela}/passbook/print`,
        auditor,
        {},
        null,
      );
      expect(refused.status).toBe(403);
      await fx
        .post(
          `savings-accounts/${sukarela}/passbook/reprint`,
          auditor,
          { fromLine: 1, reason: 'lost' },
          null,
        )
        .expect(403);
    });
  });

  describe('a passbook', () => {
    it('prints the lines not printed yet, then resumes after the last printed line', async () => {
      const { sukarela } = await fx.saver();
      for (const amount of ['100000.00', '20000.00', '3000.00']) await deposit(sukarela, amount);
      const fresh = await fx.get(`savings-accounts/${sukarela}/passbook`, teller).expect(200);
      expect(fresh.body).toMatchObject({
        printedThroughLine: 0,
        pendingLines: 3,
        next: { lineNumber: 1, page: 1, line: 1 },
        lastPrint: null,
      });
      const first = await print(sukarela).expect(200);
      expect(first.body.lines.map((l: Line) => [l.lineNumber, l.page, l.line, l.balance])).toEqual([
        [1, 1, 1, '100000.00'],
        [2, 1, 2, '120000.00'],
        [3, 1, 3, '123000.00'],
      ]);
      expect(first.body.next).toEqual({ lineNumber: 4, page: 1, line: 4 });
      expect((await print(sukarela).expect(200)).body.lines).toEqual([]);

      await deposit(sukarela, '4000.00');
      await deposit(sukarela, '500.00');
      const second = await print(sukarela).expect(200);
      expect(second.body.lines.map((l: Line) => [l.lineNumber, l.page, l.line, l.credit])).toEqual([
        [4, 1, 4, '4000.00'],
        [5, 1, 5, '500.00'],
      ]);
      const position = await fx.get(`savings-accounts/${sukarela}/passbook`, auditor).expect(200);
      expect(position.body).toMatchObject({
        printedThroughLine: 5,
        pendingLines: 0,
        next: { lineNumber: 6, page: 1, line: 6 },
        lastPrint: { kind: 'print', firstLine: 4, printedLines: 2, printedBy: teller.userId },
      });
    });

    it('reprints a replacement passbook from a line, with the reason in the audit log', async () => {
      const { sukarela } = await fx.saver();
      for (const amount of ['10000.00', '20000.00', '30000.00']) await deposit(sukarela, amount);
      await print(sukarela).expect(200);
      const whole = await fx
        .post(
          `savings-accounts/${sukarela}/passbook/reprint`,
          teller,
          { fromLine: 1, reason: 'Buku lama rusak kena banjir' },
          null,
        )
        .expect(200);
      expect(whole.body).toMatchObject({ kind: 'reprint', bookFirstLine: 1 });
      expect(whole.body.lines.map((l: Line) => [l.lineNumber, l.page, l.line])).toEqual([
        [1, 1, 1],
        [2, 1, 2],
        [3, 1, 3],
      ]);
      const partial = await fx
        .post(
          `savings-accounts/${sukarela}/passbook/reprint`,
          teller,
          { fromLine: 2, reason: 'Buku hilang' },
          null,
        )
        .expect(200);
      expect(partial.body.lines.map((l: Line) => [l.lineNumber, l.page, l.line])).toEqual([
        [2, 1, 1],
        [3, 1, 2],
      ]);
      await deposit(sukarela, '5000.00');
      const continued = await print(sukarela).expect(200);
      expect(continued.body.lines.map((l: Line) => [l.lineNumber, l.page, l.line])).toEqual([
        [4, 1, 3],
      ]);
      const audit = await fx
        .get(`audit-log?action=savings.passbook.reprint&targetId=${sukarela}`, auditor)
        .expect(200);
      expect(audit.body.items.map((i: { reason: string }) => i.reason)).toEqual([
        'Buku hilang',
        'Buku lama rusak kena banjir',
      ]);
      for (const [body, field] of [
        [{ fromLine: 0, reason: 'x' }, 'fromLine'],
        [{ fromLine: 5, reason: 'x' }, 'fromLine'],
        [{ fromLine: '1', reason: 'x' }, 'fromLine'],
        [{ fromLine: 1 }, 'reason'],
        [{ fromLine: 1, reason: '' }, 'reason'],
      ] as const) {
        const res = await fx
          .post(`savings-accounts/${sukarela}/passbook/reprint`, teller, body, null)
          .expect(400);
        expect({ body, field: res.body.errors[0].field }).toEqual({ body, field });
      }
      await print(sukarela, '?format=docx').expect(400);
      await print(uuidv7()).expect(404);
    });

    it('never prints a line twice when two tellers print at once', async () => {
      const { sukarela } = await fx.saver();
      for (const amount of ['1000.00', '2000.00', '3000.00', '4000.00']) {
        await deposit(sukarela, amount);
      }
      const runs = await Promise.all([print(sukarela), print(sukarela), print(sukarela)]);
      const printed = runs
        .flatMap((run) => (run.body.lines as Line[]).map((l) => l.lineNumber))
        .sort();
      expect(printed).toEqual([1, 2, 3, 4]);
    });

    it('prints a PDF whose pages are the passbook pages, continuing mid-page', async () => {
      const { sukarela } = await fx.saver();
      for (let i = 1; i <= 18; i++) await deposit(sukarela, `${i}000.00`);
      await print(sukarela).expect(200);
      for (let i = 1; i <= 4; i++) await deposit(sukarela, '100.00');
      const res = await print(sukarela, '?format=pdf&lang=en').responseType('blob').expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = expectSoundPdf(res.body as Buffer);
      expect(text).toContain('/Count 2');
      expect(text).toContain('/MediaBox [0 0 420 595]');
      expect(text).toContain('(Passbook page 1) Tj');
      expect(text).toContain('(Passbook page 2) Tj');
      // Lines 19 and 20 close page 1 on its last rows; 21 and 22 open page 2.
      expect(text).toMatch(/Td \( {2}19 2026-11-20 Cash deposit/);
      expect(text).toMatch(/Td \( {2}22 2026-11-20 Cash deposit/);
      const position = await fx.get(`savings-accounts/${sukarela}/passbook`, teller).expect(200);
      expect(position.body.next).toEqual({ lineNumber: 23, page: 2, line: 3 });
    });
  });
});
