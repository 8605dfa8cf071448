import { TransactionScope } from '@lumbung/database';
import { MemberDirectory } from '@lumbung/members';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative } from '../support/cooperatives';
import { connectAs } from '../support/postgres';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;
const fieldsOf = (res: request.Response) =>
  (res.body.errors as Array<{ field: string }>).map((e) => e.field);

/** A valid NIK of a woman born 5 July 1990 in Kota Kupang, NTT, with the given serial. */
const nik = (serial: number) => `53710145079${String(serial).padStart(5, '0')}`;

describe('members over HTTP', () => {
  let api: ApiContext;
  let kupang: string;
  let makassar: string;
  let teller: Person;
  let manager: Person;
  let auditor: Person;
  let outsider: Person;

  const members = (cooperativeId: string) => `/cooperatives/${cooperativeId}/members`;
  const register = (person: Person, body: object, cooperativeId = kupang) =>
    request(api.server).post(members(cooperativeId)).set(person.auth).send(body);
  const get = (path: string, person: Person) => request(api.server).get(path).set(person.auth);
  const patch = (path: string, person: Person, body: object) =>
    request(api.server).patch(path).set(person.auth).send(body);
  const put = (path: string, person: Person, body: object) =>
    request(api.server).put(path).set(person.auth).send(body);
  const query = <T>(sql: string, params: unknown[] = []) =>
    api.app.get(TransactionScope).run((tx) => tx.query<T>(sql, params));
  const memberCount = async (cooperativeId: string) =>
    (
      await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM member WHERE cooperative_id = $1`,
        [cooperativeId],
      )
    )[0].n;

  beforeAll(async () => {
    api = await ApiContext.start();
    kupang = await createCooperative(api.app, 'KSP-MEMBERS');
    makassar = await createCooperative(api.app, 'KSP-MEMBERS-MKS');
    teller = await api.person([{ role: 'teller', cooperativeId: kupang }]);
    manager = await api.person([{ role: 'manager', cooperativeId: kupang }]);
    auditor = await api.person([
      { role: 'auditor', cooperativeId: kupang, validUntil: '2099-01-01T00:00:00Z' },
    ]);
    outsider = await api.person([{ role: 'teller', cooperativeId: makassar }]);
  });

  afterAll(() => api.close());

  it('registers an applicant, taking birth date and sex from the NIK, and audits it masked', async () => {
    const res = await register(teller, {
      fullName: ' Maria  da Costa ',
      identity: { type: 'nik', number: nik(1) },
      phone: '0812 3456 7890',
      address: 'Jl. El Tari 5, Oebobo, Kupang',
      businessProfile: { sector: 'agriculture', commodity: 'Chili', province: '53' },
    }).expect(201);
    expect(res.body).toMatchObject({
      cooperativeId: kupang,
      memberNumber: '000001',
      fullName: 'Maria da Costa',
      birthDate: '1990-07-05',
      sex: 'female',
      identity: { type: 'nik', number: nik(1) },
      phone: '081234567890',
      joinDate: '2026-11-20',
      status: 'applicant',
      relatedParty: { flags: [], relatedMemberId: null },
      businessProfile: {
        sector: 'agriculture',
        commodity: 'chili',
        province: '53',
        country: 'ID',
        exportOriented: false,
      },
    });
    expect((await get(`${members(kupang)}/${res.body.id}`, auditor).expect(200)).body).toEqual(
      res.body,
    );
    const [audit] = await query<{ actor_id: string; after: Record<string, unknown> }>(
      `SELECT actor_id, after FROM audit_log WHERE action = 'members.member.register' AND target_id = $1`,
      [res.body.id],
    );
    expect(audit.actor_id).toBe(teller.userId);
    expect(audit.after).toMatchObject({ documentType: 'nik', identityNumber: '************0001' });
    expect(JSON.stringify(audit.after)).not.toContain(nik(1));
  });

  it('numbers members without gaps under concurrency, failed registrations included', async () => {
    const parallel = await createCooperative(api.app, 'KSP-MEMBERS-PAR');
    const clerk = await api.person([{ role: 'teller', cooperativeId: parallel }]);
    const bodies = Array.from({ length: 10 }, (_, i) => ({
      fullName: `Anggota ${i + 1}`,
      identity: { type: 'nik', number: nik(100 + i) },
    }));
    const duplicates = [bodies[2], bodies[7]].map((body) => ({ ...body, fullName: 'Again' }));
    const results = await Promise.all(
      [...bodies, ...duplicates].map((body) => register(clerk, body, parallel)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(10).fill(201), 409, 409]);
    const numbers = results.filter((r) => r.status === 201).map((r) => r.body.memberNumber);
    expect(numbers.sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => String(i + 1).padStart(6, '0')),
    );
  });

  it('refuses a second member with the same document, however the number is written', async () => {
    const mykad = { type: 'mykad', number: '900101-12-5677' };
    const first = await register(teller, { fullName: 'Ahmad bin Ali', identity: mykad }).expect(
      201,
    );
    expect(first.body).toMatchObject({
      identity: { type: 'mykad', number: '900101125677' },
      birthDate: '1990-01-01',
      sex: 'male',
    });
    const again = await register(teller, {
      fullName: 'Ahmad Ali',
      identity: { type: 'mykad', number: '900101125677' },
    }).expect(409);
    expect(again.body.type).toBe(problem('duplicate-identity'));
    await register(outsider, { fullName: 'Ahmad bin Ali', identity: mykad }, makassar).expect(201);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = await memberCount(kupang);
    const [{ last_number: lastNumber }] = await query<{ last_number: string }>(
      `SELECT last_number FROM member_number_sequence WHERE cooperative_id = $1`,
      [kupang],
    );
    const cases: Array<[object, string[]]> = [
      [
        { fullName: 'Siti', identity: { type: 'nik', number: '5371013102900001' } },
        ['identity.number'],
      ],
      [
        { fullName: 'Siti', identity: { type: 'nik', number: '5471014507900001' } },
        ['identity.number'],
      ],
      [
        { fullName: 'Siti', identity: { type: 'mykad', number: '900101-17-5678' } },
        ['identity.number'],
      ],
      [{ fullName: 'Siti', identity: { type: 'tl-idu', number: '12345' } }, ['identity.number']],
      [{ fullName: 'Siti', identity: { type: 'passport', number: 'A1' } }, ['identity.type']],
      [{ fullName: '   ', identity: { type: 'nik', number: nik(2) } }, ['fullName']],
      [{ identity: { type: 'nik', number: nik(2) } }, ['fullName']],
      [{ fullName: 'Siti', identity: { type: 'nik', number: nik(2) }, sex: 'male' }, ['sex']],
      [
        { fullName: 'Siti', identity: { type: 'nik', number: nik(2) }, birthDate: '1990-07-06' },
        ['birthDate'],
      ],
      [
        {
          fullName: 'Siti',
          identity: { type: 'nik', number: nik(2) },
          businessProfile: { sector: 'x' },
        },
        ['businessProfile.sector'],
      ],
      [
        { fullName: 'Siti', identity: { type: 'nik', number: 5371014507900002 } },
        ['identity.number'],
      ],
      [
        { fullName: 'Siti', identity: { type: 'nik', number: nik(2) }, status: 'active' },
        ['status'],
      ],
    ];
    for (const [body, fields] of cases) {
      const res = await register(teller, body).expect(400);
      expect(res.body.type).toBe(problem('invalid-input'));
      expect([...new Set(fieldsOf(res))]).toEqual(fields);
    }
    const missing = await register(teller, { fullName: 'Siti' }).expect(400);
    expect(fieldsOf(missing)).toContain('identity');
    expect(await memberCount(kupang)).toBe(before);
    const [after] = await query<{ last_number: string }>(
      `SELECT last_number FROM member_number_sequence WHERE cooperative_id = $1`,
      [kupang],
    );
    expect(after.last_number).toBe(lastNumber);
  });

  it('finds members by part of a name, member number or identity number, page by page', async () => {
    await register(teller, { fullName: 'Yohana Costa', identity: { type: 'nik', number: nik(3) } });
    await register(teller, {
      fullName: 'Joaquim 100% Soares',
      identity: { type: 'tl-bilhete', number: ' BI  004/1998 ' },
    }).expect(201);
    const search = async (params: Record<string, string | number>) =>
      (await get(members(kupang), auditor).query(params).expect(200)).body as {
        items: Array<{ fullName: string; memberNumber: string }>;
        next: string | null;
      };
    const names = (page: { items: Array<{ fullName: string }> }) =>
      page.items.map((m) => m.fullName);

    expect(names(await search({ q: 'COSTA' }))).toEqual(['Maria da Costa', 'Yohana Costa']);
    // A number matches member numbers and names alike, in member-number order.
    expect(names(await search({ q: '1' }))).toEqual(['Maria da Costa', 'Joaquim 100% Soares']);
    expect(names(await search({ q: '000001' }))).toEqual(['Maria da Costa']);
    expect(names(await search({ q: '900101-12-5677' }))).toEqual(['Ahmad bin Ali']);
    expect(names(await search({ q: 'bi 004/1998' }))).toEqual([]);
    expect(names(await search({ q: 'BI 004/1998' }))).toEqual(['Joaquim 100% Soares']);
    expect(names(await search({ q: '100%' }))).toEqual(['Joaquim 100% Soares']);
    expect(names(await search({ q: '%' }))).toEqual(['Joaquim 100% Soares']);

    const first = await search({ limit: 2 });
    expect(first.items.map((m) => m.memberNumber)).toEqual(['000001', '000002']);
    expect(first.next).toBe('000002');
    const rest = await search({ limit: 2, after: first.next! });
    expect(rest.items.map((m) => m.memberNumber)).toEqual(['000003', '000004']);
    const last = await search({ limit: 2, after: rest.next! });
    expect(last).toEqual({ items: [], next: null });
    const bad = await get(`${members(kupang)}?after=abc&limit=0`, auditor).expect(400);
    expect(fieldsOf(bad).sort()).toEqual(['after', 'limit']);
  });

  it('lets auditors read but not register or change; hides members from other cooperatives', async () => {
    const [maria] = (await get(`${members(kupang)}?q=maria`, teller).expect(200)).body.items;
    await get(`${members(kupang)}/${maria.id}`, auditor).expect(200);
    const refused = await register(auditor, {
      fullName: 'Nobody',
      identity: { type: 'nik', number: nik(9) },
    }).expect(403);
    expect(refused.body.type).toBe(problem('forbidden'));
    await patch(`${members(kupang)}/${maria.id}`, auditor, { phone: '0811' }).expect(403);

    const hidden = await get(`${members(kupang)}/${maria.id}`, outsider).expect(404);
    expect(hidden.body.resource).toBe('cooperative');
    const elsewhere = await get(`${members(makassar)}/${maria.id}`, outsider).expect(404);
    expect(elsewhere.body).toMatchObject({ type: problem('not-found'), resource: 'member' });
    expect((await get(`${members(makassar)}?q=maria`, outsider).expect(200)).body.items).toEqual(
      [],
    );
    const malformed = await get(`${members(kupang)}/not-a-uuid`, teller).expect(404);
    expect(malformed.body.resource).toBe('member');
    await patch(`${members(kupang)}/not-a-uuid`, teller, { phone: '0811111111' }).expect(404);
  });

  it('updates contact details and the business profile only, on the record', async () => {
    const [maria] = (await get(`${members(kupang)}?q=maria`, teller).expect(200)).body.items;
    const path = `${members(kupang)}/${maria.id}`;
    const updated = await patch(path, teller, {
      phone: null,
      address: 'Jl. Timor Raya 12, Kupang',
      businessProfile: {
        sector: 'processing',
        commodity: 'coconut',
        country: 'MY',
        exportOriented: true,
      },
    }).expect(200);
    expect(updated.body).toMatchObject({
      phone: null,
      address: 'Jl. Timor Raya 12, Kupang',
      businessProfile: {
        sector: 'processing',
        commodity: 'coconut',
        province: null,
        country: 'MY',
        exportOriented: true,
      },
      fullName: 'Maria da Costa',
    });
    const [audit] = await query<{
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }>(
      `SELECT before, after FROM audit_log WHERE action = 'members.member.update' AND target_id = $1`,
      [maria.id],
    );
    expect(audit.before).toMatchObject({
      phone: '081234567890',
      identityNumber: '************0001',
    });
    expect(audit.after).toMatchObject({ phone: null, identityNumber: '************0001' });

    const notContact = await patch(path, teller, {
      fullName: 'Maria Costa',
      identity: { type: 'nik', number: nik(5) },
    }).expect(400);
    expect(fieldsOf(notContact).sort()).toEqual(['fullName', 'identity']);
    const badProfile = await patch(path, manager, {
      businessProfile: { sector: 'trade', province: 'NTT' },
    }).expect(400);
    expect(fieldsOf(badProfile)).toEqual(['businessProfile.province']);
    expect(fieldsOf(await patch(path, teller, {}).expect(400))).toEqual(['body']);
  });

  it('sets related-party flags by a manager only, with a reason and a member of this cooperative', async () => {
    const { items } = (await get(`${members(kupang)}?q=costa`, teller).expect(200)).body;
    const [maria, yohana] = items as Array<{ id: string }>;
    const path = `${members(kupang)}/${yohana.id}/related-party`;
    await put(path, teller, { flags: ['board'], reason: 'elected at the RAT' }).expect(403);

    const board = await put(`${members(kupang)}/${maria.id}/related-party`, manager, {
      flags: ['board'],
      reason: 'elected to the board at the 2026 RAT',
    }).expect(200);
    expect(board.body.relatedParty).toEqual({ flags: ['board'], relatedMemberId: null });

    expect(
      fieldsOf(await put(path, manager, { flags: ['family'], reason: 'x' }).expect(400)),
    ).toEqual(['relatedMemberId']);
    expect(
      fieldsOf(await put(path, manager, { flags: ['owner'], reason: 'x' }).expect(400)),
    ).toEqual(['flags']);
    expect(fieldsOf(await put(path, manager, { flags: [], reason: ' ' }).expect(400))).toEqual([
      'reason',
    ]);
    const elsewhere = (
      await register(
        outsider,
        { fullName: 'Daeng Rahman', identity: { type: 'nik', number: '7371010101800001' } },
        makassar,
      ).expect(201)
    ).body;
    expect(
      fieldsOf(
        await put(path, manager, {
          flags: ['family'],
          relatedMemberId: elsewhere.id,
          reason: 'x',
        }).expect(400),
      ),
    ).toEqual(['relatedMemberId']);

    const family = await put(path, manager, {
      flags: ['family', 'staff'],
      relatedMemberId: maria.id,
      reason: 'daughter of a board member; works as a teller',
    }).expect(200);
    expect(family.body.relatedParty).toEqual({
      flags: ['staff', 'family'],
      relatedMemberId: maria.id,
    });
    const [audit] = await query<{ actor_id: string; reason: string }>(
      `SELECT actor_id, reason FROM audit_log WHERE action = 'members.member.related-party' AND target_id = $1`,
      [yohana.id],
    );
    expect(audit).toEqual({
      actor_id: manager.userId,
      reason: 'daughter of a board member; works as a teller',
    });
  });

  it('changes status only along the allowed transitions, for other modules', async () => {
    const directory = api.app.get(MemberDirectory);
    const scope = api.app.get(TransactionScope);
    const [maria] = (await get(`${members(kupang)}?q=maria`, teller).expect(200)).body.items;
    const active = await scope.run((tx) =>
      directory.changeStatus(tx, kupang, maria.id, 'active', 'simpanan pokok paid'),
    );
    expect(active).toEqual({
      id: maria.id,
      memberNumber: '000001',
      fullName: 'Maria da Costa',
      status: 'active',
    });
    await expect(
      scope.run((tx) => directory.changeStatus(tx, kupang, maria.id, 'applicant')),
    ).rejects.toMatchObject({
      status: 422,
      slug: 'member-status-transition',
    });
    await expect(
      scope.run((tx) => directory.requireMember(tx, makassar, maria.id)),
    ).rejects.toMatchObject({
      status: 404,
      extensions: { resource: 'member' },
    });
    const audits = await query<{ before: object; after: object; reason: string }>(
      `SELECT before, after, reason FROM audit_log WHERE action = 'members.member.status' AND target_id = $1`,
      [maria.id],
    );
    expect(audits).toEqual([
      {
        before: { status: 'applicant' },
        after: { status: 'active' },
        reason: 'simpanan pokok paid',
      },
    ]);
  });

  it('never deletes a member, not even for the owner', async () => {
    const refused = (url: string, sql: string) =>
      connectAs(url, (client) => client.query(sql)).then(
        () => 'allowed',
        (error: { code: string }) => error.code,
      );
    expect(['42501', 'LB003']).toContain(await refused(api.db.appUrl, 'DELETE FROM member'));
    expect(await refused(api.db.appUrl, `UPDATE member SET full_name = 'x'`)).toBe('42501');
    expect(await refused(api.db.appUrl, `UPDATE member SET identity_number = 'x'`)).toBe('42501');
    expect(await refused(api.db.ownerUrl, 'DELETE FROM member')).toBe('LB003');
    expect(await refused(api.db.ownerUrl, 'DELETE FROM member_business_profile')).toBe('LB003');
    expect(await refused(api.db.ownerUrl, 'TRUNCATE member_business_profile')).toBe('LB003');
    expect(await refused(api.db.ownerUrl, 'DELETE FROM member_number_sequence')).toBe('LB003');
    expect(await memberCount(kupang)).toBeGreaterThan(0);
  });
});
