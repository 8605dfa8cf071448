import fc from 'fast-check';
import { allocate } from './allocate';
import { Decimal } from './decimal';
import { Money } from './money';

describe('allocate', () => {
  it('splits without losing a minor unit', () => {
    const parts = allocate(Money.parse('100.00', 'IDR'), ['1', '1', '1']);
    expect(parts.map(String)).toEqual(['33.34', '33.33', '33.33']);
  });

  it('follows weights and gives remainders to the largest fractions', () => {
    const parts = allocate(Money.parse('10.00', 'USD'), ['3', '7']);
    expect(parts.map(String)).toEqual(['3.00', '7.00']);
    expect(allocate(Money.parse('0.05', 'USD'), ['1', '2']).map(String)).toEqual(['0.02', '0.03']);
  });

  it('allocates in a rounding unit such as Rp100', () => {
    const parts = allocate(Money.parse('1000', 'IDR'), ['1', '1', '1'], '100');
    expect(parts.map(String)).toEqual(['400.00', '300.00', '300.00']);
    expect(() => allocate(Money.parse('1050', 'IDR'), ['1'], '100')).toThrow(/multiple/);
  });

  it('keeps the sign of negative totals', () => {
    expect(allocate(Money.parse('-1.00', 'USD'), ['1', '2']).map(String)).toEqual([
      '-0.33',
      '-0.67',
    ]);
  });

  it('refuses empty, negative or all-zero weights', () => {
    const total = Money.parse('1', 'USD');
    expect(() => allocate(total, [])).toThrow(RangeError);
    expect(() => allocate(total, ['-1', '2'])).toThrow(RangeError);
    expect(() => allocate(total, ['0', '0'])).toThrow(RangeError);
  });

  it('always sums exactly to the total and stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (cents, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const total = Money.of(new Decimal(cents.toString()).div(100), 'IDR');
          const parts = allocate(total, weights.map(String));
          const sum = parts.reduce((acc, part) => acc.plus(part), Money.zero('IDR'));
          expect(sum.equals(total)).toBe(true);
          const weightSum = weights.reduce((a, b) => a + b, 0);
          parts.forEach((part, i) => {
            const exact = total.amount.times(weights[i]).div(weightSum);
            expect(part.amount.minus(exact).abs().lt('0.01')).toBe(true);
          });
        },
      ),
    );
  });
});
