/**
 * Where a run's time goes, without touching the application: wraps methods on their prototypes
 * and sums the wall time of every call (inclusive of what they call; concurrent calls add up).
 */
export class MethodTimes {
  private readonly totals = new Map<string, { millis: number; calls: number }>();

  wrap(prototype: object, methods: readonly string[], prefix: string): void {
    const target = prototype as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of methods) {
      const original = target[method];
      if (typeof original !== 'function') throw new Error(`${prefix}.${method} is not a method`);
      const totals = this.totals;
      const label = `${prefix}.${method}`;
      target[method] = async function (this: unknown, ...args: unknown[]) {
        const started = process.hrtime.bigint();
        try {
          return await original.apply(this, args);
        } finally {
          const total = totals.get(label) ?? { millis: 0, calls: 0 };
          total.millis += Number(process.hrtime.bigint() - started) / 1e6;
          total.calls += 1;
          totals.set(label, total);
        }
      };
    }
  }

  /** Seconds summed over every call of `label` (`Class.method`); 0 when never called. */
  seconds(label: string): number {
    return (this.totals.get(label)?.millis ?? 0) / 1000;
  }

  reset(): void {
    this.totals.clear();
  }

  /** `label: total s over n calls (mean ms)`, largest first. */
  lines(): string[] {
    return [...this.totals]
      .sort((a, b) => b[1].millis - a[1].millis)
      .map(
        ([label, t]) =>
          `${label}: ${(t.millis / 1000).toFixed(1)} s over ${t.calls} calls (${(t.millis / t.calls).toFixed(1)} ms each)`,
      );
  }
}
