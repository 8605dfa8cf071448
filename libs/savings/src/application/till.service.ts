import { type ApprovalRequestView, ApprovalService } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  businessDate,
  ConflictError,
  type FieldProblem,
  InvalidInputError,
  isUuid,
  Money,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  BusinessDayService,
  ChartService,
  CooperativeService,
  LedgerQueryService,
  PostingService,
} from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { countCash } from '../domain/till-count';
import {
  cashAmount,
  checkDirection,
  checkTillCurrency,
  tillAccountCode,
  type TillSession,
  type TillTeller,
  type TransferDirection,
} from '../domain/till-session';
import {
  countTills,
  findTill,
  insertSession,
  insertTill,
  liveSession,
  liveSessionsOf,
  lockTillOpening,
  recordCount,
  sessionById,
  sessionsOn,
  type TillRecord,
} from '../infrastructure/till-store';
import { tillHeadingCode, vaultCode, vaultTransferEntry } from './till-entries';

export const tillDifferenceType = 'savings.till.difference';

export interface TillTransfer {
  readonly sessionId: string;
  readonly direction: TransferDirection;
  readonly amount: string;
  readonly currency: string;
  readonly entryId: string;
}

/** A close either balanced (closed) or awaits a manager's approval of the difference. */
export type TillCloseOutcome =
  | { readonly status: 'closed'; readonly session: TillSession }
  | {
      readonly status: 'closing';
      readonly session: TillSession;
      readonly approval: ApprovalRequestView;
    };

export interface TillSessionPage {
  readonly items: readonly TillSession[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
}

export const maxTillSessionPage = 200;
const target = 'till_session';

const tillNotOpen = (currency: string) =>
  new ConflictError('till-not-open', 'Till not open', `Open your ${currency} till first`);

/**
 * A teller's day at the till: the opening float from the vault, cash to and from the vault,
 * and the close with a cash count. Cash operations on members' accounts post against the till
 * through `requireOpenSession`. Locks: the session row first, then the ledger's balances.
 */
@Injectable()
export class TillService {
  constructor(
    private readonly days: BusinessDayService,
    private readonly cooperatives: CooperativeService,
    private readonly charts: ChartService,
    private readonly posting: PostingService,
    private readonly ledger: LedgerQueryService,
    private readonly approvals: ApprovalService,
    private readonly audit: AuditLog,
  ) {}

  /** Opens the teller's till for the business day (creating it the first time) with a float. */
  async open(
    tx: Tx,
    cooperativeId: string,
    teller: TillTeller,
    input: { readonly currency: string; readonly float: string },
  ): Promise<TillSession> {
    const day = await this.days.enter(tx, cooperativeId);
    const currency = checkTillCurrency(input.currency, day.functionalCurrency);
    const float = cashAmount(input.float, currency, 'float', { zeroAllowed: true });
    await lockTillOpening(tx, cooperativeId);
    const live = await liveSession(tx, cooperativeId, teller.userId, currency);
    if (live) {
      throw new ConflictError(
        'till-already-open',
        'Till already open',
        `Your ${currency} till has a session that is ${live.status}: close it first`,
        { sessionId: live.id, sessionStatus: live.status },
      );
    }
    const till =
      (await findTill(tx, cooperativeId, teller.userId, currency)) ??
      (await this.createTill(tx, cooperativeId, teller, currency));
    const sessionId = uuidv7();
    await insertSession(tx, cooperativeId, {
      id: sessionId,
      tillId: till.id,
      tellerId: teller.userId,
      businessDate: day.businessDate,
      openingFloat: float.toString(),
    });
    if (float.isPositive()) {
      await this.moveVaultCash(tx, cooperativeId, till.ledgerAccountId, float, {
        description: `Opening float for the till of ${teller.username}`,
        source: { type: 'savings.till.open', id: sessionId },
        recordedBy: teller.userId,
      });
    }
    const session = (await sessionById(tx, cooperativeId, sessionId))!;
    await this.audit.record(tx, {
      cooperativeId,
      action: 'savings.till.open',
      targetType: target,
      targetId: sessionId,
      after: session,
      actorId: teller.userId,
    });
    return session;
  }

