import { TransactionScope } from '@lumbung/database';
import { ChartService } from '@lumbung/ledger';
import request from 'supertest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beancountBalances, hledgerBalances } from '../exports/ledger-tools';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;

const bankCharges = {
  description: 'Biaya administrasi bank November',
  attachmentReference: 'Rekening koran BRI 11/2026; hal. "3" #A',
  lines: [
    { accountCode: '5-2107', debit: '25000.00', currency: 'IDR', counterpartyClass: 'non_member' },
    { accountCode: '1-1201', credit: '25000.00', currency: 'IDR' },
  ],
};
const depreciation = (amount: string) => ({
  description: 'Penyusutan peralatan kantor',
  attachmentReference: 'Daftar aset tetap 2026',
  lines: [
    { accountCode: '5-2106', debit: amount, currency: 'IDR', counterpartyClass: 'non_member' },
    { accountCode: '1-2109', credit: amount, currency: 'IDR' },
  ],
});
const bankInterest = (amount: string) => ({
  description: 'Jasa giro',
  attachmentReference: 'Nota kredit BRI',
  lines: [
    { accountCode: '1-1201', debit: amount, currency: 'IDR' },
    { accountCode: '4-2101', credit: amount, currency: 'IDR', counterpartyClass: 'non_member' },
  ],
});

