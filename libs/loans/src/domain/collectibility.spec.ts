import { type BusinessDate, InvalidInputError, Money } from '@lumbung/core';
import type { InstalmentDue } from './allocation';
import {
  daysPastDue,
  defaultCollectibility,
  downgradeRefusal,
  gradeForDaysPastDue,
  gradeLoan,
  gradesOf,
  inPreset,
  type LoanGrade,
  oldestUnpaidDue,
  parseCollectibility,
  provisionRate,
  worseOf,
} from './collectibility';

const d = (value: string) => value as BusinessDate;
const idr = (value: string) => Money.parse(value, 'IDR');

function due(no: number, dueDate: string, principal: string, interest: string, penalty = '0') {
  return {
    no,
    dueDate: d(dueDate),
    penalty: idr(penalty),
    fees: idr('0'),
    interest: idr(interest),
    principal: idr(principal),
  } satisfies InstalmentDue;
}

const gradesByDays = (preset: 'cooperative' | 'bank', days: number[]) =>
  days.map((n) => gradeForDaysPastDue(preset, n));

describe('days past due', () => {
  const dues = [
    due(1, '2026-12-21', '0', '0'),
    due(2, '2027-01-20', '750000', '0'),
    due(3, '2027-02-22', '750000', '90000'),
  ];

  it('counts from the oldest instalment with principal or interest unpaid after its due date', () => {
    expect(oldestUnpaidDue(dues, d('2027-01-20'))).toBeNull();
    expect(daysPastDue(oldestUnpaidDue(dues, d('2027-01-20')), d('2027-01-20'))).toBe(0);
    expect(oldestUnpaidDue(dues, d('2027-01-21'))).toBe('2027-01-20');
    expect(daysPastDue(d('2027-01-20'), d('2027-01-21'))).toBe(1);
    expect(daysPastDue(d('2027-01-20'), d('2027-04-20'))).toBe(90);
    expect(oldestUnpaidDue(dues, d('2027-04-20'))).toBe('2027-01-20');
  });

  it('ignores instalments paid but for their penalty or fees', () => {
    const penaltyOnly = [due(1, '2026-12-21', '0', '0', '5000.00')];
    expect(oldestUnpaidDue(penaltyOnly, d('2027-03-01'))).toBeNull();
    const interestOnly = [due(1, '2026-12-21', '0', '0.01')];
    expect(oldestUnpaidDue(interestOnly, d('2026-12-22'))).toBe('2026-12-21');
  });

  it('takes the schedule’s stored (holiday-moved) due dates as they are, in date order', () => {
    const moved = [due(2, '2027-02-22', '1', '0'), due(1, '2027-01-20', '1', '0')];
    expect(oldestUnpaidDue(moved, d('2027-03-01'))).toBe('2027-01-20');
  });
});

describe('grades from days past due', () => {
  it('grades the cooperative preset in four bands: 0-90, 91-180, 181-270, over 270', () => {
    expect(gradesOf('cooperative')).toEqual(['lancar', 'kurang-lancar', 'diragukan', 'macet']);
    expect(gradesByDays('cooperative', [0, 1, 90, 91, 180, 181, 270, 271, 1000])).toEqual([
      'lancar',
      'lancar',
      'lancar',
      'kurang-lancar',
      'kurang-lancar',
      'diragukan',
      'diragukan',
      'macet',
      'macet',
    ]);
  });

  it('grades the bank preset in five bands: 0, 1-90, 91-120, 121-180, over 180', () => {
    expect(gradesByDays('bank', [0, 1, 90, 91, 120, 121, 180, 181])).toEqual([
      'lancar',
      'dalam-perhatian-khusus',
      'dalam-perhatian-khusus',
      'kurang-lancar',
      'kurang-lancar',
      'diragukan',
      'diragukan',
      'macet',
    ]);
  });

  it('refuses a negative or fractional count of days', () => {
    expect(() => gradeForDaysPastDue('bank', -1)).toThrow(RangeError);
    expect(() => gradeForDaysPastDue('bank', 1.5)).toThrow(RangeError);
  });
});

