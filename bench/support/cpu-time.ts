import { readFileSync } from 'node:fs';
import type { Client } from 'pg';

/** Clock ticks per second of /proc/<pid>/stat on Linux. */
const ticksPerSecond = 100;

/**
 * CPU time spent by some PostgreSQL backends (read from /proc, so the server must run on this
 * machine) and by this Node process, between `start` and `stop`: on a machine shared with other
 * work, what a run cost is steadier than how long it took. Backends are read again every
 * `everyMs` if given, since a pool closes idle connections and a backend's time goes with it
 * (what one spent after its last reading is still lost).
 */
export class CpuMeter {
  private readonly last = new Map<number, number>();
  private readonly timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();

  private constructor(
    private readonly owner: Client,
    private readonly backends: string,
    private readonly before: Map<number, number>,
    private readonly node: NodeJS.CpuUsage,
    everyMs: number | undefined,
  ) {
    if (everyMs) {
      this.timer = setInterval(() => {
        this.reading = this.reading.then(() => this.read()).catch(() => undefined);
      }, everyMs);
      // A run that fails never stops its meter: the readings must not keep the process alive.
      this.timer.unref();
    }
  }

  static async start(owner: Client, backends: string, everyMs?: number): Promise<CpuMeter> {
    const before = await cpuOf(owner, backends);
    return new CpuMeter(owner, backends, before, process.cpuUsage(), everyMs);
  }

  /** Seconds: `postgres` over the backends `backends` selects (their pids), `node` this process. */
  async stop(): Promise<{ postgres: number; node: number } | null> {
    clearInterval(this.timer);
    await this.reading;
    await this.read();
    if (this.last.size === 0) return null;
    let ticks = 0;
    for (const [pid, t] of this.last) ticks += t - (this.before.get(pid) ?? 0);
    const node = process.cpuUsage(this.node);
    return { postgres: ticks / ticksPerSecond, node: (node.user + node.system) / 1e6 };
  }

  private async read(): Promise<void> {
    for (const [pid, ticks] of await cpuOf(this.owner, this.backends)) this.last.set(pid, ticks);
  }
}

async function cpuOf(owner: Client, backends: string): Promise<Map<number, number>> {
  const { rows } = await owner.query<{ pid: number }>(backends);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // not on this machine, or gone
    }
  }
  return cpu;
}
