import type { PostedEntry, PostedPosting } from '@lumbung/ledger';
import { sameEntry, toDraft } from './activity';
import { demoBooks } from './books';

const vault = '0190a000-0000-7000-8000-000000000001';
const equity = '0190a000-0000-7000-8000-000000000002';
const ids = new Map([
  ['1-1101', vault],
  ['3-3901', equity],
]);
const opening = demoBooks[0].entries[0];

function posted(lines: Array<[string, string]>, description = opening.description): PostedEntry {
  const postings = lines.map(([accountId, amount], i): PostedPosting => ({
    lineNo: i + 1,
    accountId,
    currency: 'IDR',
    amount,
    functionalAmount: amount,
    fxRate: null,
    fxRateId: null,
    counterpartyClass: null,
    dimensions: { agreementId: null, program: null, sector: null, commodity: null, region: null },
    memo: null,
    balanceAfter: amount,
    accountVersion: '1',
  }));
  return {
    id: '0190a000-0000-7000-8000-0000000000e1',
    cooperativeId: '0190a000-0000-7000-8000-0000000000c1',
    postingDate: '2026-11-20',
    valueDate: '2026-11-20',
    description,
    source: { type: 'demo', id: 'k' },
    idempotencyKey: 'k',
    reversesEntryId: null,
    voucher: null,
    recordedBy: null,
    recordedAt: '2026-11-20T02:00:00.000Z',
    postings,
  };
}

describe('demo drafts', () => {
  it('post debits positive and credits negative, keyed for replay', () => {
    const draft = toDraft(opening, 'demo:KSP-KUPANG:1', 'IDR', ids);
    expect(draft).toMatchObject({
      idempotencyKey: 'demo:KSP-KUPANG:1',
      source: { type: 'demo', id: 'demo:KSP-KUPANG:1' },
    });
    expect(draft.postings.map((p) => [p.accountId, p.amount.toString()])).toEqual([
      [vault, '250000000.00'],
      [equity, '-250000000.00'],
    ]);
  });

  it('refuse an account code the chart does not have', () => {
    expect(() => toDraft(opening, 'k', 'IDR', new Map())).toThrow(
      'demo entry k: no account 1-1101',
    );
  });

  it('tell a replay of the same entry from an older, different one', () => {
    const draft = toDraft(opening, 'k', 'IDR', ids);
    expect(
      sameEntry(
        draft,
        posted([
          [vault, '250000000.00'],
          [equity, '-250000000'],
        ]),
      ),
    ).toBe(true);
    expect(
      sameEntry(
        draft,
        posted(
          [
            [vault, '250000000.00'],
            [equity, '-250000000.00'],
          ],
          'x',
        ),
      ),
    ).toBe(false);
    expect(
      sameEntry(
        draft,
        posted([
          [vault, '1.00'],
          [equity, '-1.00'],
        ]),
      ),
    ).toBe(false);
    expect(
      sameEntry(
        draft,
        posted([
          [equity, '250000000.00'],
          [vault, '-250000000.00'],
        ]),
      ),
    ).toBe(false);
  });
});
