import { addMonths, wajibCollection, wajibPosition } from './wajib';

describe('simpanan wajib months', () => {
  it('counts the months due from joining, the current one included', () => {
    expect(wajibPosition('2026-09-15', null, '2026-11-20')).toEqual({
      paidThrough: null,
      monthsInArrears: 3,
      nextDue: '2026-09',
    });
    expect(wajibPosition('2026-09-15', '2026-11', '2026-11-20').monthsInArrears).toBe(0);
    expect(wajibPosition('2026-09-15', '2027-02', '2026-11-20')).toMatchObject({
      monthsInArrears: 0,
      nextDue: '2027-03',
    });
  });

  it('collects the oldest unpaid months first, across a year end', () => {
    const position = wajibPosition('2026-11-01', null, '2026-12-05');
    expect(wajibCollection(position, 3, '2026-12-05')).toEqual({
      from: '2026-11',
      through: '2027-01',
    });
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
  });

  it('refuses more than a year ahead and nonsense counts', () => {
    const position = wajibPosition('2026-11-01', '2026-11', '2026-11-20');
    expect(() => wajibCollection(position, 13, '2026-11-20')).toThrow(/more than a year/);
    expect(() => wajibCollection(position, 0, '2026-11-20')).toThrow(/months/);
    expect(() => wajibCollection(position, 1.5, '2026-11-20')).toThrow(/months/);
  });
});