describe('manual downgrades', () => {
  it('makes the effective grade the worse of the computed and the manual grade', () => {
    expect(gradeLoan('cooperative', d('2027-02-01'), null, 'diragukan')).toEqual({
      daysPastDue: 0,
      computedGrade: 'lancar',
      manualGrade: 'diragukan',
      restructuredGrade: null,
      grade: 'diragukan',
    });
    // Arrears later overtake the manual grade: the computed one counts.
    expect(gradeLoan('cooperative', d('2027-10-01'), d('2026-12-20'), 'kurang-lancar')).toEqual({
      daysPastDue: 285,
      computedGrade: 'macet',
      manualGrade: 'kurang-lancar',
      restructuredGrade: null,
      grade: 'macet',
    });
    expect(worseOf('lancar', 'macet')).toBe('macet');
    // A restructuring holds a loan at its grade of the day, whichever of the three is worst.
    expect(gradeLoan('bank', d('2027-02-01'), null, null, 'dalam-perhatian-khusus')).toEqual({
      daysPastDue: 0,
      computedGrade: 'lancar',
      manualGrade: null,
      restructuredGrade: 'dalam-perhatian-khusus',
      grade: 'dalam-perhatian-khusus',
    });
    expect(
      gradeLoan('cooperative', d('2027-02-01'), d('2026-10-01'), 'kurang-lancar', 'diragukan')
        .grade,
    ).toBe('diragukan');
    expect(worseOf('diragukan', 'kurang-lancar')).toBe('diragukan');
  });

  it('counts a grade the preset lacks as the next worse grade it has', () => {
    expect(inPreset('cooperative', 'dalam-perhatian-khusus')).toBe('kurang-lancar');
    expect(inPreset('bank', 'dalam-perhatian-khusus')).toBe('dalam-perhatian-khusus');
    expect(gradeLoan('cooperative', d('2027-02-01'), null, 'dalam-perhatian-khusus').grade).toBe(
      'kurang-lancar',
    );
  });

  it('refuses a grade that is not worse than the current one, or not in the preset', () => {
    const refusal = (current: LoanGrade, requested: LoanGrade, preset = 'bank' as const) =>
      downgradeRefusal(preset, current, requested);
    expect(refusal('lancar', 'dalam-perhatian-khusus')).toBeNull();
    expect(refusal('kurang-lancar', 'kurang-lancar')).toBe('not-worse');
    expect(refusal('diragukan', 'kurang-lancar')).toBe('not-worse');
    expect(downgradeRefusal('cooperative', 'lancar', 'dalam-perhatian-khusus')).toBe(
      'not-in-preset',
    );
    expect(downgradeRefusal('cooperative', 'lancar', 'kurang-lancar')).toBeNull();
  });
});

describe('the collectibility setting', () => {
  it('defaults to DOMAIN.md’s provision rates and collateral credit for the preset', () => {
    expect(defaultCollectibility()).toEqual({
      preset: 'cooperative',
      provisionRates: { lancar: '0.005', 'kurang-lancar': '0.1', diragukan: '0.5', macet: '1' },
      collateralCredit: { 'cash-deposit': '1', land: '0.8', vehicle: '0.5' },
    });
    expect(parseCollectibility({ preset: 'bank' })).toEqual({
      preset: 'bank',
      provisionRates: {
        lancar: '0.005',
        'dalam-perhatian-khusus': '0.03',
        'kurang-lancar': '0.1',
        diragukan: '0.5',
        macet: '1',
      },
      collateralCredit: { 'cash-deposit': '1', land: '0.8', vehicle: '0.5' },
    });
    expect(provisionRate(defaultCollectibility(), 'dalam-perhatian-khusus')).toBe('0.1');
  });

  it('takes the cooperative’s own rates, normalised', () => {
    const custom = parseCollectibility({
      preset: 'cooperative',
      provisionRates: { lancar: '0.010', 'kurang-lancar': '0.15', diragukan: '0.5', macet: '1.0' },
      collateralCredit: { 'cash-deposit': '1', land: '0.75', vehicle: '0' },
    });
    expect(custom.provisionRates).toEqual({
      lancar: '0.01',
      'kurang-lancar': '0.15',
      diragukan: '0.5',
      macet: '1',
    });
    expect(custom.collateralCredit.land).toBe('0.75');
  });

  const problems = (input: unknown) => {
    try {
      parseCollectibility(input);
    } catch (error) {
      if (error instanceof InvalidInputError) return error.errors.map((e) => e.field);
      throw error;
    }
    return [];
  };

  it('names every field it refuses', () => {
    expect(problems({})).toEqual(['preset']);
    expect(problems({ preset: 'bank', provisionRates: { lancar: '0.005' } })).toEqual([
      'provisionRates.dalam-perhatian-khusus',
      'provisionRates.kurang-lancar',
      'provisionRates.diragukan',
      'provisionRates.macet',
    ]);
    expect(
      problems({
        preset: 'cooperative',
        provisionRates: {
          lancar: '0.005',
          'dalam-perhatian-khusus': '0.03',
          'kurang-lancar': '1.5',
          diragukan: 0.5,
          macet: '1',
        },
      }),
    ).toEqual([
      'provisionRates.dalam-perhatian-khusus',
      'provisionRates.kurang-lancar',
      'provisionRates.diragukan',
    ]);
    expect(problems({ preset: 'cooperative', collateralCredit: 'all' })).toEqual([
      'collateralCredit',
    ]);
  });

  it('refuses a worse grade provisioning less than a better one', () => {
    expect(
      problems({
        preset: 'cooperative',
        provisionRates: { lancar: '0.2', 'kurang-lancar': '0.1', diragukan: '0.5', macet: '1' },
      }),
    ).toEqual(['provisionRates.kurang-lancar']);
  });
});
