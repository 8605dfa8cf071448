import { InvalidInputError } from '@lumbung/core';
import { parseGrantRequest } from './grant-request';

const now = new Date('2026-11-22T00:00:00Z');
const userId = '01a20000-0000-7000-8000-000000000009';

function fields(input: unknown): string[] {
  try {
    parseGrantRequest(input, now);
    return [];
  } catch (error) {
    return (error as InvalidInputError).errors.map((e) => e.field);
  }
}

describe('parseGrantRequest', () => {
  it('accepts a teller without an end and an auditor with one', () => {
    expect(parseGrantRequest({ userId, role: 'teller' }, now)).toEqual({
      userId,
      role: 'teller',
      validUntil: null,
    });
    expect(parseGrantRequest({ userId, role: 'auditor', validUntil: '2027-03-31' }, now)).toEqual({
      userId,
      role: 'auditor',
      validUntil: '2027-03-31T00:00:00.000Z',
    });
  });

  it('names every bad field', () => {
    expect(fields({ userId: 'x', role: 'owner' })).toEqual(['userId', 'role']);
    expect(fields({ userId, role: 'auditor' })).toEqual(['validUntil']);
    expect(fields({ userId, role: 'teller', validUntil: '2026-01-01' })).toEqual(['validUntil']);
    expect(fields({ userId, role: 'teller', validUntil: 'next week' })).toEqual(['validUntil']);
    expect(fields(null)).toEqual(['userId', 'role']);
  });
});
