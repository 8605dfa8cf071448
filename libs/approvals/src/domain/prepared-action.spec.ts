import type { InvalidInputError } from '@lumbung/core';
import { checkPreparedAction, type PreparedAction } from './prepared-action';

function problems(prepared: PreparedAction): string[] {
  try {
    checkPreparedAction(prepared);
  } catch (error) {
    return (error as InvalidInputError).errors.map((e) => e.field);
  }
  throw new Error('not refused');
}

describe('checkPreparedAction', () => {
  it('keeps the amount at its currency scale and the equivalent as given', () => {
    const checked = checkPreparedAction({
      payload: { to: 'x' },
      summary: ' Transfer 1500 ',
      amount: { amount: '1500', currency: 'USD' },
      functionalEquivalent: '23850000.00',
      excludedApprovers: ['0190a000-0000-7000-8000-000000000003'],
    });
    expect(checked.amount?.toString()).toBe('1500.00');
    expect(checked.summary).toBe('Transfer 1500');
    expect(checked.functionalEquivalent).toBe('23850000.00');
  });

  it('needs an equivalent with an amount, and neither alone', () => {
    expect(
      problems({ payload: {}, summary: 's', amount: { amount: '1', currency: 'IDR' } }),
    ).toEqual(['functionalEquivalent']);
    expect(problems({ payload: {}, summary: 's', functionalEquivalent: '1' })).toEqual([
      'functionalEquivalent',
    ]);
  });

  it('refuses a zero amount, a blank summary and excluded ids that are not user ids', () => {
    expect(
      problems({
        payload: {},
        summary: '  ',
        amount: { amount: '0', currency: 'IDR' },
        functionalEquivalent: '0',
        excludedApprovers: ['someone'],
      }),
    ).toEqual(['summary', 'excludedApprovers', 'amount']);
  });

  it('refuses more decimals than the currency has', () => {
    expect(() =>
      checkPreparedAction({
        payload: {},
        summary: 's',
        amount: { amount: '1.001', currency: 'IDR' },
        functionalEquivalent: '1.001',
      }),
    ).toThrow(/decimals/);
  });

  it('has no also-required roles unless the executor names some', () => {
    expect(checkPreparedAction({ payload: {}, summary: 's' }).alsoRequiredRoles).toEqual([]);
  });

  it('deduplicates also-required roles into a fixed order', () => {
    const checked = checkPreparedAction({
      payload: {},
      summary: 's',
      alsoRequiredRoles: ['supervisor', 'auditor', 'supervisor'],
    });
    expect(checked.alsoRequiredRoles).toEqual(['supervisor', 'auditor']);
  });

  it.each([[['admin']], [['cashier']], [['supervisor', 'admin']], [[7]], ['supervisor']])(
    'refuses also-required roles %p',
    (roles) => {
      expect(
        problems({ payload: {}, summary: 's', alsoRequiredRoles: roles as unknown as string[] }),
      ).toEqual(['alsoRequiredRoles']);
    },
  );
});
