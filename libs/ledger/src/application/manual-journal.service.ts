import { type Actor, ApprovalService } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { type FieldProblem, InvalidInputError, isUuid, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import {
  insertJournal,
  listJournals,
  type ManualJournalRecord,
  type ManualJournalStatus,
  readJournal,
} from '../infrastructure/manual-journal-store';
import { type ManualJournalPayload, manualJournalType } from './manual-journal.executor';

export const manualJournalStatuses: readonly ManualJournalStatus[] = [
  'pending',
  'posted',
  'rejected',
  'cancelled',
];
export const maxJournalPage = 200;

export interface ManualJournalView extends ManualJournalRecord {
  /** The approval request that decides it (the same id as the journal). */
  readonly approvalRequestId: string;
}

/**
 * Drafting and reading manual journals. A draft is an approval request of type
 * `ledger.manual-journal` and a journal row with the same id, written in one transaction; the
 * executor posts it on approval.
 */
@Injectable()
export class ManualJournalService {
  constructor(
    private readonly approvals: ApprovalService,
    private readonly audit: AuditLog,
  ) {}

  async draft(
    tx: Tx,
    cooperativeId: string,
    maker: Actor,
    journal: unknown,
  ): Promise<ManualJournalView> {
    const request = await this.approvals.submit(tx, {
      cooperativeId,
      type: manualJournalType,
      payload: journal,
      maker,
    });
    const payload = request.payload as ManualJournalPayload;
    await insertJournal(tx, cooperativeId, {
      id: request.id,
      voucherType: payload.voucherType,
      description: payload.description,
      attachmentReference: payload.attachmentReference,
      valueDate: payload.valueDate,
      currency: payload.currency,
      totalDebit: payload.totalDebit,
      lines: payload.lines,
      requestedBy: maker.id,
    });
    await this.audit.record(tx, {
      cooperativeId,
      action: 'ledger.manual-journal.draft',
      targetType: 'manual_journal',
      targetId: request.id,
      after: { ...payload },
      actorId: maker.id,
    });
    return this.get(tx, cooperativeId, request.id);
  }

  async get(tx: Tx, cooperativeId: string, journalId: string): Promise<ManualJournalView> {
    const journal = isUuid(journalId)
      ? await readJournal(tx, cooperativeId, journalId, false)
      : undefined;
    if (!journal) throw new NotFoundError('Manual journal', journalId);
    return { ...journal, approvalRequestId: journal.id };
  }

  /** Journals in drafting order (ids are UUIDv7); `after` is the last id of the previous page. */
  async list(
    tx: Tx,
    cooperativeId: string,
    query: { status?: string; after?: string; limit?: number },
  ): Promise<{ items: ManualJournalView[]; next: string | null }> {
    const limit = query.limit ?? 50;
    const problems: FieldProblem[] = [];
    if (!Number.isInteger(limit) || limit < 1 || limit > maxJournalPage) {
      problems.push({ field: 'limit', message: `an integer from 1 to ${maxJournalPage}` });
    }
    const status = query.status as ManualJournalStatus | undefined;
    if (status !== undefined && !manualJournalStatuses.includes(status)) {
      problems.push({ field: 'status', message: manualJournalStatuses.join(', ') });
    }
    if (query.after !== undefined && !isUuid(query.after)) {
      problems.push({ field: 'after', message: 'a cursor from a previous page' });
    }
    if (problems.length > 0) throw new InvalidInputError('Invalid journal listing', problems);
    const rows = await listJournals(tx, cooperativeId, {
      status,
      after: query.after,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map((j) => ({ ...j, approvalRequestId: j.id }));
    return { items, next: rows.length > limit ? items[items.length - 1].id : null };
  }
}
