import {
  type BusinessDate,
  ConflictError,
  Decimal,
  InvalidInputError,
  isUuid,
  Money,
  NotFoundError,
  RuleViolationError,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import type { EntryDraft } from '../domain/entry-draft';
import { readEntries } from '../infrastructure/entry-reader';
import { type PostingOutcome, PostingService } from './posting.service';

export interface ReversalRequest {
  readonly reason: string;
  readonly idempotencyKey?: string;
  readonly recordedBy?: string;
  /** Back-dating inside an open month is for approved corrections only. */
  readonly valueDate?: BusinessDate;
  /** The domain that owns the entry's state names itself; the ledger's own reversals otherwise. */
  readonly source?: { readonly type: string; readonly id?: string };
}

/**
 * Corrections are reversing entries: every posting mirrored, the original untouched. An entry is
 * reversed at most once (a unique key in the database) and a reversal is never itself reversed.
 */
@Injectable()
export class ReversalService {
  constructor(private readonly posting: PostingService) {}

  async reverse(
    tx: Tx,
    cooperativeId: string,
    entryId: string,
    request: ReversalRequest,
  ): Promise<PostingOutcome> {
    if (!request.reason || request.reason.trim().length === 0) {
      throw new InvalidInputError('A reversal needs a reason', [
        { field: 'reason', message: 'required' },
      ]);
    }
    const [original] = isUuid(entryId) ? await readEntries(tx, cooperativeId, [entryId]) : [];
    if (!original) throw new NotFoundError('Entry', entryId);
    if (original.reversesEntryId) {
      throw new RuleViolationError(
        'reversal-not-allowed',
        'Reversal not allowed',
        `Entry ${entryId} is itself a reversal; post a new entry instead`,
      );
    }
    const [existing] = await tx.query<{ id: string; idempotency_key: string | null }>(
      `SELECT id, idempotency_key FROM journal_entry WHERE cooperative_id = $1 AND reverses_entry_id = $2`,
      [cooperativeId, entryId],
    );
    if (
      existing &&
      !(request.idempotencyKey && existing.idempotency_key === request.idempotencyKey)
    ) {
      throw new ConflictError(
        'entry-already-reversed',
        'Entry already reversed',
        `Entry ${entryId} was reversed by ${existing.id}`,
        {
          reversalEntryId: existing.id,
        },
      );
    }
    const [{ functional_currency: functionalCurrency }] = await tx.query<{
      functional_currency: string;
    }>(`SELECT functional_currency FROM cooperative WHERE id = $1`, [cooperativeId]);
    const draft: EntryDraft = {
      description: `Reversal of ${original.description}: ${request.reason}`.slice(0, 500),
      source: request.source ?? { type: 'ledger.reversal', id: entryId },
      valueDate: request.valueDate,
      idempotencyKey: request.idempotencyKey,
      recordedBy: request.recordedBy,
      reversesEntryId: entryId,
      postings: original.postings.map((p) => ({
        accountId: p.accountId,
        amount: Money.of(new Decimal(p.amount).negated(), p.currency),
        functional:
          p.fxRate === null
            ? undefined
            : {
                amount: Money.of(new Decimal(p.functionalAmount).negated(), functionalCurrency),
                fxRate: new Decimal(p.fxRate),
                fxRateId: p.fxRateId ?? undefined,
              },
        counterpartyClass: p.counterpartyClass ?? undefined,
        dimensions: {
          agreementId: p.dimensions.agreementId ?? undefined,
          program: p.dimensions.program ?? undefined,
          sector: p.dimensions.sector ?? undefined,
          commodity: p.dimensions.commodity ?? undefined,
          region: p.dimensions.region ?? undefined,
        },
        memo: p.memo ?? undefined,
      })),
    };
    return this.posting.post(tx, cooperativeId, draft);
  }
}
