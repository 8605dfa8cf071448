import { Money } from '@lumbung/core';
import { defaultCollectibility, parseCollectibility } from './collectibility';
import type { CollateralInput } from './loan-application';
import { collateralClassOf, collateralCredit, provisionFor } from './provision';

const idr = (value: string) => Money.parse(value, 'IDR');

type Item = Pick<CollateralInput, 'kind' | 'documentType' | 'inCustody' | 'valuation'>;
const item = (
  kind: Item['kind'],
  documentType: Item['documentType'],
  valuation: string,
  inCustody = true,
): Item => ({ kind, documentType, valuation, inCustody });

describe('collateral credit', () => {
  const { collateralCredit: credit } = defaultCollectibility();

  it('classes collateral the cooperative holds: deposits, titled land and buildings, vehicles', () => {
    expect(collateralClassOf(item('deposit', 'deposit-slip', '1'))).toBe('cash-deposit');
    expect(collateralClassOf(item('land', 'shm', '1'))).toBe('land');
    expect(collateralClassOf(item('building', 'shgb', '1'))).toBe('land');
    expect(collateralClassOf(item('land', 'ajb', '1'))).toBeNull();
    expect(collateralClassOf(item('vehicle', 'bpkb', '1'))).toBe('vehicle');
    expect(collateralClassOf(item('vehicle', 'bpkb', '1', false))).toBeNull();
    expect(collateralClassOf(item('equipment', 'invoice', '1'))).toBeNull();
    expect(collateralClassOf(item('inventory', 'other', '1'))).toBeNull();
  });

  it('credits deposits 100%, land 80% and vehicles 50% of their valuation, rounded down', () => {
    expect(
      collateralCredit(
        [
          item('deposit', 'deposit-slip', '1000000.00'),
          item('land', 'shm', '50000000.00'),
          item('vehicle', 'bpkb', '12000000.01'),
          item('equipment', 'invoice', '9000000.00'),
        ],
        credit,
        'IDR',
      ).toString(),
    ).toBe('47000000.00'); // 1,000,000 + 40,000,000 + 6,000,000.005 rounded down
    expect(collateralCredit([], credit, 'IDR').toString()).toBe('0.00');
  });
});

describe('provisions (PPAP)', () => {
  const cooperative = defaultCollectibility();
  const bank = parseCollectibility({ preset: 'bank' });

  it('applies the grade’s rate to the principal less collateral credit', () => {
    const p = provisionFor(cooperative, 'lancar', idr('9000000.00'), idr('0'));
    expect([p.rate, p.base.toString(), p.required.toString()]).toEqual([
      '0.005',
      '9000000.00',
      '45000.00',
    ]);
    const covered = provisionFor(cooperative, 'kurang-lancar', idr('9000000.00'), idr('6000000'));
    expect(covered.base.toString()).toBe('3000000.00');
    expect(covered.required.toString()).toBe('300000.00');
    expect(
      provisionFor(bank, 'dalam-perhatian-khusus', idr('1000'), idr('0')).required.toString(),
    ).toBe('30.00');
    expect(provisionFor(bank, 'macet', idr('6750000.00'), idr('0')).required.toString()).toBe(
      '6750000.00',
    );
  });

  it('floors the base at zero when collateral covers the loan', () => {
    const p = provisionFor(cooperative, 'macet', idr('5000000.00'), idr('8000000.00'));
    expect(p.base.toString()).toBe('0.00');
    expect(p.required.toString()).toBe('0.00');
  });

  it('rounds half-up to the minor unit', () => {
    // 0.5% of 8,250,001.00 is 41,250.005.
    expect(
      provisionFor(cooperative, 'lancar', idr('8250001.00'), idr('0')).required.toString(),
    ).toBe('41250.01');
  });

  it('provisions a grade the preset lacks at the next worse grade’s rate', () => {
    expect(provisionFor(cooperative, 'dalam-perhatian-khusus', idr('1000'), idr('0')).rate).toBe(
      '0.1',
    );
  });
});
