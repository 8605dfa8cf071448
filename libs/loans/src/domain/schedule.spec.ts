import { type BusinessDate, daysBetween, Decimal, InvalidInputError, Money } from '@lumbung/core';
import { parseLoanTerms } from './loan-terms';
import { buildSchedule, contractualDate, type Schedule, type ScheduleRequest } from './schedule';

const d = (value: string) => value as BusinessDate;
const idr = (value: string) => Money.parse(value, 'IDR');

function schedule(
  terms: Record<string, unknown>,
  principal: string,
  instalments: number,
  extra: Partial<ScheduleRequest> = {},
): Schedule {
  const parsed = parseLoanTerms(
    {
      ratePer: 'month',
      minTerm: 1,
      maxTerm: 520,
      minAmount: '1',
      maxAmount: '1000000000',
      ...terms,
    },
    'IDR',
  );
  return buildSchedule({
    principal: idr(principal),
    terms: parsed,
    rate: parsed.rate,
    instalments,
    disbursedOn: d('2026-01-15'),
    ...extra,
  });
}

const column = (s: Schedule, key: 'principal' | 'interest' | 'total' | 'balanceAfter') =>
  s.instalments.map((i) => i[key].toString());
const repeat = (value: string, times: number) => Array<string>(times).fill(value);

describe('flat schedules', () => {
  it('lends Rp9,000,000 at 1% a month over 12 months for Rp840,000 a month', () => {
    const s = schedule({ method: 'flat', rate: '0.01' }, '9000000', 12);
    expect(column(s, 'principal')).toEqual(repeat('750000.00', 12));
    expect(column(s, 'interest')).toEqual(repeat('90000.00', 12));
    expect(column(s, 'total')).toEqual(repeat('840000.00', 12));
    expect(s.totalInterest.toString()).toBe('1080000.00');
    expect(s.instalments[11].balanceAfter.toString()).toBe('0.00');
  });

  it('reports the effective annual rate of the flat cash flows', () => {
    const s = schedule({ method: 'flat', rate: '0.01' }, '9000000', 12);
    // 9,000,000 = 840,000 x (1 - (1+r)^-12)/r gives r = 1.78810% a month; x 12 = 21.4572%.
    expect(s.effectiveAnnualRate).toBe('0.214572');
    const monthly = new Decimal(s.effectiveAnnualRate).div(12);
    const presentValue = [...Array(12).keys()].reduce(
      (sum, i) => sum.plus(new Decimal(840000).div(monthly.plus(1).pow(i + 1))),
      new Decimal(0),
    );
    expect(presentValue.minus(9000000).abs().lt(5)).toBe(true);
  });

  it('carries interest only in the grace instalments and spreads principal over the rest', () => {
    const s = schedule(
      { method: 'flat', rate: '0.01', graceInstalments: 2, minTerm: 12 },
      '9000000',
      12,
    );
    expect(column(s, 'principal')).toEqual([...repeat('0.00', 2), ...repeat('900000.00', 10)]);
    expect(column(s, 'total')).toEqual([...repeat('90000.00', 2), ...repeat('990000.00', 10)]);
    expect(s.instalments[1].balanceAfter.toString()).toBe('9000000.00');
  });

  it('rounds both parts to Rp100 and leaves the residue in the last instalment', () => {
    // 10,050,050 x 1% = 100,500.50 -> 100,500; / 12 = 837,504.17 -> 837,500;
    // last principal 10,050,050 - 11 x 837,500 = 837,550.
    const s = schedule({ method: 'flat', rate: '0.01', roundingUnit: '100' }, '10050050', 12);
    expect(column(s, 'principal')).toEqual([...repeat('837500.00', 11), '837550.00']);
    expect(column(s, 'total')).toEqual([...repeat('938000.00', 11), '938050.00']);
  });

  it('rounds principal down when rounding up would overpay before the last instalment', () => {
    // 1,800 / 12 = 150 rounds half-up to 200, and 11 x 200 > 1,800: so 100 each, 700 last.
    const s = schedule({ method: 'flat', rate: '0', roundingUnit: '100' }, '1800', 12);
    expect(column(s, 'principal')).toEqual([...repeat('100.00', 11), '700.00']);
    expect(s.effectiveAnnualRate).toBe('0.000000');
  });
});

