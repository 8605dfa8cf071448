import { Decimal, type FieldProblem, InvalidInputError, Money, uuidv7 } from '@lumbung/core';
import { type EntryDraft, type PostingDraft, validateEntryDraft } from './entry-draft';

const cash = uuidv7();
const savings = uuidv7();
const usdCash = uuidv7();
const usdPosition = uuidv7();

const idr = (amount: string): Money => Money.parse(amount, 'IDR');
const usd = (amount: string): Money => Money.parse(amount, 'USD');

function draft(postings: PostingDraft[], extra: Partial<EntryDraft> = {}): EntryDraft {
  return { description: 'deposit', source: { type: 'savings.deposit' }, postings, ...extra };
}

const deposit = draft([
  { accountId: cash, amount: idr('100.00') },
  { accountId: savings, amount: idr('-100.00') },
]);

/** The problems a draft is refused with, as `field: message` lines. */
function problems(entry: EntryDraft, path = ''): string[] {
  try {
    validateEntryDraft(entry, 'IDR', path);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).errors.map((e: FieldProblem) => `${e.field}: ${e.message}`);
  }
  throw new Error('expected the draft to be refused');
}

function fieldsOf(entry: EntryDraft, path = ''): string[] {
  return problems(entry, path).map((line) => line.slice(0, line.indexOf(':')));
}

function foreign(amount: string, functional: string, rate = '16000'): PostingDraft {
  return {
    accountId: amount.startsWith('-') ? usdPosition : usdCash,
    amount: usd(amount),
    functional: { amount: idr(functional), fxRate: new Decimal(rate) },
  };
}

