import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { ConflictError, InvalidInputError, isUuid, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { ChartService, LedgerQueryService, PostingService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import type { TillSession } from '../domain/till-session';
import { closeSession, sessionById } from '../infrastructure/till-store';
import {
  cashDifferenceCode,
  cashDifferenceEntry,
  vaultCode,
  vaultTransferEntry,
} from './till-entries';
import { tillDifferenceType } from './till.service';

interface DifferencePayload {
  readonly sessionId: string;
  readonly currency: string;
  readonly counted: string;
  readonly bookBalance: string;
  readonly difference: string;
}

/**
 * A till counted short or over at its close: the cash over/short (5-9101 Selisih Kas) is posted
 * only once a manager other than the teller approves it; the counted cash then goes back to the
 * vault and the session closes. Submitted by TillService.close, never over the approvals api.
 */
@Injectable()
export class TillDifferenceExecutor extends RegisteredExecutor {
  readonly type = tillDifferenceType;
  readonly movesMoney = true;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly charts: ChartService,
    private readonly posting: PostingService,
    private readonly ledger: LedgerQueryService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; makerId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const raw = (input.payload ?? {}) as Record<string, unknown>;
    const session = isUuid(raw.sessionId)
      ? await sessionById(tx, input.cooperativeId, raw.sessionId)
      : undefined;
    if (!session || session.tellerId !== input.makerId || session.status === 'closed') {
      throw new InvalidInputError('Not a till session of yours that is still open', [
        { field: 'payload.sessionId', message: 'a session of your till that is not closed' },
      ]);
    }
    const counted = Money.parse(raw.counted, session.currency, 'payload.counted');
    const book = Money.parse(raw.bookBalance, session.currency, 'payload.bookBalance');
    const difference = counted.minus(book);
    if (difference.isZero()) {
      throw new InvalidInputError('A count equal to the book needs no approval', [
        { field: 'payload.counted', message: 'differs from the book' },
      ]);
    }
    const payload: DifferencePayload = {
      sessionId: session.id,
      currency: session.currency,
      counted: counted.toString(),
      bookBalance: book.toString(),
      difference: difference.toString(),
    };
    return {
      payload,
      summary: `Cash ${kindOf(difference)} of ${difference.abs().toString()} ${session.currency} in the till of ${session.tellerUsername} (${session.businessDate})`,
      amount: difference.abs().toJSON(),
      // Tills hold the functional currency only (TillService.open refuses any other).
      functionalEquivalent: difference.abs().toString(),
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { sessionId } = record.payload as DifferencePayload;
    const session = await sessionById(tx, record.cooperativeId, sessionId, 'FOR UPDATE OF s');
    if (session?.status !== 'closing' || session.approvalId !== record.id) {
      throw new ConflictError(
        'till-not-closing',
        'Till not closing',
        'This difference no longer belongs to a till awaiting its approval',
      );
    }
    await this.requireUnchangedBook(tx, record.cooperativeId, session);
    const approvals = record.decisions.filter((d) => d.decision === 'approve');
    const approverId = approvals[approvals.length - 1].approverId;
    const posted = await this.posting.postBatch(
      tx,
      record.cooperativeId,
      await this.settlement(tx, record.cooperativeId, session, approverId),
    );
    await closeSession(tx, record.cooperativeId, session.id);
    await this.audit.record(tx, {
      cooperativeId: record.cooperativeId,
      action: 'savings.till.close',
      targetType: 'till_session',
      targetId: session.id,
      before: { status: 'closing' },
      after: await sessionById(tx, record.cooperativeId, session.id),
      actorId: approverId,
    });
    return {
      sessionId: session.id,
      difference: session.difference,
      entryIds: posted.map((p) => p.entry.id),
    };
  }

  /** A posting to the till since the count (a reversal, say) makes the count stale. */
  private async requireUnchangedBook(
    tx: Tx,
    cooperativeId: string,
    session: TillSession,
  ): Promise<void> {
    const book = Money.of(
      await this.ledger.leafBalance(tx, cooperativeId, session.tillAccountId),
      session.currency,
    );
    if (!book.equals(Money.of(session.bookBalance!, session.currency))) {
      throw new ConflictError(
        'till-book-changed',
        'Till book changed',
        `The till's book is now ${book.toString()} ${session.currency}, not the ${session.bookBalance} counted against: cancel and count again`,
      );
    }
  }

  /** The difference against Selisih Kas, then the counted cash back to the vault. */
  private async settlement(
    tx: Tx,
    cooperativeId: string,
    session: TillSession,
    approverId: string,
  ) {
    const currency = session.currency;
    const difference = Money.of(session.difference!, currency);
    const counted = Money.of(session.counted!, currency);
    const context = (type: string, description: string) => ({
      description,
      source: { type, id: session.id },
      recordedBy: approverId,
    });
    const accounts = {
      tillAccountId: session.tillAccountId,
      cashDifferenceId: (await this.charts.accountByCode(tx, cooperativeId, cashDifferenceCode)).id,
      vaultId: (await this.charts.accountByCode(tx, cooperativeId, vaultCode)).id,
    };
    const drafts = [
      cashDifferenceEntry(
        accounts,
        difference,
        context(
          tillDifferenceType,
          `Cash ${kindOf(difference)} in the till of ${session.tellerUsername}`,
        ),
      ),
    ];
    if (counted.isPositive()) {
      drafts.push(
        vaultTransferEntry(
          accounts,
          counted.negated(),
          context(
            'savings.till.close',
            `Close of the till of ${session.tellerUsername}: cash to the vault`,
          ),
        ),
      );
    }
    return drafts;
  }
}

function kindOf(difference: Money): string {
  return difference.isNegative() ? 'shortfall' : 'overage';
}
