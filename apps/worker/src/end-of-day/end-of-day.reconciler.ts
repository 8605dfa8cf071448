import { EndOfDayService, type PendingChunk } from '@lumbung/end-of-day';
import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { FlowProducer, JobState, Queue } from 'bullmq';
import { KeptScheduler } from '../kept-scheduler';
import { endOfDayQueue, reconcileEndOfDayJob } from '../queues';
import {
  type ChunkAttempt,
  chunkJobAttempts,
  chunkJobId,
  type RunKey,
  runFlow,
  runJobId,
} from './end-of-day.jobs';

/** How often PostgreSQL's list of what is left is held against Redis. */
export const reconcileEveryMillis = 5_000;

/** The flow producer of end-of-day runs. */
export const endOfDayFlows = 'end-of-day-flows';

/** A job in one of these states will still run: nothing to enqueue for its chunk. */
const inHand = new Set<JobState | 'unknown'>([
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
]);

const jobRetention = { removeOnComplete: 100, removeOnFail: 1_000 };

/** Ids above the expected one that may be burnt (failed without a recorded failure). */
const spareAttempts = 20;

export interface Reconciliation {
  readonly opened: number;
  readonly enqueued: number;
}

/**
 * PostgreSQL, not Redis, knows what is left (DESIGN.md section 5): every few seconds and at
 * start, opens the runs that are due and enqueues every chunk whose row is not done and whose
 * job Redis does not hold. Losing Redis therefore loses nothing but time.
 */
@Injectable()
export class EndOfDayReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EndOfDayReconciler.name);
  private readonly scheduler: KeptScheduler;
  private previous: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectQueue(endOfDayQueue) private readonly queue: Queue,
    @InjectFlowProducer(endOfDayFlows) private readonly flows: FlowProducer,
    private readonly endOfDay: EndOfDayService,
  ) {
    // Put back whenever Redis loses it (restarted empty), like every scheduler of the worker.
    this.scheduler = new KeptScheduler(
      queue,
      reconcileEndOfDayJob,
      reconcileEveryMillis,
      jobRetention,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduler.start();
    // At once on start: a scheduler kept in Redis from an earlier process may be due later.
    await this.soon();
  }

  beforeApplicationShutdown(): void {
    this.scheduler.stop();
  }

  /** A reconciliation now rather than at the next tick: a run completed and opened the next day. */
  async soon(): Promise<void> {
    await this.queue.add(reconcileEndOfDayJob, {}, jobRetention);
  }

  /**
   * One at a time in this process (the worker runs two jobs at once): two passes reading Redis
   * side by side could each find a chunk missing and give it to two different parents.
   */
  reconcile(): Promise<Reconciliation> {
    const pass = this.previous.catch(() => undefined).then(() => this.pass());
    this.previous = pass;
    return pass;
  }

  private async pass(): Promise<Reconciliation> {
    let opened = 0;
    for (const cooperativeId of await this.endOfDay.cooperativesBehind()) {
      // One cooperative that cannot open (a bad chart, say) must not hold up the others.
      try {
        if (await this.endOfDay.openNextDue(cooperativeId)) opened++;
      } catch (error) {
        this.logger.warn(`cooperative ${cooperativeId}: end of day not opened: ${String(error)}`);
      }
    }
    let enqueued = 0;
    for (const [run, chunks] of byRun(await this.endOfDay.unfinished())) {
      enqueued += await this.enqueue(run, chunks);
    }
    return { opened, enqueued };
  }

  /** One flow for the run's chunks that no job holds; returns how many chunks it carries. */
  private async enqueue(run: RunKey, chunks: readonly PendingChunk[]): Promise<number> {
    const missing: ChunkAttempt[] = [];
    for (const chunk of chunks) {
      const attempt = await this.freeChunkAttempt(chunk);
      if (attempt !== null) missing.push({ chunkNo: chunk.chunkNo, attempt });
    }
    if (missing.length === 0) return 0;
    const runAttempt = await this.freeRunAttempt(run, Math.max(...missing.map((c) => c.attempt)));
    await this.flows.add(runFlow(run, missing, runAttempt));
    this.logger.log(
      `cooperative ${run.cooperativeId}: end of day ${run.businessDate}: enqueued chunks ${missing.map((c) => c.chunkNo).join(', ')}`,
    );
    return missing.length;
  }

  /**
   * The attempt number to enqueue the chunk under, or null when a job still holds it. A job
   * enqueued at attempt k covers the row's attempts k to k + 4 through BullMQ's own retries, so
   * those ids are looked at too; an id that failed or completed is spent, hence the next one.
   */
  private async freeChunkAttempt(chunk: PendingChunk): Promise<number | null> {
    const from = Math.max(0, chunk.attempts - (chunkJobAttempts - 1));
    for (let n = from; n <= chunk.attempts + spareAttempts; n++) {
      const state = await this.queue.getJobState(chunkJobId(chunk, chunk.chunkNo, n));
      if (inHand.has(state)) return null;
      if (state === 'unknown' && n >= chunk.attempts) return n;
    }
    this.logger.warn(`${chunkJobId(chunk, chunk.chunkNo, chunk.attempts)}: later ids all spent`);
    return null;
  }

  /** A parent id Redis does not know: an old parent, live or not, keeps its own children. */
  private async freeRunAttempt(run: RunKey, from: number): Promise<number> {
    let n = from;
    while ((await this.queue.getJobState(runJobId(run, n))) !== 'unknown') n++;
    return n;
  }
}

/** Pending chunks grouped by run, in the order given (oldest run first). */
function byRun(chunks: readonly PendingChunk[]): Map<RunKey, PendingChunk[]> {
  const runs = new Map<string, [RunKey, PendingChunk[]]>();
  for (const chunk of chunks) {
    const key = `${chunk.cooperativeId} ${chunk.businessDate}`;
    const run = runs.get(key) ?? [chunk, []];
    run[1].push(chunk);
    runs.set(key, run);
  }
  return new Map([...runs.values()]);
}