describe('validateEntryDraft', () => {
  it('accepts a balanced entry in the functional currency', () => {
    expect(() => validateEntryDraft(deposit, 'IDR')).not.toThrow();
  });

  it('accepts an entry that balances in each currency and in functional amounts', () => {
    const exchange = draft([
      foreign('10.00', '160000.00'),
      foreign('-10.00', '-160000.00'),
      { accountId: cash, amount: idr('5.00') },
      { accountId: savings, amount: idr('-5.00') },
    ]);
    expect(() => validateEntryDraft(exchange, 'IDR')).not.toThrow();
  });

  it('refuses an entry whose functional-currency postings do not sum to zero', () => {
    expect(
      problems(
        draft([
          { accountId: cash, amount: idr('100.00') },
          { accountId: savings, amount: idr('-99.99') },
        ]),
      ),
    ).toEqual(['postings: IDR postings sum to 0.01, not zero']);
  });

  it('checks every currency on its own: a surplus in one is not offset by another', () => {
    const lines = problems(
      draft([foreign('10.00', '160000.00'), { accountId: savings, amount: idr('-160000.00') }]),
    );
    // The functional amounts balance (160000 - 160000); the currencies themselves do not.
    expect(lines).toEqual([
      'postings: USD postings sum to 10.00, not zero',
      'postings: IDR postings sum to -160000.00, not zero',
    ]);
  });

  it('refuses foreign postings whose functional amounts do not balance', () => {
    expect(
      problems(draft([foreign('10.00', '160000.00'), foreign('-10.00', '-159999.00')])),
    ).toEqual(['postings: functional amounts sum to 1.00, not zero']);
  });

  it('needs at least two postings', () => {
    expect(problems(draft([]))).toEqual(['postings: an entry needs at least two postings']);
    expect(fieldsOf(draft([{ accountId: cash, amount: idr('1.00') }]))).toContain('postings');
  });

  it('refuses zero amounts and account ids that are not UUIDs, naming the line', () => {
    expect(
      fieldsOf(
        draft([
          { accountId: cash, amount: idr('0') },
          { accountId: '1-1101', amount: idr('0.00') },
        ]),
      ),
    ).toEqual(['postings[0].amount', 'postings[1].accountId', 'postings[1].amount']);
  });

  it('checks description, source type and idempotency key', () => {
    expect(fieldsOf({ ...deposit, description: '   ' })).toEqual(['description']);
    expect(fieldsOf({ ...deposit, description: 'x'.repeat(501) })).toEqual(['description']);
    expect(() =>
      validateEntryDraft({ ...deposit, description: 'x'.repeat(500) }, 'IDR'),
    ).not.toThrow();
    expect(fieldsOf({ ...deposit, source: { type: 'Savings Deposit' } })).toEqual(['source.type']);
    expect(fieldsOf({ ...deposit, idempotencyKey: '' })).toEqual(['idempotencyKey']);
    expect(fieldsOf({ ...deposit, idempotencyKey: 'k'.repeat(201) })).toEqual(['idempotencyKey']);
    expect(() =>
      validateEntryDraft({ ...deposit, idempotencyKey: 'k'.repeat(200) }, 'IDR'),
    ).not.toThrow();
  });

  it('refuses a memo over 500 characters', () => {
    const long = draft([
      { accountId: cash, amount: idr('1.00'), memo: 'm'.repeat(501) },
      { accountId: savings, amount: idr('-1.00') },
    ]);
    expect(fieldsOf(long)).toEqual(['postings[0].memo']);
  });

  it('needs the functional equivalent on a foreign posting and refuses it on a functional one', () => {
    expect(
      problems(
        draft([
          { accountId: usdCash, amount: usd('1.00') },
          { accountId: usdPosition, amount: usd('-1.00') },
        ]),
      ),
    ).toEqual([
      'postings[0].functional: needs the IDR equivalent and the FX rate used',
      'postings[1].functional: needs the IDR equivalent and the FX rate used',
    ]);
    expect(
      fieldsOf(
        draft([
          {
            accountId: cash,
            amount: idr('1.00'),
            functional: { amount: idr('1.00'), fxRate: new Decimal(1) },
          },
          { accountId: savings, amount: idr('-1.00') },
        ]),
      ),
    ).toEqual(['postings[0].functional']);
  });

  it('checks the functional amount: its currency, its sign and a positive rate', () => {
    const wrongCurrency: PostingDraft = {
      accountId: usdCash,
      amount: usd('1.00'),
      functional: { amount: Money.parse('4.70', 'MYR'), fxRate: new Decimal('4.7') },
    };
    expect(fieldsOf(draft([wrongCurrency, foreign('-1.00', '-16000.00')]))).toEqual([
      'postings[0].functional.amount',
    ]);
    expect(fieldsOf(draft([foreign('1.00', '-16000.00'), foreign('-1.00', '16000.00')]))).toEqual([
      'postings[0].functional.amount',
      'postings[1].functional.amount',
    ]);
    expect(
      fieldsOf(draft([foreign('1.00', '16000.00', '0'), foreign('-1.00', '-16000.00')])),
    ).toEqual(['postings[0].functional.fxRate']);
    expect(
      fieldsOf(draft([foreign('1.00', '16000.00', '-16000'), foreign('-1.00', '-16000.00')])),
    ).toEqual(['postings[0].functional.fxRate']);
  });

  it('allows a zero functional amount on a tiny foreign posting', () => {
    // A foreign amount can round to nothing in the functional currency; the sign rule then has nothing to check.
    const tiny = draft([
      {
        ...foreign('0.01', '0.00'),
        functional: { amount: idr('0.00'), fxRate: new Decimal('0.1') },
      },
      {
        ...foreign('-0.01', '0.00'),
        functional: { amount: idr('0.00'), fxRate: new Decimal('0.1') },
      },
    ]);
    expect(() => validateEntryDraft(tiny, 'IDR')).not.toThrow();
  });

  it('prefixes every field with the path of the entry inside a batch', () => {
    const bad = draft(
      [
        { accountId: cash, amount: idr('0') },
        { accountId: savings, amount: idr('-1.00') },
      ],
      { description: '' },
    );
    expect(fieldsOf(bad, 'entries[2].')).toEqual([
      'entries[2].description',
      'entries[2].postings[0].amount',
      'entries[2].postings',
    ]);
  });

  it('reports every problem at once rather than the first only', () => {
    const bad = draft([{ accountId: 'nope', amount: idr('0') }], {
      description: '',
      source: { type: '' },
      idempotencyKey: '',
    });
    expect(fieldsOf(bad)).toEqual([
      'description',
      'source.type',
      'idempotencyKey',
      'postings',
      'postings[0].accountId',
      'postings[0].amount',
    ]);
  });
});
