import { countFor } from './teller-day';

describe('counting a rupiah till', () => {
  it('uses the fewest notes and coins', () => {
    expect(countFor('5387500.00')).toEqual([
      { denomination: '100000', pieces: 53 },
      { denomination: '50000', pieces: 1 },
      { denomination: '20000', pieces: 1 },
      { denomination: '10000', pieces: 1 },
      { denomination: '5000', pieces: 1 },
      { denomination: '2000', pieces: 1 },
      { denomination: '500', pieces: 1 },
    ]);
    expect(countFor('0.00')).toEqual([]);
  });
});
