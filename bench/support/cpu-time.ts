import { readFileSync } from 'node:fs';
import type { Client } from 'pg';

/** Clock ticks per second of /proc/<pid>/stat on Linux. */
const ticksPerSecond = 100;

/**
 * CPU time spent by some PostgreSQL backends (read from /proc, so the server must run on this
 * machine) and by this Node process, between `start` and `stop`: on a machine shared with other
 * work, what a run cost is steadier than how long it took.
 */
export class CpuMeter {
  private constructor(
    private readonly before: Map<number, number>,
    private readonly node: NodeJS.CpuUsage,
  ) {}

  static async start(owner: Client, backends: string): Promise<CpuMeter> {
    return new CpuMeter(await cpuOf(owner, backends), process.cpuUsage());
  }

  /** Seconds: `postgres` over the backends `backends` selects (their pids), `node` this process. */
  async stop(owner: Client, backends: string): Promise<{ postgres: number; node: number } | null> {
    const after = await cpuOf(owner, backends);
    if (after.size === 0) return null;
    let ticks = 0;
    for (const [pid, t] of after) ticks += t - (this.before.get(pid) ?? 0);
    const node = process.cpuUsage(this.node);
    return { postgres: ticks / ticksPerSecond, node: (node.user + node.system) / 1e6 };
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