  /** Cash between the vault and the teller's open till; the ledger's floors keep both >= 0. */
  async transfer(
    tx: Tx,
    cooperativeId: string,
    teller: TillTeller,
    input: {
      readonly currency: string;
      readonly direction: TransferDirection;
      readonly amount: string;
    },
  ): Promise<TillTransfer> {
    const currency = await this.tillCurrency(tx, cooperativeId, input.currency);
    const direction = checkDirection(input.direction);
    const amount = cashAmount(input.amount, currency, 'amount', { zeroAllowed: false });
    const { sessionId, tillAccountId } = await this.requireOpenSession(
      tx,
      cooperativeId,
      teller.userId,
      currency,
    );
    const toTill = direction === 'vault-to-till';
    const entryId = await this.moveVaultCash(
      tx,
      cooperativeId,
      tillAccountId,
      toTill ? amount : amount.negated(),
      {
        description: toTill
          ? `Cash from the vault to the till of ${teller.username}`
          : `Cash from the till of ${teller.username} to the vault`,
        source: { type: 'savings.till.transfer', id: sessionId },
        recordedBy: teller.userId,
      },
    );
    const transfer = { sessionId, direction, amount: amount.toString(), currency, entryId };
    await this.audit.record(tx, {
      cooperativeId,
      action: 'savings.till.transfer',
      targetType: target,
      targetId: sessionId,
      after: transfer,
      actorId: teller.userId,
    });
    return transfer;
  }

  /**
   * The teller's open session in `currency`, held in share mode until the caller commits: a
   * close waits for cash operations in flight, and operations after it find the till closed.
   * A session awaiting approval of its difference is not open.
   */
  async requireOpenSession(
    tx: Tx,
    cooperativeId: string,
    tellerId: string,
    currency: string,
  ): Promise<{ sessionId: string; tillAccountId: string }> {
    const session = await liveSession(tx, cooperativeId, tellerId, currency, 'FOR SHARE OF s');
    if (session?.status !== 'open') throw tillNotOpen(currency);
    return { sessionId: session.id, tillAccountId: session.tillAccountId };
  }

  /**
   * Closes the day with the teller's cash count. A count equal to the book returns the cash to
   * the vault at once; a difference waits for a manager (`savings.till.difference`), and only
   * the approval posts it. After a rejected or withdrawn difference the teller counts again.
   */
  async close(
    tx: Tx,
    cooperativeId: string,
    teller: TillTeller,
    input: { readonly currency: string; readonly count: unknown },
  ): Promise<TillCloseOutcome> {
    const currency = await this.tillCurrency(tx, cooperativeId, input.currency);
    const cash = countCash(currency, input.count);
    const session = await liveSession(
      tx,
      cooperativeId,
      teller.userId,
      currency,
      'FOR UPDATE OF s',
    );
    if (!session) throw tillNotOpen(currency);
    if (session.status === 'closing') await this.requireDecided(tx, cooperativeId, session);
    const book = await this.bookBalance(tx, cooperativeId, session);
    const difference = cash.total.minus(book);
    const count = {
      cashCount: cash.lines,
      counted: cash.total.toString(),
      bookBalance: book.toString(),
      difference: difference.toString(),
    };
    let approval: ApprovalRequestView | null = null;
    if (difference.isZero()) {
      if (book.isPositive()) {
        await this.moveVaultCash(tx, cooperativeId, session.tillAccountId, book.negated(), {
          description: `Close of the till of ${teller.username}: cash to the vault`,
          source: { type: 'savings.till.close', id: session.id },
          recordedBy: teller.userId,
        });
      }
    } else {
      approval = await this.approvals.submit(tx, {
        cooperativeId,
        type: tillDifferenceType,
        payload: {
          sessionId: session.id,
          counted: count.counted,
          bookBalance: count.bookBalance,
        },
        maker: { id: teller.userId, roles: ['teller'] },
      });
    }
    const status = approval ? 'closing' : 'closed';
    await recordCount(tx, cooperativeId, session.id, {
      status,
      ...count,
      approvalId: approval?.id ?? null,
    });
    const counted = (await sessionById(tx, cooperativeId, session.id))!;
    await this.audit.record(tx, {
      cooperativeId,
      action: approval ? 'savings.till.count-differs' : 'savings.till.close',
      targetType: target,
      targetId: session.id,
      before: { status: session.status },
      after: counted,
      actorId: teller.userId,
    });
    return approval
      ? { status: 'closing', session: counted, approval }
      : { status: 'closed', session: counted };
  }

