import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Where the application's SQL time goes (BENCH_SQL_PROFILE=1): every statement sent through
 * TypeORM in this process, timed by its first characters, from `start` on. Wall time as the
 * client sees it, waits for locks and the CPU included.
 */
export class SqlTimes {
  private readonly totals = new Map<string, { millis: number; calls: number }>();

  start(): void {
    const prototype = PostgresQueryRunner.prototype;
    const original = prototype.query;
    const totals = this.totals;
    totals.clear();
    prototype.query = async function (
      this: PostgresQueryRunner,
      ...args: Parameters<typeof original>
    ) {
      const started = process.hrtime.bigint();
      try {
        return await original.apply(this, args);
      } finally {
        const key = args[0].replace(/\s+/g, ' ').trim().slice(0, 90);
        const total = totals.get(key) ?? { millis: 0, calls: 0 };
        total.millis += Number(process.hrtime.bigint() - started) / 1e6;
        total.calls += 1;
        totals.set(key, total);
      }
    };
  }

  /** The `top` statements by total time: `total s, calls x mean ms: statement`. */
  lines(top = 30): string[] {
    return [...this.totals]
      .sort((a, b) => b[1].millis - a[1].millis)
      .slice(0, top)
      .map(
        ([sql, t]) =>
          `${(t.millis / 1000).toFixed(2)} s, ${t.calls} x ${(t.millis / t.calls).toFixed(2)} ms: ${sql}`,
      );
  }
}