describe('manual journals: drafted, approved by another manager, posted with gap-free vouchers', () => {
  let api: ApiContext;
  let kupang: string;
  let teller: Person;
  let managers: Person[];
  let admin: Person;
  let auditor: Person;
  let keys = 0;

  const base = () => `/cooperatives/${kupang}`;
  const draft = (person: Person, body: object, key = `journal-${++keys}`) =>
    request(api.server)
      .post(`${base()}/journals`)
      .set(person.auth)
      .set('Idempotency-Key', key)
      .send(body);
  const approve = (person: Person, id: string) =>
    request(api.server).post(`${base()}/approvals/${id}/approve`).set(person.auth).send({});
  const get = (path: string, person: Person) =>
    request(api.server).get(`${base()}${path}`).set(person.auth);
  const count = async (sql: string): Promise<number> => {
    const [row] = await api.app
      .get(TransactionScope)
      .run((tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, [kupang]));
    return row.n;
  };
  const written = async () => ({
    journals: await count(`FROM manual_journal WHERE cooperative_id = $1`),
    requests: await count(`FROM approval_request WHERE cooperative_id = $1`),
    entries: await count(`FROM journal_entry WHERE cooperative_id = $1`),
  });

  beforeAll(async () => {
    api = await ApiContext.start();
    kupang = await createCooperative(api.app, 'KSP-JOURNALS');
    await fundVault(api.app, kupang, '10000000.00');
    teller = await api.person([{ role: 'teller', cooperativeId: kupang }]);
    managers = [];
    for (let i = 0; i < 2; i++) {
      managers.push(await api.person([{ role: 'manager', cooperativeId: kupang }]));
    }
    admin = await api.person([{ role: 'admin' }]);
    auditor = await api.person([
      { role: 'auditor', cooperativeId: kupang, validUntil: '2099-01-01T00:00:00Z' },
    ]);
  });

  afterAll(() => api.close());

  it('posts a teller’s journal only when a manager approves it, as BKK with its attachment', async () => {
    const before = await written();
    const drafted = await draft(teller, bankCharges).expect(202);
    expect(drafted.body).toMatchObject({
      status: 'pending',
      voucherType: 'BKK',
      voucher: null,
      totalDebit: '25000.00',
      approvalRequestId: drafted.body.id,
    });
    expect((await written()).entries).toBe(before.entries);

    const replay = await draft(teller, bankCharges, `journal-${keys}`).expect(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(drafted.body.id);

    const approved = await approve(managers[0], drafted.body.id).expect(200);
    expect(approved.body).toMatchObject({ status: 'executed', result: { voucher: 'BKK-000001' } });
    const journal = await get(`/journals/${drafted.body.id}`, auditor).expect(200);
    expect(journal.body).toMatchObject({
      status: 'posted',
      voucher: 'BKK-000001',
      postedOn: '2026-11-20',
    });
    const entry = await get(`/entries/${journal.body.entryId}`, auditor).expect(200);
    expect(entry.body).toMatchObject({
      valueDate: '2026-11-20',
      source: { type: 'ledger.manual-journal', id: drafted.body.id },
      voucher: { series: 'BKK', number: '1' },
    });
    expect(entry.body.postings.map((p: { amount: string; memo: string }) => p.memo)).toEqual([
      bankCharges.attachmentReference,
      bankCharges.attachmentReference,
    ]);
    const audit = await count(
      `FROM audit_log WHERE cooperative_id = $1 AND action LIKE 'ledger.manual-journal.%'`,
    );
    expect(audit).toBe(2);
  });

  it('refuses self-approval and an admin’s approval, leaving the journal unposted', async () => {
    const drafted = await draft(managers[0], depreciation('150000.00')).expect(202);
    const before = await written();
    const own = await approve(managers[0], drafted.body.id).expect(403);
    expect(own.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(own.body.type).toBe(problem('self-approval'));
    // A platform admin sees only role grants in a cooperative's queue: money is not theirs.
    const byAdmin = await approve(admin, drafted.body.id).expect(404);
    expect(byAdmin.body.type).toBe(problem('not-found'));
    expect(await written()).toEqual(before);
    await get(`/journals/${drafted.body.id}`, auditor)
      .expect(200)
      .expect((res) => {
        expect(res.body.status).toBe('pending');
      });
    const approved = await approve(managers[1], drafted.body.id).expect(200);
    expect(approved.body.result.voucher).toBe('BM-000001');
  });

  it('refuses unbalanced lines, member accounts, control accounts and closed months, writing nothing', async () => {
    const memberLeaf = await api.app.get(TransactionScope).run(async (tx) => {
      const charts = api.app.get(ChartService);
      const heading = await charts.accountByCode(tx, kupang, '2-1');
      return charts.openLeaf(tx, kupang, {
        parentId: heading.id,
        code: '2-1-000001',
        name: 'Tabungan Sukarela 000001',
        currency: 'IDR',
        floor: '0',
        holder: 'member',
      });
    });
    await request(api.server)
      .post(`${base()}/periods/2026-10/close`)
      .set(managers[0].auth)
      .expect(200);
    const before = await written();

    const unbalanced = await draft(teller, {
      ...bankCharges,
      lines: [bankCharges.lines[0], { ...bankCharges.lines[1], credit: '24000.00' }],
    }).expect(400);
    expect(unbalanced.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unbalanced.body.errors).toEqual([
      { field: 'lines', message: 'IDR debits and credits differ by 1000.00' },
    ]);

    const toMember = await draft(teller, {
      ...bankCharges,
      lines: [bankCharges.lines[0], { ...bankCharges.lines[1], accountCode: memberLeaf.code }],
    }).expect(422);
    expect(toMember.body).toMatchObject({
      type: problem('journal-account-refused'),
      refusal: 'member-account',
      field: 'lines[1].accountCode',
    });

    for (const [code, refusal] of [
      ['1-15', 'not-a-leaf'],
      ['5-1103', 'control-account'],
      ['9-1102', 'memorandum-account'],
    ]) {
      const refused = await draft(teller, {
        ...bankCharges,
        lines: [{ ...bankCharges.lines[0], accountCode: code }, bankCharges.lines[1]],
      }).expect(422);
      expect(refused.body.refusal).toBe(refusal);
    }

    const closed = await draft(teller, { ...bankCharges, valueDate: '2026-10-31' }).expect(422);
    expect(closed.body).toMatchObject({ type: problem('period-closed'), month: '2026-10' });
    const future = await draft(teller, { ...bankCharges, valueDate: '2026-11-21' }).expect(400);
    expect(future.body.errors[0].field).toBe('valueDate');
    const noCounterparty = await draft(teller, {
      ...bankCharges,
      lines: [{ ...bankCharges.lines[0], counterpartyClass: undefined }, bankCharges.lines[1]],
    }).expect(400);
    expect(noCounterparty.body.errors[0].field).toBe('lines[0].counterpartyClass');

    expect(await written()).toEqual(before);
  });

  it('back-dates inside an open month through the same approval, and not once the month closed', async () => {
    const backDated = await draft(teller, {
      ...bankInterest('12000.00'),
      valueDate: '2026-11-05',
    }).expect(202);
    expect(backDated.body).toMatchObject({ valueDate: '2026-11-05', voucherType: 'BKM' });
    const asked = await get(`/approvals/${backDated.body.id}`, auditor).expect(200);
    expect(asked.body.summary).toContain('value date 2026-11-05');
    await approve(managers[0], backDated.body.id).expect(200);
    const journal = await get(`/journals/${backDated.body.id}`, auditor).expect(200);
    const entry = await get(`/entries/${journal.body.entryId}`, auditor).expect(200);
    expect(entry.body).toMatchObject({ valueDate: '2026-11-05', postingDate: '2026-11-20' });

    // Drafted while October was open (reopened), approved after it closed again: refused, pending.
    const reopen = await request(api.server)
      .post(`${base()}/periods/2026-10/reopen`)
      .set(managers[0].auth)
      .send({ reason: 'late bill' })
      .expect(202);
    await approve(managers[1], reopen.body.id).expect(200);
    const late = await draft(teller, { ...bankCharges, valueDate: '2026-10-30' }).expect(202);
    await request(api.server)
      .post(`${base()}/periods/2026-10/close`)
      .set(managers[0].auth)
      .expect(200);
    const entries = (await written()).entries;
    const refused = await approve(managers[0], late.body.id).expect(422);
    expect(refused.body.type).toBe(problem('period-closed'));
    expect((await written()).entries).toBe(entries);
    await get(`/journals/${late.body.id}`, auditor)
      .expect(200)
      .expect((res) => {
        expect(res.body.status).toBe('pending');
      });
  });

  it('spends no voucher number on an approval the ledger refuses', async () => {
    const cashOut = (amount: string) => ({
      description: 'Honor pengawas',
      attachmentReference: 'Kuitansi 2026/11/07',
      lines: [
        { accountCode: '5-2101', debit: amount, currency: 'IDR', counterpartyClass: 'member' },
        { accountCode: '1-1101', credit: amount, currency: 'IDR' },
      ],
    });
    const tooMuch = await draft(teller, cashOut('20000000.00')).expect(202);
    const refused = await approve(managers[0], tooMuch.body.id).expect(422);
    expect(refused.body.type).toBe(problem('insufficient-funds'));
    await get(`/journals/${tooMuch.body.id}`, auditor)
      .expect(200)
      .expect((res) => expect(res.body.status).toBe('pending'));
    const paid = await draft(teller, cashOut('750000.00')).expect(202);
    const approved = await approve(managers[0], paid.body.id).expect(200);
    expect(approved.body.result.voucher).toBe('BKK-000002');
  });

  it('exports its journals, vouchers and attachment references as hledger and bean-check accept them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lumbung-journals-'));
    try {
      for (const [format, read] of [
        ['hledger', hledgerBalances],
        ['beancount', beancountBalances],
      ] as const) {
        const res = await request(api.server)
          .get(`${base()}/ledger-export`)
          .query({ from: '2026-11-01', to: '2026-11-20', format })
          .set(auditor.auth)
          .buffer(true)
          .parse((response, done) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => done(null, text));
          })
          .expect(200);
        expect(res.body).toContain('BKK');
        const file = join(dir, `ledger.${format}`);
        await writeFile(file, res.body as string);
        expect((await read(file)).size).toBeGreaterThan(3);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('numbers journals approved at the same moment 1..n per series without gaps', async () => {
    const koepang = await createCooperative(api.app, 'KSP-VOUCHERS');
    await fundVault(api.app, koepang, '10000000.00');
    const [maker, checker] = [
      await api.person([{ role: 'teller', cooperativeId: koepang }]),
      await api.person([{ role: 'manager', cooperativeId: koepang }]),
    ];
    const kinds = [depreciation('1000.00'), bankInterest('2000.00'), bankCharges];
    const drafted: string[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await request(api.server)
        .post(`/cooperatives/${koepang}/journals`)
        .set(maker.auth)
        .set('Idempotency-Key', `concurrent-${i}`)
        .send(kinds[i % 3])
        .expect(202);
      drafted.push(res.body.id);
    }
    const approvals = await Promise.all(
      drafted.map((id) =>
        request(api.server)
          .post(`/cooperatives/${koepang}/approvals/${id}/approve`)
          .set(checker.auth)
          .send({}),
      ),
    );
    expect(approvals.map((res) => res.status)).toEqual(drafted.map(() => 200));
    const vouchers = approvals.map((res) => res.body.result.voucher as string);
    for (const series of ['BM', 'BKM', 'BKK']) {
      const numbers = vouchers
        .filter((v) => v.startsWith(`${series}-`))
        .map((v) => Number(v.slice(series.length + 1)))
        .sort((a, b) => a - b);
      expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });
});