describe('declining (equal principal) schedules', () => {
  it('charges 1% a month on the balance: 120,000 down to 10,000', () => {
    const s = schedule({ method: 'declining', rate: '0.01' }, '12000000', 12);
    expect(column(s, 'principal')).toEqual(repeat('1000000.00', 12));
    expect(column(s, 'interest')).toEqual(
      [120, 110, 100, 90, 80, 70, 60, 50, 40, 30, 20, 10].map((k) => `${k}000.00`),
    );
    expect(s.totalInterest.toString()).toBe('780000.00');
    expect(s.effectiveAnnualRate).toBe('0.12');
  });

  it('rounds principal to the unit and interest to the minor unit', () => {
    const s = schedule({ method: 'declining', rate: '0.01', roundingUnit: '100' }, '10000000', 12);
    expect(column(s, 'principal')).toEqual([...repeat('833300.00', 11), '833700.00']);
    // 9,166,700 x 1% and the last balance 833,700 x 1%: interest is not rounded to Rp100.
    expect(column(s, 'interest').slice(0, 2)).toEqual(['100000.00', '91667.00']);
    expect(s.instalments[11].interest.toString()).toBe('8337.00');
  });

  it('keeps the balance whole through the grace instalments', () => {
    const s = schedule(
      { method: 'declining', rate: '0.01', graceInstalments: 2, minTerm: 12 },
      '12000000',
      14,
    );
    expect(column(s, 'interest').slice(0, 4)).toEqual([
      '120000.00',
      '120000.00',
      '120000.00',
      '110000.00',
    ]);
    expect(column(s, 'principal').slice(0, 3)).toEqual(['0.00', '0.00', '1000000.00']);
    expect(s.totalInterest.toString()).toBe('1020000.00');
  });

  it('counts actual days over 365 when the product says actual/365', () => {
    // 12,000,000 x 12% x 31/365 = 122,301.37; 8,000,000 x 12% x 28/365 = 73,643.84;
    // 4,000,000 x 12% x 31/365 = 40,767.12.
    const s = schedule(
      { method: 'declining', rate: '0.01', dayCount: 'actual/365' },
      '12000000',
      3,
    );
    expect(column(s, 'interest')).toEqual(['122301.37', '73643.84', '40767.12']);
  });

  it('starts from a chosen first due date and counts on from it', () => {
    // 40 days, then 31 and 30: 3,000,000 x 12% x 40/365 = 39,452.05, ...
    const s = schedule(
      { method: 'declining', ratePer: 'year', rate: '0.12', dayCount: 'actual/365' },
      '3000000',
      3,
      { disbursedOn: d('2026-01-20'), firstDueDate: d('2026-03-01') },
    );
    expect(s.instalments.map((i) => [i.periodStart, i.dueDate])).toEqual([
      ['2026-01-20', '2026-03-01'],
      ['2026-03-01', '2026-04-01'],
      ['2026-04-01', '2026-05-01'],
    ]);
    expect(column(s, 'interest')).toEqual(['39452.05', '20383.56', '9863.01']);
  });
});

describe('annuity schedules', () => {
  // 10,000,000 x 0.01 / (1 - 1.01^-12) = 888,487.8868 -> 888,488 at a Rp1 unit.
  const table = [
    ['788488.00', '100000.00', '9211512.00'],
    ['796372.88', '92115.12', '8415139.12'],
    ['804336.61', '84151.39', '7610802.51'],
    ['812379.97', '76108.03', '6798422.54'],
    ['820503.77', '67984.23', '5977918.77'],
    ['828708.81', '59779.19', '5149209.96'],
    ['836995.90', '51492.10', '4312214.06'],
    ['845365.86', '43122.14', '3466848.20'],
    ['853819.52', '34668.48', '2613028.68'],
    ['862357.71', '26130.29', '1750670.97'],
    ['870981.29', '17506.71', '879689.68'],
    ['879689.68', '8796.90', '0.00'],
  ];

  it('pays 888,488 a month on Rp10,000,000 at 12% a year; the last clears the balance', () => {
    const s = schedule({ method: 'annuity', ratePer: 'year', rate: '0.12' }, '10000000', 12);
    expect(s.instalments.map((i) => [i.principal, i.interest, i.balanceAfter].map(String))).toEqual(
      table,
    );
    expect(column(s, 'total')).toEqual([...repeat('888488.00', 11), '888486.58']);
    expect(s.totalInterest.toString()).toBe('661854.58');
  });

  it('pays interest only through the grace and then the same annuity', () => {
    const s = schedule(
      { method: 'annuity', ratePer: 'year', rate: '0.12', graceInstalments: 2, minTerm: 12 },
      '10000000',
      14,
    );
    expect(column(s, 'total').slice(0, 2)).toEqual(['100000.00', '100000.00']);
    expect(
      s.instalments.slice(2).map((i) => [i.principal, i.interest, i.balanceAfter].map(String)),
    ).toEqual(table);
  });

  it('divides the principal evenly at a zero rate', () => {
    const s = schedule({ method: 'annuity', rate: '0' }, '1200000', 12);
    expect(column(s, 'total')).toEqual(repeat('100000.00', 12));
  });
});

