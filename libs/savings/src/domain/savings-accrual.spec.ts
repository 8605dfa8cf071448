import { Money } from '@lumbung/core';
import { dailyInterest, withholdingTax } from './savings-accrual';

const idr = (amount: string) => Money.parse(amount, 'IDR');
const actual = { annualRate: '0.04', dayCount: 'actual/365' as const };
const thirty = { annualRate: '0.04', dayCount: '30/360' as const };

describe('savings interest accrual', () => {
  it('accrues balance x rate / 365 a day under actual/365, rounded half-up', () => {
    // 1,000,000 x 0.04 / 365 = 109.5890...
    expect(dailyInterest(idr('1000000.00'), actual).toString()).toBe('109.59');
    // 1,500,000 x 0.04 / 365 = 164.3835...
    expect(dailyInterest(idr('1500000.00'), actual).toString()).toBe('164.38');
  });

  it('divides by 360 under 30/360', () => {
    // 1,000,000 x 0.04 / 360 = 111.1111...
    expect(dailyInterest(idr('1000000.00'), thirty).toString()).toBe('111.11');
  });

  it('rounds a half minor unit up and less than half down', () => {
    const rate = { annualRate: '0.073', dayCount: 'actual/365' as const };
    // 125 x 0.073 / 365 = 0.025 exactly
    expect(dailyInterest(idr('125.00'), rate).toString()).toBe('0.03');
    // 2.50 x 0.073 / 365 = 0.0005
    expect(dailyInterest(idr('2.50'), rate).toString()).toBe('0.00');
  });

  it('accrues nothing on a zero or negative balance', () => {
    expect(dailyInterest(idr('0.00'), actual).toString()).toBe('0.00');
    expect(dailyInterest(idr('-5000.00'), actual).toString()).toBe('0.00');
  });

  it('withholds nothing when the product has no withholding', () => {
    expect(withholdingTax(idr('500000.00'), null).toString()).toBe('0.00');
  });

  it('withholds the rate on the whole month only above the threshold', () => {
    const withholding = { rate: '0.1', threshold: '240000.00' };
    expect(withholdingTax(idr('240000.00'), withholding).toString()).toBe('0.00');
    expect(withholdingTax(idr('240000.01'), withholding).toString()).toBe('24000.00');
    // 250,000.05 x 0.1 = 25,000.005 -> 25,000.01
    expect(withholdingTax(idr('250000.05'), withholding).toString()).toBe('25000.01');
  });

  it('withholds on any interest above a zero threshold', () => {
    const withholding = { rate: '0.1', threshold: '0.00' };
    expect(withholdingTax(idr('0.00'), withholding).toString()).toBe('0.00');
    expect(withholdingTax(idr('3287.67'), withholding).toString()).toBe('328.77');
  });
});
