import { secondsRoundedUp } from './seconds';

export interface ThrottleWindow {
  readonly maxFailures: number;
  readonly windowMs: number;
}

export interface ThrottleLimits {
  readonly perUsername: ThrottleWindow;
  readonly perAddress: ThrottleWindow;
}

export type ThrottleVerdict =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Window {
  startedAt: number;
  failures: number;
}

/** Guessing passwords gets slow: a few failures per username, more per address, per window. */
export const defaultThrottleLimits: ThrottleLimits = {
  perUsername: { maxFailures: 5, windowMs: 15 * 60_000 },
  perAddress: { maxFailures: 50, windowMs: 15 * 60_000 },
};

/**
 * Fixed windows of failed logins, counted per username and per client address. Lives in the
 * api process: with several api instances each keeps its own count (README, Security).
 */
export class LoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: ThrottleLimits = defaultThrottleLimits,
    private readonly maxTracked = 100_000,
  ) {}

  check(username: string, address: string, now: number): ThrottleVerdict {
    const waits = [
      this.wait(`u:${username}`, this.limits.perUsername, now),
      this.wait(`a:${address}`, this.limits.perAddress, now),
    ];
    const wait = Math.max(...waits);
    return wait > 0
      ? { allowed: false, retryAfterSeconds: secondsRoundedUp(wait) }
      : { allowed: true };
  }

  recordFailure(username: string, address: string, now: number): void {
    this.count(`u:${username}`, this.limits.perUsername, now);
    this.count(`a:${address}`, this.limits.perAddress, now);
  }

  recordSuccess(username: string): void {
    this.windows.delete(`u:${username}`);
  }

  private wait(key: string, limit: ThrottleWindow, now: number): number {
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= limit.windowMs) return 0;
    return window.failures >= limit.maxFailures ? window.startedAt + limit.windowMs - now : 0;
  }

  private count(key: string, limit: ThrottleWindow, now: number): void {
    const window = this.windows.get(key);
    if (window && now - window.startedAt < limit.windowMs) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= this.maxTracked) this.makeRoom(now);
    this.windows.set(key, { startedAt: now, failures: 1 });
  }

  /** Expired windows first; under a flood of made-up usernames, the oldest window goes. */
  private makeRoom(now: number): void {
    const longest = Math.max(this.limits.perUsername.windowMs, this.limits.perAddress.windowMs);
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= longest) this.windows.delete(key);
    }
    if (this.windows.size >= this.maxTracked) {
      this.windows.delete(this.windows.keys().next().value as string);
    }
  }
}
