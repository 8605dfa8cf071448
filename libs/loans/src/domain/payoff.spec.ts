import { type BusinessDate, Money } from '@lumbung/core';
import { type FlatPayoffRule, type InterestMethod, parseLoanTerms } from './loan-terms';
import { type PaidToInstalment, payoffQuote } from './payoff';
import { buildSchedule } from './schedule';

const d = (value: string) => value as BusinessDate;
const idr = (value: string) => Money.parse(value, 'IDR');

function loan(method: InterestMethod, principal: string) {
  const terms = parseLoanTerms(
    {
      method,
      ratePer: 'month',
      rate: '0.01',
      minTerm: 1,
      maxTerm: 24,
      minAmount: '1',
      maxAmount: '100000000',
    },
    'IDR',
  );
  return buildSchedule({
    principal: idr(principal),
    terms,
    rate: '0.01',
    instalments: 12,
    disbursedOn: d('2026-01-15'),
  });
}

/** Instalments 1..count paid in full. */
function paidThrough(
  instalments: readonly { no: number; principal: Money; interest: Money }[],
  count: number,
) {
  return new Map<number, PaidToInstalment>(
    instalments
      .slice(0, count)
      .map((i) => [i.no, { principal: i.principal, interest: i.interest }]),
  );
}

describe('payoff quotes', () => {
  it('charges a declining loan the interest accrued to date less what was paid', () => {
    // Paid nos 1-3 (330,000 interest); 5 of the 30 days to 15 May: 90,000 x 5/30 = 15,000.
    const s = loan('declining', '12000000');
    const quote = payoffQuote({
      instalments: s.instalments,
      paid: paidThrough(s.instalments, 3),
      unpaidPenalty: idr('2500'),
      unpaidFees: idr('1000'),
      method: 'declining',
      flatPayoff: 'rule-of-78',
      effectiveAnnualRate: s.effectiveAnnualRate,
      date: d('2026-04-20'),
    });
    expect(quote).toEqual({
      principal: idr('9000000'),
      interest: idr('15000'),
      penalty: idr('2500'),
      fees: idr('1000'),
      total: idr('9018500'),
      rule: 'accrued-to-date',
    });
  });

  describe('flat loans by the product rule', () => {
    const s = loan('flat', '9000000');
    const quote = (rule: FlatPayoffRule, paidCount = 3, date = '2026-04-20') =>
      payoffQuote({
        instalments: s.instalments,
        paid: paidThrough(s.instalments, paidCount),
        unpaidPenalty: idr('0'),
        unpaidFees: idr('0'),
        method: 'flat',
        flatPayoff: rule,
        effectiveAnnualRate: s.effectiveAnnualRate,
        date: d(date),
      });

    it('current period: the whole interest of the period under way', () => {
      expect(quote('current-period-interest').interest.toString()).toBe('90000.00');
      expect(quote('current-period-interest').principal.toString()).toBe('6750000.00');
      // No 3 unpaid as well: its interest is owed on top.
      expect(quote('current-period-interest', 2).interest.toString()).toBe('180000.00');
      expect(quote('current-period-interest', 2).rule).toBe('current-period-interest');
      // On a due date the next period has not begun: only what fell due is owed.
      expect(quote('current-period-interest', 3, '2026-04-15').interest.toString()).toBe('0.00');
      expect(quote('current-period-interest', 2, '2026-04-15').interest.toString()).toBe(
        '90000.00',
      );
    });

    it('all scheduled interest: every unpaid instalment’s interest', () => {
      expect(quote('all-scheduled-interest').interest.toString()).toBe('810000.00');
    });

    it('effective to date: the outstanding at the effective rate for the days elapsed', () => {
      // 6,750,000 x 0.214572 x 5/365 = 19,840.56.
      expect(quote('effective-to-date').interest.toString()).toBe('19840.56');
      // Never more than the period's own flat interest.
      expect(quote('effective-to-date', 3, '2026-05-14').interest.toString()).toBe('90000.00');
    });

    it('rule of 78: total interest less the rebate for the whole periods not begun', () => {
      // 8 periods left of 12: rebate 1,080,000 x 36/78 = 498,461.54; earned 581,538.46,
      // less 270,000 paid.
      expect(quote('rule-of-78').interest.toString()).toBe('311538.46');
      // On a due date the next period has not begun: 9 left, 1,080,000 x 45/78 = 623,076.92.
      expect(quote('rule-of-78', 3, '2026-04-15').interest.toString()).toBe('186923.08');
    });

    it('owes only principal once the interest is all paid', () => {
      expect(quote('all-scheduled-interest', 12, '2027-02-01').total.toString()).toBe('0.00');
    });
  });
});
