import { Money } from '@lumbung/core';
import { gradesOf, loanGrades } from './collectibility';
import {
  accrualTransition,
  isNonPerforming,
  recoverable,
  recoveredOf,
  splitPenalty,
  splitInterest,
  writeOffFigures,
} from './non-accrual';

const idr = (amount: string) => Money.of(amount, 'IDR');
const text = (split: Record<string, Money>) =>
  Object.fromEntries(Object.entries(split).map(([k, v]) => [k, v.toString()]));

describe('non-accrual of non-performing loans', () => {
  it('counts kurang lancar and worse as non-performing under both presets', () => {
    expect(loanGrades.filter(isNonPerforming)).toEqual(['kurang-lancar', 'diragukan', 'macet']);
    expect(gradesOf('bank').filter((g) => !isNonPerforming(g))).toEqual([
      'lancar',
      'dalam-perhatian-khusus',
    ]);
    expect(gradesOf('cooperative').filter((g) => !isNonPerforming(g))).toEqual(['lancar']);
  });

  it('suspends an accruing loan graded non-performing and resumes a suspended one performing again', () => {
    expect(accrualTransition(false, 'kurang-lancar')).toBe('suspend');
    expect(accrualTransition(false, 'macet')).toBe('suspend');
    expect(accrualTransition(true, 'diragukan')).toBeNull();
    expect(accrualTransition(true, 'lancar')).toBe('resume');
    expect(accrualTransition(true, 'dalam-perhatian-khusus')).toBe('resume');
    expect(accrualTransition(false, 'lancar')).toBeNull();
    expect(accrualTransition(false, 'dalam-perhatian-khusus')).toBeNull();
  });
});

describe('interest received on a loan ever suspended', () => {
  const balances = (receivable: string, memorandum: string) => ({
    receivable: idr(receivable),
    memorandum: idr(memorandum),
  });

  it('is income from memorandum first, then settles the receivable, then income on cash', () => {
    expect(text({ ...splitInterest(idr('90000'), balances('0', '270000'), false) })).toEqual({
      memorandum: '90000.00',
      receivable: '0.00',
      cash: '0.00',
      receivableClosed: '0.00',
      memorandumClosed: '0.00',
    });
    expect(text({ ...splitInterest(idr('90000'), balances('30000', '50000'), false) })).toEqual({
      memorandum: '50000.00',
      receivable: '30000.00',
      cash: '10000.00',
      receivableClosed: '0.00',
      memorandumClosed: '0.00',
    });
  });

  it('closes at a payoff what the payoff did not settle: receivable back from income, memorandum released', () => {
    expect(text({ ...splitInterest(idr('40000'), balances('25000', '30000'), true) })).toEqual({
      memorandum: '30000.00',
      receivable: '10000.00',
      cash: '0.00',
      receivableClosed: '15000.00',
      memorandumClosed: '0.00',
    });
    expect(text({ ...splitInterest(idr('10000'), balances('0', '30000'), true) })).toEqual({
      memorandum: '10000.00',
      receivable: '0.00',
      cash: '0.00',
      receivableClosed: '0.00',
      memorandumClosed: '20000.00',
    });
  });

  it('always books exactly the interest received, and leaves nothing behind at a payoff', () => {
    const amounts = ['0', '0.01', '15000', '90000', '123456.78', '500000'];
    for (const interest of amounts) {
      for (const receivable of amounts) {
        for (const memorandum of amounts) {
          for (const closing of [false, true]) {
            const s = splitInterest(idr(interest), balances(receivable, memorandum), closing);
            expect(s.memorandum.plus(s.receivable).plus(s.cash).toString()).toBe(
              idr(interest).toString(),
            );
            for (const part of Object.values(s)) expect(part.isNegative()).toBe(false);
            expect(s.receivable.compare(idr(receivable))).toBeLessThanOrEqual(0);
            expect(s.memorandum.compare(idr(memorandum))).toBeLessThanOrEqual(0);
            if (closing) {
              expect(s.receivable.plus(s.receivableClosed).toString()).toBe(
                idr(receivable).toString(),
              );
              expect(s.memorandum.plus(s.memorandumClosed).toString()).toBe(
                idr(memorandum).toString(),
              );
            }
          }
        }
      }
    }
  });

  it('refuses negative interest', () => {
    expect(() => splitInterest(idr('-1'), balances('0', '0'), false)).toThrow(RangeError);
  });
});

