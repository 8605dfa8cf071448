import { Money } from '@lumbung/core';
import { IdempotentRequests, TransactionScope } from '@lumbung/database';
import { ChartService, CooperativeService, LedgerModule, PostingService } from '@lumbung/ledger';
import { Body, Controller, Module, Param, Post, UseGuards } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsString, ValidateNested } from 'class-validator';
import request from 'supertest';
import {
  IdempotencyKey,
  type IdempotencyInput,
  MovesMoney,
} from '../../apps/api/src/http/idempotency';
import { Allow } from '../../apps/api/src/auth/access';
import { CooperativeScopeGuard } from '../../apps/api/src/ledger/cooperative-scope.guard';
import { ApiContext, type Person } from '../support/api-context';

class PostingLine {
  @IsString() accountId!: string;
  @IsString() amount!: string;
  @IsString() currency!: string;
}

class JournalBody {
  @IsString() description!: string;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PostingLine)
  postings!: PostingLine[];
}

/**
 * A money-moving route for this suite only: issue 2 has no such route of its own (manual journals
 * come later), but the idempotency mechanism and the bad-input contract must hold over HTTP.
 */
@Allow('teller')
@UseGuards(CooperativeScopeGuard)
@Controller('cooperatives/:cooperativeId/fixture-journal')
class FixtureJournalController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly idempotent: IdempotentRequests,
    private readonly posting: PostingService,
  ) {}

  @Post()
  @MovesMoney()
  post(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: JournalBody,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => {
        const postings = body.postings.map((line, i) => ({
          accountId: line.accountId,
          amount: Money.parse(line.amount, line.currency, `postings[${i}].amount`),
        }));
        const { entry } = await this.posting.post(tx, cooperativeId, {
          description: body.description,
          source: { type: 'test' },
          postings,
        });
        return { status: 201, body: entry };
      }),
    );
  }
}

@Module({
  imports: [LedgerModule],
  controllers: [FixtureJournalController],
  providers: [CooperativeScopeGuard],
})
class FixtureModule {}

describe('money-moving requests over HTTP', () => {
  let api: ApiContext;
  let coop: string;
  let teller: Person;
  let vault: string;
  let equity: string;
  let heading: string;

  beforeAll(async () => {
    api = await ApiContext.start({ extraModules: [FixtureModule] });
    const scope = api.app.get(TransactionScope);
    const charts = api.app.get(ChartService);
    coop = (
      await scope.run((tx) =>
        api.app.get(CooperativeService).create(tx, {
          code: 'KSP-IDEM',
          name: 'Koperasi Idempotensi',
          country: 'ID',
          timeZone: 'Asia/Makassar',
          functionalCurrency: 'IDR',
        }),
      )
    ).id;
    const idOf = async (code: string) =>
      (await scope.run((tx) => charts.accountByCode(tx, coop, code))).id;
    vault = await idOf('1-1101');
    equity = await idOf('3-3901');
    heading = await idOf('1-11');
    teller = await api.person([{ role: 'teller', cooperativeId: coop }]);
  });

  afterAll(() => api.close());

  const journal = (amount: string, extra: Record<string, unknown> = {}) => ({
    description: 'setoran modal',
    postings: [
      { accountId: vault, amount, currency: 'IDR' },
      {
        accountId: equity,
        amount: amount.startsWith('-') ? amount.slice(1) : `-${amount}`,
        currency: 'IDR',
      },
    ],
    ...extra,
  });

  const entries = async (): Promise<number> =>
    Number(
      (
        await api.app
          .get(TransactionScope)
          .run((tx) => tx.query<{ n: string }>('SELECT count(*) AS n FROM journal_entry'))
      )[0].n,
    );

  const post = (body: unknown, key?: string, cooperativeId = coop) => {
    const req = request(api.server)
      .post(`/cooperatives/${cooperativeId}/fixture-journal`)
      .set(teller.auth);
    return (key ? req.set('Idempotency-Key', key) : req).send(body as object);
  };

  it('replays the first response for the same key and body, posting nothing', async () => {
    const first = await post(journal('1000.00'), 'key-1').expect(201);
    const count = await entries();
    const replay = await post(journal('1000.00'), 'key-1').expect(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await entries()).toBe(count);
  });

  it('refuses the same key with another body with 422', async () => {
    await post(journal('5.00'), 'key-2').expect(201);
    const res = await post(journal('6.00'), 'key-2').expect(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.type).toBe('urn:lumbung:problem:idempotency-key-reused');
  });

  it('posts once when identical requests race', async () => {
    const count = await entries();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => post(journal('7.00'), 'key-race')),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await entries()).toBe(count + 1);
  });

  it('needs an Idempotency-Key', async () => {
    const res = await post(journal('1.00')).expect(400);
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
  });

  const line = (accountId: string, amount: string, currency = 'IDR') => ({
    accountId,
    amount,
    currency,
  });
  const badInputs: Array<[string, () => unknown, string]> = [
    ['an exponent amount', () => journal('1e3'), 'postings[0].amount'],
    ['a non-decimal amount', () => journal('12,50'), 'postings[0].amount'],
    ['more decimals than IDR allows', () => journal('1.001'), 'postings[0].amount'],
    [
      'an unknown currency',
      () => ({
        description: 'x',
        postings: [line(vault, '1.00', 'XYZ'), line(equity, '-1.00', 'XYZ')],
      }),
      'currency',
    ],
    [
      'an unknown account',
      () => ({
        description: 'x',
        postings: [line('01890000-0000-7000-8000-000000000000', '1.00'), line(equity, '-1.00')],
      }),
      'postings[0].accountId',
    ],
    [
      'a heading account',
      () => ({ description: 'x', postings: [line(heading, '1.00'), line(equity, '-1.00')] }),
      'postings[0].accountId',
    ],
    ['an empty entry', () => ({ description: 'x', postings: [] }), 'postings'],
    [
      'a one-sided entry',
      () => ({ description: 'x', postings: [line(vault, '1.00')] }),
      'postings',
    ],
    [
      'an unbalanced entry',
      () => ({ description: 'x', postings: [line(vault, '1.00'), line(equity, '-0.99')] }),
      'postings',
    ],
    ['an unknown field', () => journal('1.00', { approvedBy: 'me' }), 'approvedBy'],
    [
      'a missing field',
      () => ({ postings: [line(vault, '1.00'), line(equity, '-1.00')] }),
      'description',
    ],
  ];

  it.each(badInputs)(
    'refuses %s with 400 naming the field, writing nothing',
    async (_, body, field) => {
      const count = await entries();
      const res = await post(body(), `bad-${field}`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toBe('urn:lumbung:problem:invalid-input');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await entries()).toBe(count);
    },
  );

  it('refuses a cooperative that does not exist with 404', async () => {
    const res = await post(
      journal('1.00'),
      'key-nowhere',
      '01890000-0000-7000-8000-000000000000',
    ).expect(404);
    expect(res.body.type).toBe('urn:lumbung:problem:not-found');
  });
});
