import { uuidv7 } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import request from 'supertest';
import { ApiContext } from '../support/api-context';
import { createCooperative, fundVault, kspNamed } from '../support/cooperatives';
import { crossBorderViolations, noCrossBorderViolations } from '../support/cross-border-invariants';
import { annuityTerms, CrossBorderFixture, expectProblem } from '../support/cross-border-fixture';
import { ownerRows } from '../support/eod-fixture';
import { connectAs } from '../support/postgres';

/**
 * The KSP in Kupang and its partner in Dili both keep their books on Lumbung: each books its own
 * side of every drawdown and repayment, in its own transaction, under one settlement id, and the
 * reconciliation report pairs the two books: matched, unmatched, mismatched.
 */
describe('settlement between two cooperatives on Lumbung, reconciled', () => {
  let api: ApiContext;
  let kupang: string;
  let dili: string;
  let kb: CrossBorderFixture;
  let db: CrossBorderFixture;
  /** Dili as Kupang's partner, and Kupang as Dili's. */
  let diliPartner: string;
  let kupangPartner: string;
  let facilityId: string;
  const settlementIds: string[] = [];

  const sql = <T>(text: string, params: unknown[] = []) => ownerRows<T>(api, text, params);
  const move = (fx: CrossBorderFixture, suffix: string, body: object, key = uuidv7()) =>
    request(api.server)
      .post(fx.path(suffix))
      .set(fx.managers[0].auth)
      .set('Idempotency-Key', key)
      .send(body);
  const reconciliation = async (fx: CrossBorderFixture, partnerId: string) =>
    (await fx.get(`settlements/reconciliation?partnerId=${partnerId}`).expect(200)).body;
  const postingsOf = (cooperativeId: string, entryId: string) =>
    sql<{ code: string; currency: string; amount: string }>(
      `SELECT a.code, p.currency::text, p.amount::text
         FROM posting p JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
        WHERE p.cooperative_id = $1 AND p.entry_id = $2 ORDER BY p.line_no`,
      [cooperativeId, entryId],
    );
  const footprint = async () => ({
    kupang: await kb.footprint(),
    dili: await db.footprint(),
    settlements:
      (await kb.count('cross_border_settlement')) + (await db.count('cross_border_settlement')),
    entries: (await kb.count('journal_entry')) + (await db.count('journal_entry')),
  });
  const kupangOwes = (overrides: object = {}) => ({
    country: 'ID',
    legalName: 'Koperasi Simpan Pinjam Flobamora Kupang',
    registryNumber: 'AHU-0012345.AH.01.26',
    functionalCurrency: 'IDR',
    officers: [{ fullName: 'Yohanes Ndun', position: 'Ketua' }],
    ...overrides,
  });

  beforeAll(async () => {
    api = await ApiContext.start();
    kupang = await createCooperative(api.app, 'KSP-KUPANG-SET');
    await fundVault(api.app, kupang, '20000000000.00');
    dili = (
      await api.app.get(TransactionScope).run((tx) =>
        api.app.get(CooperativeService).create(
          tx,
          kspNamed('COOP-DILI-SET', {
            country: 'TL',
            functionalCurrency: 'USD',
            timeZone: 'Asia/Dili',
          }),
        ),
      )
    ).id;
    kb = new CrossBorderFixture(api, kupang);
    db = new CrossBorderFixture(api, dili);
    await kb.hireStaff();
    await db.hireStaff();
    diliPartner = await kb.partner({ lumbungCooperativeId: dili });
    kupangPartner = await db.partner(kupangOwes({ lumbungCooperativeId: kupang }));
    const agreement = await kb.agreement(diliPartner);
    await kb.rate('USD', 'IDR', '16000');
    await kb.limit({ scope: 'partner', partnerId: diliPartner, amount: '2000000000.00' });
    await kb.limit({ scope: 'country', country: 'TL', amount: '3000000000.00' });
    await kb.fourEyes('cross-border-settings', { supervisorThreshold: '5000000000.00' });
    const requested = (
      await kb
        .post('facilities', kb.managers[0], {
          partnerId: diliPartner,
          agreementId: agreement,
          currency: 'USD',
          limit: '100000.00',
          instalments: 12,
          terms: annuityTerms,
          purpose: 'Modal kerja petani kopi anggota koperasi mitra',
          sector: 'agriculture',
          commodity: 'coffee',
        })
        .expect(201)
    ).body;
    facilityId = requested.id;
    await kb.approve(requested.approvalRequestId, kb.managers[1]).expect(200);
    await kb.approve(requested.approvalRequestId, kb.managers[2]).expect(200);
  });

  afterEach(async () => {
    await kb.expectLedgerIntact();
    await db.expectLedgerIntact();
    await connectAs(api.db.ownerUrl, async (owner) => {
      for (const coop of [kupang, dili]) {
        expect(await crossBorderViolations(owner, coop)).toEqual(noCrossBorderViolations);
      }
    });
  });

  afterAll(() => api.close());

  it('links a partner only to the cooperative it is on Lumbung, once', async () => {
    const before = await footprint();
    const link = async (body: object) =>
      (
        expectProblem(
          await kb.post('partners', kb.managers[0], {
            ...body,
            registryNumber: `TL-${uuidv7().slice(-8)}`,
          }),
          400,
          'invalid-input',
        ) as { errors: unknown[] }
      ).errors;
    expect(await link({ ...diliPartnerBody(), lumbungCooperativeId: uuidv7() })).toEqual([
      { field: 'lumbungCooperativeId', message: 'a cooperative on Lumbung' },
    ]);
    expect(await link({ ...diliPartnerBody(), lumbungCooperativeId: kupang })).toEqual([
      { field: 'lumbungCooperativeId', message: 'another cooperative than this one' },
    ]);
    expect(
      await link({ ...diliPartnerBody(), functionalCurrency: 'MYR', lumbungCooperativeId: dili }),
    ).toEqual([
      {
        field: 'lumbungCooperativeId',
        message: 'a cooperative keeping its books in MYR, not USD',
      },
    ]);
    expectProblem(
      await request(api.server)
        .patch(kb.path(`partners/${diliPartner}`))
        .set(kb.managers[0].auth)
        .send({ lumbungCooperativeId: kupang }),
      409,
      'partner-already-linked',
    );
    expect(await footprint()).toEqual(before);
  });

  it('books the lender’s side with the drawdown; the partner books its own with that id', async () => {
    const drawn = (
      await move(kb, `facilities/${facilityId}/drawdowns`, {
        amount: '60000.00',
        currency: 'USD',
      }).expect(201)
    ).body;
    const settlementId = drawn.settlementId as string;
    expect(settlementId).toMatch(/^[0-9a-f-]{36}$/);
    settlementIds.push(settlementId);

    // Only Kupang's side so far: each book sees the other's missing.
    expect(await reconciliation(kb, diliPartner)).toMatchObject({
      counterpartCooperativeId: dili,
      counts: { matched: 0, mismatched: 0, unmatched: 1 },
      items: [{ settlementId, status: 'unmatched', missingIn: 'theirs' }],
    });
    expect(await reconciliation(db, kupangPartner)).toMatchObject({
      items: [{ settlementId, status: 'unmatched', missingIn: 'ours' }],
    });

    const key = uuidv7();
    const body = {
      settlementId,
      partnerId: kupangPartner,
      kind: 'drawdown',
      amount: '60000.00',
      currency: 'USD',
    };
    const booked = (await move(db, 'settlements', body, key).expect(201)).body;
    expect(booked).toMatchObject({
      id: settlementId,
      counterpartCooperativeId: kupang,
      kind: 'drawdown',
      direction: 'in',
      currency: 'USD',
      amount: '60000.00',
    });
    expect(await postingsOf(dili, booked.entryId)).toEqual([
      { code: '1-1201', currency: 'USD', amount: '60000.00' },
      { code: '2-4-0001', currency: 'USD', amount: '-60000.00' },
    ]);
    const replay = await move(db, 'settlements', body, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expectProblem(await move(db, 'settlements', body), 409, 'settlement-exists');

    for (const [fx, partner] of [
      [kb, diliPartner],
      [db, kupangPartner],
    ] as const) {
      expect(await reconciliation(fx, partner)).toMatchObject({
        counts: { matched: 1, mismatched: 0, unmatched: 0 },
        items: [{ settlementId, status: 'matched' }],
      });
    }
    // Never one transaction for both books: each side's entry is in its own cooperative.
    const [kupangSide] = await sql<{ txid: string }>(
      `SELECT e.txid::text FROM cross_border_settlement s
         JOIN journal_entry e ON e.cooperative_id = s.cooperative_id AND e.id = s.entry_id
        WHERE s.cooperative_id = $1 AND s.id = $2`,
      [kupang, settlementId],
    );
    const [diliSide] = await sql<{ txid: string }>(
      `SELECT e.txid::text FROM journal_entry e WHERE e.cooperative_id = $1 AND e.id = $2`,
      [dili, booked.entryId],
    );
    expect(kupangSide.txid).not.toBe(diliSide.txid);
  });

  it('refuses a bad settlement with problem details, writing nothing', async () => {
    const unlinked = await db.partner(kupangOwes({ registryNumber: 'AHU-0099999.AH.01.26' }));
    const before = await footprint();
    const base = {
      settlementId: uuidv7(),
      partnerId: kupangPartner,
      kind: 'repayment',
      amount: '100.00',
      currency: 'USD',
    };
    expectProblem(
      await move(db, 'settlements', { ...base, currency: 'XYZ' }),
      400,
      'invalid-input',
    );
    expectProblem(
      await move(db, 'settlements', { ...base, amount: '-1.00' }),
      400,
      'invalid-input',
    );
    expectProblem(await move(db, 'settlements', { ...base, kind: 'gift' }), 400, 'invalid-input');
    expectProblem(
      await move(db, 'settlements', { ...base, interest: '100.01' }),
      400,
      'invalid-input',
    );
    expectProblem(
      await move(db, 'settlements', { ...base, partnerId: unlinked }),
      422,
      'partner-not-on-lumbung',
    );
    expectProblem(
      await move(db, 'settlements', { ...base, currency: 'IDR' }),
      422,
      'settlement-currency',
    );
    // Dili owes USD 60,000: repaying more than that is refused by the ledger's floor.
    expectProblem(
      await move(db, 'settlements', { ...base, amount: '60000.01' }),
      422,
      'insufficient-funds',
    );
    expect(await footprint()).toEqual(before);
  });

  it('shows a repayment matched, and a side tampered with afterwards as mismatched', async () => {
    const repaid = (
      await move(kb, `facilities/${facilityId}/repayments`, {
        amount: '10000.00',
        currency: 'USD',
      }).expect(201)
    ).body;
    const settlementId = repaid.settlementId as string;
    settlementIds.push(settlementId);
    const booked = (
      await move(db, 'settlements', {
        settlementId,
        partnerId: kupangPartner,
        kind: 'repayment',
        amount: '10000.00',
        currency: 'USD',
      }).expect(201)
    ).body;
    expect(booked).toMatchObject({ direction: 'out', amount: '10000.00' });
    expect(await postingsOf(dili, booked.entryId)).toEqual([
      { code: '2-4-0001', currency: 'USD', amount: '10000.00' },
      { code: '1-1201', currency: 'USD', amount: '-10000.00' },
    ]);
    expect((await reconciliation(kb, diliPartner)).counts).toEqual({
      matched: 2,
      mismatched: 0,
      unmatched: 0,
    });

    // Someone with the owner's keys edits Dili's side past the append-only trigger.
    const tamper = (amount: string) =>
      connectAs(api.db.ownerUrl, async (owner) => {
        await owner.query('BEGIN');
        await owner.query(
          'ALTER TABLE cross_border_settlement DISABLE TRIGGER cross_border_settlement_append_only',
        );
        await owner.query(
          'UPDATE cross_border_settlement SET amount = $3 WHERE cooperative_id = $1 AND id = $2',
          [dili, settlementId, amount],
        );
        await owner.query(
          'ALTER TABLE cross_border_settlement ENABLE TRIGGER cross_border_settlement_append_only',
        );
        await owner.query('COMMIT');
      });
    await tamper('10001.00');
    expect(await reconciliation(kb, diliPartner)).toMatchObject({
      counts: { matched: 1, mismatched: 1, unmatched: 0 },
      items: expect.arrayContaining([
        expect.objectContaining({
          settlementId,
          status: 'mismatched',
          differences: [{ field: 'amount', ours: '10000.00', theirs: '10001.00' }],
        }),
      ]),
    });
    expect(
      (await reconciliation(db, kupangPartner)).items.find(
        (i: { settlementId: string }) => i.settlementId === settlementId,
      ),
    ).toMatchObject({
      status: 'mismatched',
      differences: [{ field: 'amount', ours: '10001.00', theirs: '10000.00' }],
    });
    // Against its own book, the tampered side no longer says what Dili posted.
    await connectAs(api.db.ownerUrl, async (owner) => {
      const found = await crossBorderViolations(owner, dili);
      expect(found.settlementNotAsBooked).toMatchObject([{ id: settlementId, booked: '10000.00' }]);
    });
    await tamper('10000.00');
    expect((await reconciliation(kb, diliPartner)).counts.mismatched).toBe(0);
  });

  it('reads the other book only where both cooperatives linked each other', async () => {
    const sabah = (
      await api.app.get(TransactionScope).run((tx) =>
        api.app.get(CooperativeService).create(
          tx,
          kspNamed('KOP-SABAH-SET', {
            country: 'MY',
            functionalCurrency: 'MYR',
            timeZone: 'Asia/Kuching',
          }),
        ),
      )
    ).id;
    const sabahPartner = await kb.partner({
      country: 'MY',
      legalName: 'Koperasi Rumah Produksi Bersama Rotan Sabah Berhad',
      registryNumber: 'MY-SKM-0042',
      functionalCurrency: 'MYR',
      lumbungCooperativeId: sabah,
    });
    expectProblem(
      await kb.get(`settlements/reconciliation?partnerId=${sabahPartner}`),
      422,
      'partner-link-not-mutual',
    );
    const unlinked = await kb.partner({ registryNumber: 'TL-COOP-2020-0077' });
    expectProblem(
      await kb.get(`settlements/reconciliation?partnerId=${unlinked}`),
      422,
      'partner-not-on-lumbung',
    );
    expectProblem(
      await kb.get(`settlements/reconciliation?partnerId=${uuidv7()}`),
      404,
      'not-found',
    );
    expect(
      (
        await kb
          .get(`settlements/reconciliation?partnerId=${diliPartner}`, kb.supervisor)
          .expect(200)
      ).body.counts,
    ).toEqual({ matched: 2, mismatched: 0, unmatched: 0 });
  });
});

function diliPartnerBody(): object {
  return {
    country: 'TL',
    legalName: 'Cooperativa de Crédito Hadomi Dili',
    functionalCurrency: 'USD',
    officers: [{ fullName: 'Joana da Costa', position: 'Presidente' }],
  };
}
