import { type BusinessDate, InvalidInputError, Money } from '@lumbung/core';
import { parseSettlement, reconcile, type SettlementSide } from './settlement';

const side = (overrides: Partial<SettlementSide> = {}): SettlementSide => ({
  id: '01a00000-0000-7000-8000-000000000001',
  kind: 'drawdown',
  direction: 'out',
  currency: 'USD',
  amount: '60000.00',
  valueDate: '2026-11-20' as BusinessDate,
  entryId: '01a00000-0000-7000-8000-0000000000e1',
  ...overrides,
});

describe('settlement between two books', () => {
  it('reads the borrower side: a repayment may name its interest, at most the amount', () => {
    const input = {
      settlementId: '01a00000-0000-7000-8000-000000000001',
      partnerId: '01a00000-0000-7000-8000-000000000002',
      kind: 'repayment',
      amount: '1000.00',
      currency: 'USD',
      interest: '400.00',
    };
    expect(parseSettlement(input)).toMatchObject({
      kind: 'repayment',
      amount: Money.of('1000.00', 'USD'),
      interest: Money.of('400.00', 'USD'),
    });
    const bad = (() => {
      try {
        parseSettlement({ ...input, kind: 'drawdown', interest: '1000.01', amount: '-1' });
      } catch (error) {
        return error as InvalidInputError;
      }
      throw new Error('expected a problem');
    })();
    expect(bad.errors.map((e) => e.field)).toEqual(['amount', 'interest']);
  });

  it('matches opposite sides of the same amount, names what differs, and shows what is missing', () => {
    const second = '01a00000-0000-7000-8000-000000000002';
    const third = '01a00000-0000-7000-8000-000000000003';
    const result = reconcile(
      [side(), side({ id: second, kind: 'repayment', direction: 'in', amount: '10000.00' })],
      [
        side({ direction: 'in', valueDate: '2026-11-21' as BusinessDate, amount: '60000' }),
        side({ id: second, kind: 'repayment', direction: 'out', amount: '10001.00' }),
        side({ id: third, kind: 'repayment', direction: 'out' }),
      ],
    );
    expect(result.counts).toEqual({ matched: 1, mismatched: 1, unmatched: 1 });
    expect(result.items.map((i) => [i.settlementId, i.status])).toEqual([
      [side().id, 'matched'],
      [second, 'mismatched'],
      [third, 'unmatched'],
    ]);
    expect(result.items[1]).toMatchObject({
      differences: [{ field: 'amount', ours: '10000.00', theirs: '10001.00' }],
    });
    expect(result.items[2]).toMatchObject({ missingIn: 'ours', ours: null });
    const same = reconcile([side()], [side()]);
    expect(same.items[0]).toMatchObject({
      status: 'mismatched',
      differences: [{ field: 'direction', ours: 'out', theirs: 'out' }],
    });
  });
});