describe('a penalty received on a loan ever suspended', () => {
  const balances = (receivable: string, memorandum: string) => ({
    receivable: idr(receivable),
    memorandum: idr(memorandum),
  });
  const split = (penalty: string, receivable: string, memorandum: string) =>
    text({ ...splitPenalty(idr(penalty), balances(receivable, memorandum)) });

  it('comes from memorandum first, then the receivable, the rest income as received', () => {
    expect(split('20000', '5000', '12000')).toEqual({
      memorandum: '12000.00',
      receivable: '5000.00',
      cash: '3000.00',
    });
    expect(split('10000', '5000', '12000')).toEqual({
      memorandum: '10000.00',
      receivable: '0.00',
      cash: '0.00',
    });
  });

  it('refuses a negative penalty', () => {
    expect(() => splitPenalty(idr('-1'), balances('0', '0'))).toThrow(RangeError);
  });
});

describe('a write-off', () => {
  const figures = (over: Partial<Record<string, string>> = {}) => {
    const v = {
      principal: '7500000',
      allowance: '7500000',
      receivable: '0',
      memorandum: '270000',
      claim: '270000',
      penalty: '0',
      penaltyReceivable: '0',
      penaltyMemorandum: '0',
      ...over,
    };
    return text({
      ...writeOffFigures({
        principal: idr(v.principal),
        allowance: idr(v.allowance),
        balances: { receivable: idr(v.receivable), memorandum: idr(v.memorandum) },
        interestClaim: idr(v.claim),
        penalty: idr(v.penalty),
        penaltyBalances: {
          receivable: idr(v.penaltyReceivable),
          memorandum: idr(v.penaltyMemorandum),
        },
      }),
    });
  };

  it('takes the principal off against the allowance and keeps the whole claim in memorandum', () => {
    expect(figures()).toEqual({
      principal: '7500000.00',
      allowanceUsed: '7500000.00',
      expense: '0.00',
      interestReversed: '0.00',
      memorandumClosed: '270000.00',
      interestClaim: '270000.00',
      penaltyReversed: '0.00',
      penaltyMemorandumClosed: '0.00',
      penaltyOffBooks: '0.00',
      writtenOff: '7770000.00',
    });
  });

  it('charges the shortfall of the allowance to expense, or releases what it held beyond', () => {
    expect(figures({ allowance: '3000000' })).toMatchObject({
      allowanceUsed: '3000000.00',
      expense: '4500000.00',
    });
    expect(figures({ allowance: '9000000' })).toMatchObject({ expense: '-1500000.00' });
  });

  it('takes interest on balance back from income and counts suspended days kept off the books', () => {
    expect(
      figures({
        receivable: '180000',
        memorandum: '0',
        claim: '240000',
        penalty: '12500',
        penaltyReceivable: '12500',
      }),
    ).toMatchObject({
      interestReversed: '180000.00',
      memorandumClosed: '0.00',
      interestClaim: '240000.00',
      penaltyReversed: '12500.00',
      writtenOff: '7752500.00',
    });
  });

  it('claims every unpaid penalty: on the receivable from income, in memorandum closed, off the books as it is', () => {
    expect(
      figures({ penalty: '30000', penaltyReceivable: '5000', penaltyMemorandum: '15000' }),
    ).toMatchObject({
      penaltyReversed: '5000.00',
      penaltyMemorandumClosed: '15000.00',
      penaltyOffBooks: '10000.00',
      writtenOff: '7800000.00',
    });
  });

  it('refuses no principal, negative balances and a claim below what the books hold', () => {
    expect(() => figures({ penalty: '1000', penaltyMemorandum: '1000.01' })).toThrow(RangeError);
    expect(() => figures({ penalty: '1000', penaltyReceivable: '-1' })).toThrow(RangeError);
    expect(() => figures({ principal: '0' })).toThrow(RangeError);
    expect(() => figures({ allowance: '-1' })).toThrow(RangeError);
    expect(() => figures({ claim: '100' })).toThrow(RangeError);
  });

  it('counts as recovered only recoveries not reversed', () => {
    const recoveries = [
      { amount: '1000000.00', reversedOn: null },
      { amount: '250000.00', reversedOn: '2027-04-02' },
      { amount: '500000.00', reversedOn: null },
    ];
    expect(recoveredOf('IDR', recoveries).toString()).toBe('1500000.00');
    expect(recoveredOf('IDR', []).toString()).toBe('0.00');
  });

  it('lets recoveries bring back what is left of the claim', () => {
    expect(recoverable(idr('7770000'), idr('1000000')).toString()).toBe('6770000.00');
  });
});
