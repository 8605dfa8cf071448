import type { FlowJob, JobsOptions } from 'bullmq';
import { endOfDayQueue, eodChunkJob, eodRunJob } from '../queues';

/** One end-of-day run: a cooperative's business date being closed. */
export interface RunKey {
  readonly cooperativeId: string;
  readonly businessDate: string;
}

export interface ChunkJobData extends RunKey {
  readonly chunkNo: number;
}

/** A chunk and the attempt number its job id carries. */
export interface ChunkAttempt {
  readonly chunkNo: number;
  readonly attempt: number;
}

/** BullMQ's own retries of one chunk job; each one is counted on the chunk row as well. */
export const chunkJobAttempts = 5;

/** Above the slowest chunk: a busy worker keeps its lock, so no chunk runs twice at once. */
export const chunkLockMillis = 120_000;

/** Kept long enough for Bull Board and for a burnt job id to stay recognisable. */
const retention: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Job ids are deterministic and carry the attempt: BullMQ ignores an id that still exists, so a
 * re-enqueue after a failure needs a new one, while a re-enqueue after Redis lost it may reuse it.
 */
export function chunkJobId(run: RunKey, chunkNo: number, attempt: number): string {
  return `eod-${run.cooperativeId}-${run.businessDate}-${chunkNo}-a${attempt}`;
}

export function runJobId(run: RunKey, attempt: number): string {
  return `eod-${run.cooperativeId}-${run.businessDate}-a${attempt}`;
}

/**
 * A run as a BullMQ flow: the parent waits for its chunks and fails with the first chunk that
 * runs out of retries. PostgreSQL, not the parent, decides when the run is complete.
 */
export function runFlow(run: RunKey, chunks: readonly ChunkAttempt[], runAttempt: number): FlowJob {
  const data: RunKey = { cooperativeId: run.cooperativeId, businessDate: run.businessDate };
  return {
    name: eodRunJob,
    queueName: endOfDayQueue,
    data,
    opts: { jobId: runJobId(run, runAttempt), ...retention },
    children: chunks.map(({ chunkNo, attempt }) => ({
      name: eodChunkJob,
      queueName: endOfDayQueue,
      data: { ...data, chunkNo } satisfies ChunkJobData,
      opts: {
        jobId: chunkJobId(run, chunkNo, attempt),
        attempts: chunkJobAttempts,
        backoff: { type: 'exponential', delay: 1_000 },
        failParentOnFailure: true,
        ...retention,
      },
    })),
  };
}
