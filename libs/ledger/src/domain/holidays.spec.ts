import { businessDate } from '@lumbung/core';
import { isClosedDay, parseHoliday } from './holidays';

describe('closed days', () => {
  it('closes on Sundays and declared holidays only', () => {
    const declared = new Set(['2026-12-25']);
    expect(isClosedDay(businessDate('2026-12-20'), declared)).toBe(true); // a Sunday
    expect(isClosedDay(businessDate('2026-12-25'), declared)).toBe(true);
    expect(isClosedDay(businessDate('2026-12-19'), declared)).toBe(false); // a Saturday
    expect(isClosedDay(businessDate('2026-12-21'), new Set())).toBe(false);
  });

  it('names each bad field of a holiday', () => {
    expect(() => parseHoliday({ date: '2026-02-30', name: '' })).toThrow(
      expect.objectContaining({
        errors: [
          { field: 'date', message: 'a date, YYYY-MM-DD' },
          { field: 'name', message: '1 to 200 characters' },
        ],
      }),
    );
    expect(parseHoliday({ date: '2026-12-25', name: ' Natal ' })).toEqual({
      date: '2026-12-25',
      name: 'Natal',
    });
  });
});
