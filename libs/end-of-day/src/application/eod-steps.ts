import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import type { ChunkPlan } from '../domain/chunks';

export interface ChunkWork {
  readonly cooperativeId: string;
  readonly businessDate: BusinessDate;
  /** The chunk's id range; null for the cooperative-wide chunk. */
  readonly range: { readonly fromId: string; readonly toId: string } | null;
}

/**
 * One thing the end of day does to a chunk, idempotent for its (cooperative, date, range):
 * loans part two registers its arrears and provisions here beside the accruals.
 */
export interface EodStep {
  readonly name: string;
  readonly kind: ChunkPlan['kind'];
  run(tx: Tx, work: ChunkWork): Promise<void>;
  /** For range kinds: the ids a run's chunks are cut from, in order. */
  ids?(tx: Tx, cooperativeId: string, businessDate: BusinessDate): Promise<string[]>;
}

/** The steps of the end of day, in the order they were registered. */
@Injectable()
export class EodSteps {
  private readonly steps: EodStep[] = [];

  register(step: EodStep): void {
    if (this.steps.some((s) => s.name === step.name)) {
      throw new Error(`End-of-day step "${step.name}" is already registered`);
    }
    this.steps.push(step);
  }

  of(kind: ChunkPlan['kind']): EodStep[] {
    return this.steps.filter((step) => step.kind === kind);
  }
}
