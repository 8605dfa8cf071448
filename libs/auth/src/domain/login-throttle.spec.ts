import { LoginThrottle } from './login-throttle';

const limits = {
  perUsername: { maxFailures: 3, windowMs: 60_000 },
  perAddress: { maxFailures: 5, windowMs: 60_000 },
};

describe('LoginThrottle', () => {
  it('blocks a username after its failures until the window ends', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) throttle.recordFailure('ina', '10.0.0.1', 1_000 + i);
    expect(throttle.check('ina', '10.0.0.2', 2_000)).toEqual({
      allowed: false,
      retryAfterSeconds: 59,
    });
    expect(throttle.check('budi', '10.0.0.2', 2_000)).toEqual({ allowed: true });
    expect(throttle.check('ina', '10.0.0.2', 61_000)).toEqual({ allowed: true });
  });

  it('blocks an address trying many usernames', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) throttle.recordFailure(`user${i}`, '10.0.0.9', 0);
    expect(throttle.check('someone-new', '10.0.0.9', 1).allowed).toBe(false);
    expect(throttle.check('someone-new', '10.0.0.8', 1).allowed).toBe(true);
  });

  it('forgets a username failures after a success', () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 2; i++) throttle.recordFailure('ina', 'a', 0);
    throttle.recordSuccess('ina');
    throttle.recordFailure('ina', 'b', 1);
    expect(throttle.check('ina', 'c', 2).allowed).toBe(true);
  });

  it('stays bounded under a flood of made-up usernames', () => {
    const throttle = new LoginThrottle(limits, 10);
    for (let i = 0; i < 1_000; i++) throttle.recordFailure(`bot${i}`, `10.1.${i}`, i);
    expect(
      (throttle as unknown as { windows: Map<string, unknown> }).windows.size,
    ).toBeLessThanOrEqual(10);
  });
});