  /** The teller's sessions not closed yet (open, or closing while a difference is approved). */
  current(tx: Tx, cooperativeId: string, tellerId: string): Promise<TillSession[]> {
    return liveSessionsOf(tx, cooperativeId, tellerId);
  }

  /** Sessions opened on a business date (default: the current one), by opening order. */
  async sessions(
    tx: Tx,
    cooperativeId: string,
    query: { readonly businessDate?: string; readonly after?: string; readonly limit?: number },
  ): Promise<TillSessionPage> {
    const problems: FieldProblem[] = [];
    const limit = query.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxTillSessionPage) {
      problems.push({ field: 'limit', message: `an integer from 1 to ${maxTillSessionPage}` });
    }
    if (query.after !== undefined && !isUuid(query.after)) {
      problems.push({ field: 'after', message: 'a cursor from a previous page' });
    }
    if (problems.length > 0) throw new InvalidInputError('Invalid session listing', problems);
    const date =
      query.businessDate === undefined
        ? (await this.cooperatives.byId(tx, cooperativeId)).businessDate
        : businessDate(query.businessDate, 'businessDate');
    const rows = await sessionsOn(tx, cooperativeId, date, {
      after: query.after ?? null,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    return { items, next: rows.length > limit ? items[items.length - 1].id : null };
  }

  private async tillCurrency(tx: Tx, cooperativeId: string, currency: unknown): Promise<string> {
    const { functionalCurrency } = await this.cooperatives.byId(tx, cooperativeId);
    return checkTillCurrency(currency, functionalCurrency);
  }

  /** A pending difference blocks a recount; a rejected or withdrawn one asks for it. */
  private async requireDecided(tx: Tx, cooperativeId: string, session: TillSession): Promise<void> {
    const request = await this.approvals.get(tx, cooperativeId, session.approvalId!);
    if (request.status === 'pending') {
      throw new ConflictError(
        'till-difference-pending',
        'Till difference pending',
        'The difference of this count awaits a manager: cancel the request to count again',
        { approvalId: request.id },
      );
    }
  }

  private async createTill(
    tx: Tx,
    cooperativeId: string,
    teller: TillTeller,
    currency: string,
  ): Promise<TillRecord> {
    const heading = await this.charts.accountByCode(tx, cooperativeId, tillHeadingCode);
    const account = await this.charts.openLeaf(tx, cooperativeId, {
      parentId: heading.id,
      code: tillAccountCode((await countTills(tx, cooperativeId)) + 1),
      name: `Kas Teller ${teller.username}`,
      currency,
      floor: '0',
    });
    const till = { id: uuidv7(), ledgerAccountId: account.id };
    await insertTill(tx, cooperativeId, { ...till, tellerId: teller.userId, currency });
    await this.audit.record(tx, {
      cooperativeId,
      action: 'savings.till.create',
      targetType: 'till',
      targetId: till.id,
      after: { ...till, tellerId: teller.userId, currency, code: account.code },
      actorId: teller.userId,
    });
    return till;
  }

  private async bookBalance(tx: Tx, cooperativeId: string, session: TillSession): Promise<Money> {
    const balance = await this.ledger.leafBalance(tx, cooperativeId, session.tillAccountId);
    return Money.of(balance, session.currency);
  }

  private async moveVaultCash(
    tx: Tx,
    cooperativeId: string,
    tillAccountId: string,
    intoTill: Money,
    context: Parameters<typeof vaultTransferEntry>[2],
  ): Promise<string> {
    const vaultId = (await this.charts.accountByCode(tx, cooperativeId, vaultCode)).id;
    const { entry } = await this.posting.post(
      tx,
      cooperativeId,
      vaultTransferEntry({ vaultId, tillAccountId }, intoTill, context),
    );
    return entry.id;
  }
}
