import { businessDate, Money } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { ChartService, PostingService } from '@lumbung/ledger';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;

const statement = [
  'date,description,amount,reference,balance',
  '2026-11-02,SETORAN AWAL,5000000.00,,5000000.00',
  '2026-11-06,JASA GIRO,12000.00,,5012000.00',
  '2026-11-10,"TRF PLN, LISTRIK",-350000.00,BKK-000001,4662000.00',
  '2026-11-18,BIAYA ADM,-6500.00,,4655500.00',
].join('\n');

describe('bank accounts: statements imported, matched with the bank leaf, the rest listed', () => {
  let api: ApiContext;
  let kupang: string;
  let teller: Person;
  let managers: Person[];
  let auditor: Person;
  let bankId: string;
  let secondBankId: string;
  let keys = 0;

  const base = () => `/cooperatives/${kupang}`;
  const post = (person: Person, path: string, body: object = {}) =>
    request(api.server).post(`${base()}${path}`).set(person.auth).send(body);
  const importCsv = (csv: string, query = '') =>
    request(api.server)
      .post(`${base()}/bank-accounts/${bankId}/statements${query}`)
      .set(teller.auth)
      .set('content-type', 'text/csv')
      .send(csv);
  const reconciliation = () =>
    request(api.server)
      .get(`${base()}/bank-accounts/${bankId}/reconciliation?from=2026-11-01&to=2026-11-20`)
      .set(auditor.auth)
      .expect(200);
  const storedLines = async (): Promise<number> => {
    const [row] = await api.app
      .get(TransactionScope)
      .run((tx) =>
        tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM bank_statement_line WHERE cooperative_id = $1`,
          [kupang],
        ),
      );
    return row.n;
  };
  /** A journal drafted by the teller and approved by a manager, as a cooperative books one. */
  const journal = async (body: object) => {
    const drafted = await post(teller, '/journals', body)
      .set('Idempotency-Key', `bank-journal-${++keys}`)
      .expect(202);
    const approved = await post(managers[0], `/approvals/${drafted.body.id}/approve`).expect(200);
    return approved.body.result as { voucher: string; entryId: string };
  };

  beforeAll(async () => {
    api = await ApiContext.start();
    kupang = await createCooperative(api.app, 'KSP-BANK');
    teller = await api.person([{ role: 'teller', cooperativeId: kupang }]);
    managers = [
      await api.person([{ role: 'manager', cooperativeId: kupang }]),
      await api.person([{ role: 'manager', cooperativeId: kupang }]),
    ];
    auditor = await api.person([
      { role: 'auditor', cooperativeId: kupang, validUntil: '2099-01-01T00:00:00Z' },
    ]);
    // The opening deposit, booked as a cooperative going live would (value date 2 November).
    await api.app.get(TransactionScope).run(async (tx) => {
      const charts = api.app.get(ChartService);
      const bank = await charts.accountByCode(tx, kupang, '1-1201');
      const equity = await charts.accountByCode(tx, kupang, '3-3901');
      const amount = Money.parse('5000000.00', 'IDR');
      await api.app.get(PostingService).post(tx, kupang, {
        description: 'Saldo awal bank',
        source: { type: 'test.opening-balance' },
        valueDate: businessDate('2026-11-02'),
        postings: [
          { accountId: bank.id, amount },
          { accountId: equity.id, amount: amount.negated() },
        ],
      });
    });
  });

  afterAll(() => api.close());

  it('registers the chart’s bank leaf and opens leaves for further accounts, each once', async () => {
    const registered = await post(managers[0], '/bank-accounts', {
      bankName: 'Bank NTT',
      accountNumber: '001.02.03456-7',
      accountName: 'KSP Bank',
      ledgerAccountCode: '1-1201',
    }).expect(201);
    expect(registered.body).toMatchObject({ ledgerAccountCode: '1-1201', currency: 'IDR' });
    bankId = registered.body.id;
    const opened = await post(managers[0], '/bank-accounts', {
      bankName: 'BRI',
      accountNumber: '4455-01-000123-50-9',
      accountName: 'KSP Bank',
    }).expect(201);
    expect(opened.body.ledgerAccountCode).toBe('1-12-0001');
    secondBankId = opened.body.id;
    const again = await post(managers[1], '/bank-accounts', {
      bankName: 'BRI',
      accountNumber: '4455-01-000123-50-9',
      accountName: 'KSP Bank',
    }).expect(409);
    expect(again.body.type).toBe(problem('bank-account-exists'));
    const notBank = await post(managers[0], '/bank-accounts', {
      bankName: 'BNI',
      accountNumber: '123',
      accountName: 'KSP Bank',
      ledgerAccountCode: '1-1101',
    }).expect(422);
    expect(notBank.body.type).toBe(problem('not-a-bank-leaf'));
    const list = await request(api.server)
      .get(`${base()}/bank-accounts`)
      .set(auditor.auth)
      .expect(200);
    expect(list.body.map((b: { ledgerAccountCode: string }) => b.ledgerAccountCode)).toEqual([
      '1-12-0001',
      '1-1201',
    ]);
  });

  it('matches a statement with the postings, by reference first, and lists the rest on both sides', async () => {
    const interest = await journal({
      description: 'Jasa giro Oktober',
      attachmentReference: 'Nota kredit Bank NTT',
      valueDate: '2026-11-05',
      lines: [
        { accountCode: '1-1201', debit: '12000.00', currency: 'IDR' },
        {
          accountCode: '4-2101',
          credit: '12000.00',
          currency: 'IDR',
          counterpartyClass: 'non_member',
        },
      ],
    });
    expect(interest.voucher).toBe('BKM-000001');
    const electricity = await journal({
      description: 'Listrik November',
      attachmentReference: 'PLN 11/2026',
      valueDate: '2026-11-10',
      lines: [
        {
          accountCode: '5-2102',
          debit: '350000.00',
          currency: 'IDR',
          counterpartyClass: 'non_member',
        },
        { accountCode: '1-1201', credit: '350000.00', currency: 'IDR' },
      ],
    });
    expect(electricity.voucher).toBe('BKK-000001');
    const rent = await journal({
      description: 'Sewa kantor, cek 778812',
      attachmentReference: 'Cek 778812',
      valueDate: '2026-11-12',
      lines: [
        {
          accountCode: '5-2103',
          debit: '1000000.00',
          currency: 'IDR',
          counterpartyClass: 'non_member',
        },
        { accountCode: '1-1201', credit: '1000000.00', currency: 'IDR' },
      ],
    });

    const imported = await importCsv(statement).expect(201);
    expect(imported.body).toMatchObject({
      linesInFile: 4,
      linesAdded: 4,
      matched: 3,
      unmatchedLines: 1,
    });

    const report = (await reconciliation()).body;
    expect(
      report.lines.map((l: { description: string; match: { entryId: string } | null }) => [
        l.description,
        l.match?.entryId ?? null,
      ]),
    ).toEqual([
      ['SETORAN AWAL', expect.any(String)],
      ['JASA GIRO', interest.entryId],
      ['TRF PLN, LISTRIK', electricity.entryId],
      ['BIAYA ADM', null],
    ]);
    expect(report.lines[2].match).toMatchObject({ byReference: true, valueDate: '2026-11-10' });
    expect(report.lines[1].match).toMatchObject({ byReference: false, valueDate: '2026-11-05' });
    expect(report.unmatchedLines).toEqual([
      expect.objectContaining({ description: 'BIAYA ADM', amount: '-6500.00', reference: null }),
    ]);
    expect(report.unmatchedPostings).toEqual([
      expect.objectContaining({
        entryId: rent.entryId,
        amount: '-1000000.00',
        valueDate: '2026-11-12',
        voucher: rent.voucher,
      }),
    ]);
    expect(report).toMatchObject({ bookBalance: '3662000.00', statementBalance: '4655500.00' });
  });

  it('imports the same statement again without adding a line, and an overlapping one adds only the new', async () => {
    const again = await importCsv(statement).expect(201);
    expect(again.body).toMatchObject({ linesAdded: 0, matched: 0, unmatchedLines: 1 });
    expect(await storedLines()).toBe(4);
    const overlapping = await importCsv(
      [
        'date,description,amount',
        '2026-11-18,BIAYA ADM,-6500.00',
        '2026-11-19,BIAYA SMS BANKING,-1000.00',
        '2026-11-19,BIAYA SMS BANKING,-1000.00',
      ].join('\n'),
    ).expect(201);
    // The 18 November line is the one imported before: only the two SMS charges are new.
    expect(overlapping.body).toMatchObject({ linesInFile: 3, linesAdded: 2, unmatchedLines: 3 });
    expect(await storedLines()).toBe(6);
  });

  it('matches lines booked later when asked again', async () => {
    for (const [date, amount, what] of [
      ['2026-11-18', '6500.00', 'Biaya administrasi'],
      ['2026-11-19', '1000.00', 'Biaya SMS'],
      ['2026-11-19', '1000.00', 'Biaya SMS'],
    ]) {
      await journal({
        description: what,
        attachmentReference: 'Rekening koran Bank NTT 11/2026',
        valueDate: date,
        lines: [
          {
            accountCode: '5-2107',
            debit: amount,
            currency: 'IDR',
            counterpartyClass: 'non_member',
          },
          { accountCode: '1-1201', credit: amount, currency: 'IDR' },
        ],
      });
    }
    const matched = await post(teller, `/bank-accounts/${bankId}/matching`).expect(200);
    expect(matched.body).toEqual({ matched: 3, unmatchedLines: 0 });
    const report = (await reconciliation()).body;
    expect(report.unmatchedLines).toEqual([]);
    expect(report.unmatchedPostings.map((p: { amount: string }) => p.amount)).toEqual([
      '-1000000.00',
    ]);
  });

  it('reports bad rows one by one and imports nothing of the file', async () => {
    const before = await storedLines();
    const bad = await importCsv(
      [
        'date,description,amount,reference,balance',
        '2026-11-19,OK,-1.00,,',
        '2026-11-19,,-1.00,,',
        '19/11/2026,BAD DATE,-1.00,,',
        '2026-11-19,BAD AMOUNT,"-1,00",,',
      ].join('\n'),
    ).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.rows).toEqual([
      { line: 3, errors: [{ field: 'description', message: '1 to 500 characters' }] },
      { line: 4, errors: [{ field: 'date', message: 'a date YYYY-MM-DD' }] },
      {
        line: 5,
        errors: [
          { field: 'amount', message: 'must be a decimal string without exponent, e.g. "1250.00"' },
        ],
      },
    ]);
    expect(await storedLines()).toBe(before);
    await importCsv('date,description,amount\n2026-11-19,X,-1\n', '?toleranceDays=11').expect(400);
    await request(api.server)
      .get(`${base()}/bank-accounts/${bankId}/reconciliation?from=2026-11-20&to=2026-11-01`)
      .set(auditor.auth)
      .expect(400);
  });

  it('stores and matches each line once when the same statement is imported twice at once', async () => {
    const transfer = await journal({
      description: 'Pindah buku Bank NTT ke BRI',
      attachmentReference: 'Slip pemindahbukuan 0042',
      lines: [
        { accountCode: '1-12-0001', debit: '100000.00', currency: 'IDR' },
        { accountCode: '1-1201', credit: '100000.00', currency: 'IDR' },
      ],
    });
    const csv = 'date,description,amount,reference\n2026-11-20,PINDAH BUKU,100000.00,0042\n';
    const imports = await Promise.all(
      [0, 1].map(() =>
        request(api.server)
          .post(`${base()}/bank-accounts/${secondBankId}/statements`)
          .set(managers[1].auth)
          .set('content-type', 'text/csv')
          .send(csv),
      ),
    );
    expect(imports.map((res) => res.status)).toEqual([201, 201]);
    expect(imports.map((res) => [res.body.linesAdded, res.body.matched]).sort()).toEqual([
      [0, 0],
      [1, 1],
    ]);
    const report = await request(api.server)
      .get(`${base()}/bank-accounts/${secondBankId}/reconciliation?from=2026-11-20&to=2026-11-20`)
      .set(auditor.auth)
      .expect(200);
    expect(report.body.lines).toEqual([
      expect.objectContaining({
        description: 'PINDAH BUKU',
        match: expect.objectContaining({ entryId: transfer.entryId, byReference: true }),
      }),
    ]);
    expect(report.body).toMatchObject({ unmatchedPostings: [], bookBalance: '100000.00' });
  });
});