describe('weekly schedules', () => {
  const weekly = { unit: 'week', every: 1 };

  it('falls due every 7 days at the annual rate x 7/365', () => {
    // 36.5% a year x 7/365 = 0.7% a week: 7,000 on Rp1,000,000.
    const s = schedule(
      { method: 'flat', ratePer: 'year', rate: '0.365', frequency: weekly },
      '1000000',
      10,
      { disbursedOn: d('2026-03-02') },
    );
    expect(s.instalments.map((i) => i.dueDate)).toEqual([
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
      '2026-04-06',
      '2026-04-13',
      '2026-04-20',
      '2026-04-27',
      '2026-05-04',
      '2026-05-11',
    ]);
    expect(column(s, 'total')).toEqual(repeat('107000.00', 10));
  });

  it('declines weekly by 0.7% of each 100,000 repaid', () => {
    const s = schedule(
      { method: 'declining', ratePer: 'year', rate: '0.365', frequency: weekly },
      '1000000',
      10,
    );
    expect(column(s, 'interest')).toEqual(
      ['7000', '6300', '5600', '4900', '4200', '3500', '2800', '2100', '1400', '700'].map(
        (v) => `${v}.00`,
      ),
    );
  });
});

describe('holidays and dates', () => {
  // 2026-01-04 was a Sunday.
  const isWeekend = (date: BusinessDate) => [0, 6].includes(daysBetween(d('2026-01-04'), date) % 7);

  it('moves a due date to the next business day and keeps the amounts', () => {
    const terms = { method: 'declining', rate: '0.01', dayCount: 'actual/365' };
    const plain = schedule(terms, '12000000', 3);
    const moved = schedule({ ...terms, holidayRule: 'next-business-day' }, '12000000', 3, {
      isHoliday: isWeekend,
    });
    // 15 Feb and 15 Mar 2026 are Sundays.
    expect(moved.instalments.map((i) => i.dueDate)).toEqual([
      '2026-02-16',
      '2026-03-16',
      '2026-04-15',
    ]);
    expect(moved.instalments.map((i) => i.periodStart)).toEqual([
      '2026-01-15',
      '2026-02-15',
      '2026-03-15',
    ]);
    expect(column(moved, 'interest')).toEqual(column(plain, 'interest'));
  });

  it('ignores the holiday calendar when the product does not move due dates', () => {
    const s = schedule({ method: 'flat', rate: '0.01' }, '9000000', 2, { isHoliday: isWeekend });
    expect(s.instalments[0].dueDate).toBe('2026-02-15');
  });

  it('adds months from the anchor with end-of-month clamping', () => {
    const monthly = { unit: 'month', every: 1 } as const;
    expect(contractualDate(d('2026-01-31'), monthly, 1)).toBe('2026-02-28');
    expect(contractualDate(d('2026-01-31'), monthly, 2)).toBe('2026-03-31');
    expect(contractualDate(d('2027-11-30'), monthly, 3)).toBe('2028-02-29');
    expect(contractualDate(d('2026-11-15'), { unit: 'month', every: 3 }, 2)).toBe('2027-05-15');
    expect(contractualDate(d('2026-12-29'), { unit: 'week', every: 2 }, 1)).toBe('2027-01-12');
  });
});

describe('schedule requests', () => {
  function fieldsOf(request: Partial<ScheduleRequest>, terms = {}): string[] {
    try {
      schedule({ method: 'flat', rate: '0.01', ...terms }, '9000000', 12, request);
      return [];
    } catch (error) {
      return (error as InvalidInputError).errors.map((e) => e.field);
    }
  }

  it('names what is wrong with the request', () => {
    expect(fieldsOf({ instalments: 0 })).toEqual(['instalments']);
    expect(fieldsOf({ rate: '-0.01', principal: idr('0') })).toEqual(['principal', 'rate']);
    expect(fieldsOf({ firstDueDate: d('2026-01-15') })).toEqual(['firstDueDate']);
    expect(fieldsOf({ instalments: 2 }, { graceInstalments: 2, minTerm: 3 })).toEqual([
      'instalments',
    ]);
  });
});
