import { businessDate } from '@lumbung/core';
import { daysToClose } from './days';

describe('days to close', () => {
  const today = businessDate('2026-11-23');

  it('starts with yesterday when no day was ever closed', () => {
    expect(daysToClose(null, today)).toEqual(['2026-11-22']);
  });

  it('catches up every missed day in order, never today', () => {
    expect(daysToClose(businessDate('2026-11-19'), today)).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(daysToClose(businessDate('2026-11-22'), today)).toEqual([]);
  });
});
