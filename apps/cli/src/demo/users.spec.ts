import { minPasswordLength, roles } from '@lumbung/auth';
import { demoPassword, demoReader, demoUsers, oneYearAfter } from './users';

describe('demo users', () => {
  it('hold every role, the auditor reads Kupang, and three managers at each lender', () => {
    expect(new Set(demoUsers.map((u) => u.role))).toEqual(new Set(roles));
    for (const cooperative of ['KSP-KUPANG', 'KSP-MAKASSAR']) {
      const managers = demoUsers.filter(
        (u) => u.role === 'manager' && u.cooperative === cooperative,
      );
      expect(managers).toHaveLength(3);
    }
    expect(demoReader).toMatchObject({ username: 'kupang.auditor', cooperative: 'KSP-KUPANG' });
    expect(demoUsers.filter((u) => u.role === 'admin')).toEqual([
      expect.objectContaining({ username: 'admin', cooperative: null }),
    ]);
  });

  it('have distinct usernames the api accepts, and a password long enough', () => {
    const names = demoUsers.map((u) => u.username);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9][a-z0-9._-]{2,63}$/);
    expect(demoPassword.length).toBeGreaterThanOrEqual(minPasswordLength);
  });
});

describe('oneYearAfter', () => {
  it('is the same day a year on, in UTC', () => {
    expect(oneYearAfter(new Date('2026-05-14T23:30:00+08:00'))).toBe('2027-05-14');
    expect(oneYearAfter(new Date('2026-12-31T16:00:00Z'))).toBe('2027-12-31');
  });

  it('ends a leap day on the last day of February', () => {
    expect(oneYearAfter(new Date('2028-02-29T12:00:00Z'))).toBe('2029-02-28');
  });
});
