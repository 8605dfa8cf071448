import { AuditLog } from '@lumbung/audit';
import {
  type BusinessDate,
  businessDate as parseDate,
  compareDates,
  NotFoundError,
  RuleViolationError,
} from '@lumbung/core';
import { TransactionScope, type Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { type ChunkPlan, planChunks } from '../domain/chunks';
import { daysToClose } from '../domain/days';
import {
  chunksOf,
  countFailure,
  finishChunk,
  insertRun,
  lastRunDate,
  openRunExists,
  runOf,
  unfinishedChunks,
} from '../infrastructure/run-store';
import { EodSteps } from './eod-steps';

/**
 * Loans or savings accounts per chunk: small enough that a chunk holds its locks briefly (a few
 * tenths of a second), large enough that what every chunk pays once (its transaction and
 * bookkeeping, a summary entry per product, a few lookups) stays small beside its rows: at 500
 * those were close to half of the chunks' SQL time (BENCHMARKS.md "accrual"). No more than the
 * 900 member lines of one month-end interest entry, so a savings chunk posts one at month end.
 */
export const chunkSize = 900;

/** Opening always cuts the cooperative-wide chunk first (planChunks). */
const cooperativeChunk = 1;

export interface EodRunView {
  readonly cooperativeId: string;
  readonly businessDate: string;
  readonly state: 'running' | 'complete';
  readonly chunks: { readonly total: number; readonly done: number };
  readonly failures: readonly {
    readonly chunkNo: number;
    readonly attempts: number;
    readonly lastError: string;
  }[];
  readonly openedAt: string;
  readonly completedAt: string | null;
}

export interface PendingChunk {
  readonly cooperativeId: string;
  readonly businessDate: string;
  readonly chunkNo: number;
  readonly attempts: number;
}

/**
 * The end of day as PostgreSQL owns it (DESIGN.md section 5): a run per cooperative and day,
 * cut into chunks once, each chunk's steps idempotent, the run complete in the transaction of
 * its last chunk. Days close in order; a missed day is caught up before the next.
 */
@Injectable()
export class EndOfDayService {
  /**
   * Per cooperative, the latest day whose cooperative-wide chunk this process has seen done: a
   * chunk once done stays done, and days close in order, so no later chunk of that day (or of an
   * earlier one) needs to ask PostgreSQL again.
   */
  private readonly cooperativeChunkDone = new Map<string, string>();

  constructor(
    private readonly scope: TransactionScope,
    private readonly cooperatives: CooperativeService,
    private readonly steps: EodSteps,
    private readonly audit: AuditLog,
  ) {}

  async open(
    tx: Tx,
    cooperativeId: string,
    options: { date?: string; actorId?: string } = {},
  ): Promise<EodRunView> {
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    // One opener at a time per cooperative: two managers asking at once get the same run.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('eod:' || $1, 0))`, [
      cooperativeId,
    ]);
    const last = await lastRunDate(tx, cooperativeId);
    const date =
      options.date === undefined
        ? (daysToClose(last, businessDate)[0] ?? last ?? businessDate)
        : parseDate(options.date, 'date');
    if (await runOf(tx, cooperativeId, date)) return this.view(tx, cooperativeId, date);
    if (compareDates(date, businessDate) >= 0) {
      throw new RuleViolationError(
        'day-not-over',
        'Day not over',
        `${date} is not over yet: the business date is ${businessDate}`,
        { field: 'date', businessDate },
      );
    }
    const next = daysToClose(last, businessDate)[0];
    if (await openRunExists(tx, cooperativeId)) {
      throw new RuleViolationError(
        'earlier-day-open',
        'An earlier day is still closing',
        `The end of day for ${last} is still running: days close in order`,
        { field: 'date', running: last },
      );
    }
    if (next !== undefined ? date !== next : last !== null) {
      throw new RuleViolationError(
        'day-out-of-order',
        'Days close in order',
        next === undefined
          ? `Every day before ${businessDate} is closed or closing`
          : `The next day to close is ${next}`,
        { field: 'date', next },
      );
    }
    const chunks = planChunks(
      await this.idsOf(tx, 'loans', cooperativeId, date),
      await this.idsOf(tx, 'savings', cooperativeId, date),
      chunkSize,
    );
    await insertRun(tx, cooperativeId, date, chunks, options.actorId ?? null);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'eod.run.open',
      targetType: 'eod_run',
      targetId: date,
      after: { businessDate: date, chunks: chunks.length },
      actorId: options.actorId,
    });
    return this.view(tx, cooperativeId, date);
  }

  /** Opens the earliest day not yet closed unless a run is still going; null when none is due. */
  openNextDue(cooperativeId: string): Promise<EodRunView | null> {
    return this.scope.run(async (tx) => {
      if (await openRunExists(tx, cooperativeId)) return null;
      const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
      const [next] = daysToClose(await lastRunDate(tx, cooperativeId), businessDate);
      return next === undefined ? null : this.open(tx, cooperativeId, { date: next });
    });
  }

  async runChunk(
    cooperativeId: string,
    businessDate: string,
    chunkNo: number,
  ): Promise<{ readonly runComplete: boolean }> {
    if (chunkNo !== cooperativeChunk) await this.cooperativeChunkFirst(cooperativeId, businessDate);
    const completed = await this.scope.run(async (tx) => {
      const [chunk] = await chunksOf(tx, cooperativeId, businessDate, { chunkNo });
      if (!chunk) throw new NotFoundError('end-of-day chunk', `${businessDate}/${chunkNo}`);
      if (chunk.doneAt !== null) {
        return (await runOf(tx, cooperativeId, businessDate))!.state === 'complete';
      }
      const range =
        chunk.kind === 'cooperative' ? null : { fromId: chunk.fromId!, toId: chunk.toId! };
      // A range chunk's statements are small (a few hundred accounts), but estimates such as
      // generate_series' 1,000 rows push them past jit_above_cost: compiling took 30 ms and more
      // per statement, longer than the statement itself (BENCHMARKS.md "accrual").
      await tx.query('SET LOCAL jit = off');
      for (const step of this.steps.of(chunk.kind)) {
        await step.run(tx, { cooperativeId, businessDate: businessDate as BusinessDate, range });
      }
      return finishChunk(tx, cooperativeId, businessDate, chunkNo);
    });
    if (completed) await this.openNextDue(cooperativeId);
    return { runComplete: completed };
  }

  /**
   * The cooperative-wide steps (maturities paying into savings, dormancy) finish before any range
   * of the day runs, so a day's interest always sees them, whatever order the worker takes.
   */
  private async cooperativeChunkFirst(cooperativeId: string, businessDate: string): Promise<void> {
    const seen = this.cooperativeChunkDone.get(cooperativeId);
    if (seen !== undefined && seen >= businessDate) return;
    // Done once for the whole day: a plain read spares every later chunk the row lock.
    const [first] = await this.scope.run(
      (tx) => chunksOf(tx, cooperativeId, businessDate, { chunkNo: cooperativeChunk }, false),
      { readOnly: true },
    );
    if (!first?.doneAt) {
      try {
        await this.runChunk(cooperativeId, businessDate, cooperativeChunk);
      } catch (error) {
        throw new Error(
          `chunk ${cooperativeChunk} (the cooperative-wide steps) must finish first: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    this.cooperativeChunkDone.set(cooperativeId, businessDate);
  }

  recordFailure(
    cooperativeId: string,
    businessDate: string,
    chunkNo: number,
    error: string,
  ): Promise<void> {
    return this.scope.run((tx) => countFailure(tx, cooperativeId, businessDate, chunkNo, error));
  }

  unfinished(): Promise<PendingChunk[]> {
    return this.scope.run((tx) => unfinishedChunks(tx), { readOnly: true });
  }

  /** Cooperatives with a day to close and no run going. */
  cooperativesBehind(): Promise<string[]> {
    return this.scope.run(
      async (tx) =>
        (
          await tx.query<{ id: string }>(
            `SELECT c.id FROM cooperative c
               LEFT JOIN LATERAL (SELECT max(business_date) AS last,
                                         bool_or(state = 'running') AS running
                                    FROM eod_run r WHERE r.cooperative_id = c.id) r ON true
              WHERE NOT coalesce(r.running, false)
                AND coalesce(r.last, (SELECT min(posting_date) - 1 FROM journal_entry e
                                       WHERE e.cooperative_id = c.id), c.business_date - 2)
                    < c.business_date - 1
              ORDER BY c.id`,
          )
        ).map((row) => row.id),
      { readOnly: true },
    );
  }

  async view(tx: Tx, cooperativeId: string, businessDate: string): Promise<EodRunView> {
    const run = await runOf(tx, cooperativeId, parseDate(businessDate, 'date'));
    if (!run) throw new NotFoundError('end-of-day run', businessDate);
    const chunks = await chunksOf(tx, cooperativeId, businessDate);
    return {
      cooperativeId,
      businessDate: run.businessDate,
      state: run.state,
      chunks: { total: chunks.length, done: chunks.filter((c) => c.doneAt !== null).length },
      failures: chunks
        .filter((c) => c.doneAt === null && c.lastError !== null)
        .map((c) => ({ chunkNo: c.chunkNo, attempts: c.attempts, lastError: c.lastError! })),
      openedAt: run.openedAt,
      completedAt: run.completedAt,
    };
  }

  private async idsOf(
    tx: Tx,
    kind: Exclude<ChunkPlan['kind'], 'cooperative'>,
    cooperativeId: string,
    date: BusinessDate,
  ): Promise<string[]> {
    const source = this.steps.of(kind).find((step) => step.ids);
    return source ? source.ids!(tx, cooperativeId, date) : [];
  }
}
