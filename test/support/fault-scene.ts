import { Queue } from 'bullmq';
import {
  ChunkBlocker,
  cloneDatabase,
  closeUninterrupted,
  type FaultDatabase,
  seedFaultCooperative,
} from './eod-fault-fixture';
import { adminUrl, connectAs, createTestDatabase } from './postgres';
import { GiveUp, type PrivateCluster, PrivateRedis, waitUntil } from './private-services';
import { buildWorkerOnce, WorkerProcess } from './worker-process';

/**
 * What every fault suite starts from: the fault cooperative seeded in `fault`, a copy of it in
 * `baseline` for the run nothing interrupts, a private Redis (the built worker uses the default
 * queue prefix, so it never shares one), and every worker the suite starts, killed on dispose.
 */
export class FaultScene {
  private readonly workers: WorkerProcess[] = [];

  private constructor(
    readonly redis: PrivateRedis,
    readonly fault: FaultDatabase,
    readonly baseline: FaultDatabase,
    readonly cooperativeId: string,
    private readonly dropDatabases: () => Promise<void>,
  ) {}

  /** On the shared PostgreSQL, which the suite must not stop; its two databases dropped after. */
  static async onSharedPostgres(): Promise<FaultScene> {
    const [fault] = await Promise.all([createTestDatabase(), buildWorkerOnce()]);
    const redis = await PrivateRedis.start();
    try {
      const cooperativeId = await seedFaultCooperative(adminUrl, fault);
      const baseline = await cloneDatabase(adminUrl, fault, `${fault.name}_b`);
      return new FaultScene(redis, fault, baseline, cooperativeId, async () => {
        await connectAs(adminUrl, (admin) =>
          admin.query(`DROP DATABASE IF EXISTS "${baseline.name}" WITH (FORCE)`),
        );
        await fault.drop();
      });
    } catch (error) {
      await redis.dispose();
      await fault.drop();
      throw error;
    }
  }

  /** On a cluster of the suite's own, which it may restart; the cluster goes with its databases. */
  static async onCluster(cluster: PrivateCluster): Promise<FaultScene> {
    const [fault] = await Promise.all([cluster.createDatabase('lumbung_fault'), buildWorkerOnce()]);
    const redis = await PrivateRedis.start();
    try {
      const cooperativeId = await seedFaultCooperative(cluster.adminUrl, fault);
      const baseline = await cloneDatabase(cluster.adminUrl, fault, 'lumbung_fault_b');
      return new FaultScene(redis, fault, baseline, cooperativeId, () => cluster.dispose());
    } catch (error) {
      await redis.dispose();
      await cluster.dispose();
      throw error;
    }
  }

  /** The days closed on `baseline` by a worker nothing interrupts, then Redis emptied again. */
  async closeBaseline(): Promise<void> {
    await closeUninterrupted(this.baseline, this.cooperativeId, this.redis.url, this.workers);
    await this.redis.restart();
  }

  /** The built worker in a process of its own, on `fault` and the private Redis. */
  async startWorker(): Promise<WorkerProcess> {
    const worker = await WorkerProcess.start({
      databaseUrl: this.fault.appUrl,
      databaseOwnerUrl: this.fault.ownerUrl,
      redisUrl: this.redis.url,
    });
    this.workers.push(worker);
    return worker;
  }

  /**
   * Starts a worker while rows of the first day's two savings chunks are held here, and runs
   * `whileHeld` once both chunks wait on them: the worker takes two chunks at a time, so it then
   * has nothing but two chunks mid-transaction. The rows are let go afterwards, whatever
   * `whileHeld` did; the worker is returned, alive or not.
   */
  async startWorkerWithChunksHeld(
    whileHeld: (worker: WorkerProcess, blocker: ChunkBlocker) => Promise<void>,
  ): Promise<WorkerProcess> {
    // Held before the worker starts, or it may have run the chunks already.
    const blocker = await ChunkBlocker.hold(this.fault, this.cooperativeId);
    try {
      const worker = await this.startWorker();
      await waitUntil(
        'both chunks of the worker wait on the held rows',
        async () => {
          if (!worker.running) throw new GiveUp(`worker exited:\n${await worker.logTail()}`);
          return (await blocker.waiting(this.fault)) === 2;
        },
        120_000,
      );
      await whileHeld(worker, blocker);
      return worker;
    } finally {
      await blocker.release();
    }
  }

  /** A queue of the worker's (its default prefix) on the private Redis, closed after `work`. */
  async withQueue<T>(name: string, work: (queue: Queue) => Promise<T>): Promise<T> {
    const queue = new Queue(name, {
      connection: { url: this.redis.url, maxRetriesPerRequest: null },
      prefix: 'lumbung',
    });
    try {
      return await work(queue);
    } finally {
      await queue.close();
    }
  }

  async dispose(): Promise<void> {
    for (const worker of this.workers) await worker.kill();
    await this.redis.dispose();
    await this.dropDatabases();
  }
}
