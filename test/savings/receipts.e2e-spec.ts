import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { connectAs } from '../support/postgres';
import { expectSoundPdf } from '../support/pdf';
import { SavingsFixture } from '../support/savings-fixture';

interface ReceiptLine {
  operation: string;
  accountId: string;
  accountNumber: string;
  kind: string;
  direction: 'in' | 'out';
  amount: string;
  cash: boolean;
  balanceAfter: string;
}

describe('receipts over HTTP', () => {
  let api: ApiContext;
  let coop: string;
  let otherCoop: string;
  let fx: SavingsFixture;
  let managers: readonly Person[];
  let teller: Person;
  let auditor: Person;
  let outsider: Person;

  const receipt = (number: string, person: Person = teller, query = '') =>
    fx.get(`receipts/${number}${query}`, person);

  const deposit = async (accountId: string, amount: string) =>
    (
      await fx
        .post(`savings-accounts/${accountId}/deposits`, teller, {
          amount,
          currency: 'IDR',
        })
        .expect(201)
    ).body as { receiptNumber: string; balanceAfter: string; accountNumber: string };

  const saver = () => fx.saver('Anggota Kuitansi');

  const changeSettings = (cashRoundingUnit: string | null) =>
    fx.fourEyes('savings-settings', {
      tellerLimit: null,
      cashReportThreshold: '500000000.00',
      cashRoundingUnit,
    });

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-RECEIPTS');
    otherCoop = await createCooperative(api.app, 'KSP-RECEIPTS-B');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    ({ managers, teller } = await fx.hireStaff());
    auditor = await fx.hireAuditor();
    outsider = await api.person([{ role: 'teller', cooperativeId: otherCoop }]);
    await fx.standardProducts('pokok', 'wajib', 'sukarela');
    await fx.openTill(teller, '30000000.00').expect(201);
  });

  afterEach(() => fx.expectInvariants());

  afterAll(() => api.close());

  it('looks a deposit up by its receipt number: amount, balance after, member and teller', async () => {
    const { memberId, memberNumber, fullName, sukarela } = await saver();
    await deposit(sukarela, '200000.00');
    const made = await deposit(sukarela, '1234567.00');
    expect(made.balanceAfter).toBe('1434567.00');

    const res = await receipt(made.receiptNumber).expect(200);
    expect(res.body).toMatchObject({
      receiptNumber: made.receiptNumber,
      cooperative: { id: coop, code: 'KSP-RECEIPTS' },
      businessDate: '2026-11-20',
      teller: { id: teller.userId, username: teller.username },
      member: { id: memberId, memberNumber, fullName },
      currency: 'IDR',
      lines: [
        {
          operation: 'deposit',
          accountId: sukarela,
          accountNumber: made.accountNumber,
          kind: 'sukarela',
          direction: 'in',
          amount: '1234567.00',
          cash: true,
          balanceAfter: '1434567.00',
        },
      ],
      totalIn: '1234567.00',
      totalOut: '0.00',
      cash: { direction: 'in', amount: '1234567.00' },
      reversed: false,
      copy: true,
      lang: 'id',
    });
    expect(Date.parse(res.body.recordedAt)).not.toBeNaN();
    expect(Date.parse(res.body.printedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.recordedAt));
    // Reading moves nothing: the balance is as the deposit left it.
    const live = await fx.get(`savings-accounts/${sukarela}`, teller).expect(200);
    expect(live.body.balance).toBe('1434567.00');
  });

  it('prints the receipt as a small Courier PDF that says it is a copy', async () => {
    const { sukarela } = await saver();
    const made = await deposit(sukarela, '500000.00');
    const res = await receipt(made.receiptNumber, teller, '?format=pdf')
      .responseType('blob')
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="receipt-KSP-RECEIPTS-${made.receiptNumber}.pdf"`,
    );
    const text = expectSoundPdf(res.body as Buffer);
    expect(text).toContain('/MediaBox [0 0 298 420]');
    expect(text).toContain('/BaseFont /Courier /Encoding /WinAnsiEncoding');
    expect(text).toContain('KUITANSI SIMPANAN');
    expect(text).toContain('*** SALINAN ***');
    expect(text).toMatch(new RegExp(`\\(No\\. kuitansi +${made.receiptNumber}\\) Tj`));
    expect(text).toMatch(/\(Masuk +Rp500\.000,00\) Tj/);
    expect(text).toMatch(/\(Saldo +Rp500\.000,00\) Tj/);
    expect(text).toMatch(new RegExp(`\\(Kasir +${teller.username.replace(/\./g, '\\.')}\\) Tj`));

    const english = await receipt(made.receiptNumber, auditor, '?format=pdf&lang=en')
      .responseType('blob')
      .expect(200);
    const englishText = expectSoundPdf(english.body as Buffer);
    expect(englishText).toContain('*** COPY ***');
    expect(englishText).toMatch(/\(In +IDR 500,000\.00\) Tj/);
    expect(englishText).toContain('(Cash deposit) Tj');
  });

  it('shows both accounts of a transfer, and no cash across the counter', async () => {
    const { memberId, sukarela } = await saver();
    const second = await fx.account(memberId, 'sukarela');
    await deposit(sukarela, '300000.00');
    const moved = await fx
      .post('savings-transfers', teller, {
        fromAccountId: sukarela,
        toAccountId: second,
        amount: '120000.00',
        currency: 'IDR',
      })
      .expect(201);
    const res = await receipt(moved.body.receiptNumber, teller, '?lang=en').expect(200);
    expect(
      (res.body.lines as ReceiptLine[]).map((l) => [
        l.operation,
        l.accountId,
        l.direction,
        l.amount,
        l.cash,
        l.balanceAfter,
      ]),
    ).toEqual([
      ['transfer-out', sukarela, 'out', '120000.00', false, '180000.00'],
      ['transfer-in', second, 'in', '120000.00', false, '120000.00'],
    ]);
    expect(res.body).toMatchObject({
      totalIn: '120000.00',
      totalOut: '120000.00',
      cash: { direction: 'none', amount: '0.00' },
      lang: 'en',
    });
    const pdf = await receipt(moved.body.receiptNumber, teller, '?format=pdf&lang=en')
      .responseType('blob')
      .expect(200);
    const text = expectSoundPdf(pdf.body as Buffer);
    expect(text).toContain('(Transfer out) Tj');
    expect(text).toContain('(Transfer in) Tj');
    expect(text).toContain(moved.body.fromAccountNumber);
    expect(text).toContain(moved.body.toAccountNumber);
    expect(text).toMatch(/\(Non-cash +-\) Tj/);
  });

  it("shows an exit's every movement with the balance after each, and the cash paid out", async () => {
    const { memberId, sukarela } = await saver();
    await deposit(sukarela, '400000.00');
    const wajib = await fx.account(memberId, 'wajib');
    // Joined in August: with one month paid, September to November (today) are in arrears.
    await connectAs(api.db.ownerUrl, (client) =>
      client.query(
        `UPDATE savings_account SET opened_on = '2026-08-03' WHERE cooperative_id = $1 AND id = $2`,
        [coop, wajib],
      ),
    );
    await fx.post(`savings-accounts/${wajib}/wajib-collections`, teller, { months: 1 }).expect(201);
    const asked = await fx
      .post(`members/${memberId}/exit`, teller, {
        reason: 'exit',
        note: 'Pindah ke Dili',
      })
      .expect(202);
    const done = await fx.approve(asked.body.id, managers[0]).expect(200);
    const res = await receipt(done.body.result.receiptNumber as string, auditor).expect(200);
    expect(
      (res.body.lines as ReceiptLine[]).map((l) => [
        l.operation,
        l.kind,
        l.direction,
        l.amount,
        l.balanceAfter,
      ]),
    ).toEqual([
      // Arrears first: out of voluntary savings, into wajib; then every account pays out.
      ['exit-settlement', 'sukarela', 'out', '150000.00', '250000.00'],
      ['exit-settlement', 'wajib', 'in', '150000.00', '200000.00'],
      ['exit-payout', 'pokok', 'out', '100000.00', '0.00'],
      ['exit-payout', 'sukarela', 'out', '250000.00', '0.00'],
      ['exit-payout', 'wajib', 'out', '200000.00', '0.00'],
    ]);
    expect(res.body).toMatchObject({
      teller: { id: teller.userId, username: teller.username },
      approvalId: asked.body.id,
      totalIn: '150000.00',
      totalOut: '700000.00',
      cash: { direction: 'out', amount: '550000.00' },
    });
  });

  it('reads the cash handed over from the till, after cash rounding', async () => {
    const { sukarela } = await saver();
    await changeSettings('100.00');
    try {
      const made = await deposit(sukarela, '150049.00');
      const res = await receipt(made.receiptNumber).expect(200);
      expect(res.body.lines[0]).toMatchObject({ amount: '150049.00', balanceAfter: '150049.00' });
      expect(res.body.cash).toEqual({ direction: 'in', amount: '150000.00' });
    } finally {
      await changeSettings(null);
    }
  });

  it('answers 404 for unknown and malformed numbers and refuses bad queries', async () => {
    const { sukarela } = await saver();
    const made = await deposit(sukarela, '1000.00');
    for (const number of [
      String(Number(made.receiptNumber) + 1000),
      '0',
      '-1',
      '007',
      '1.5',
      'abc',
      '99999999999999999999999',
    ]) {
      const res = await receipt(number).expect(404);
      expect({ number, type: res.body.type, resource: res.body.resource }).toEqual({
        number,
        type: expect.stringMatching(/not-found$/),
        resource: 'receipt',
      });
    }
    const badFormat = await receipt(made.receiptNumber, teller, '?format=csv').expect(400);
    expect(badFormat.body.errors[0].field).toBe('format');
    await receipt(made.receiptNumber, teller, '?lang=fr').expect(400);
  });

  it('lets every reader read receipts, and hides them from other cooperatives', async () => {
    const { sukarela } = await saver();
    const made = await deposit(sukarela, '2000.00');
    await receipt(made.receiptNumber, auditor).expect(200);
    await receipt(made.receiptNumber, managers[0]).expect(200);
    const hidden = await receipt(made.receiptNumber, outsider).expect(404);
    expect(hidden.body.resource).toBe('cooperative');
    // The outsider's own cooperative numbers its own receipts: this one is not among them.
    const elsewhere = await new SavingsFixture(api, otherCoop)
      .get(`receipts/${made.receiptNumber}`, outsider)
      .expect(404);
    expect(elsewhere.body.resource).toBe('receipt');
  });
});
