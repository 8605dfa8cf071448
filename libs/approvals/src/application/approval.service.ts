import { AuditLog } from '@lumbung/audit';
import {
  type FieldProblem,
  ForbiddenError,
  InvalidInputError,
  isUuid,
  NotFoundError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type ApprovalRequestRecord,
  type ApprovalRequestView,
  type ApprovalStatus,
  approvalStatuses,
} from '../domain/approval-request';
import { ruleSatisfied } from '../domain/approval-rule';
import { notPendingError, qualifyingRoles } from '../domain/eligibility';
import { checkPreparedAction } from '../domain/prepared-action';
import {
  finishRequest,
  insertDecision,
  insertRequest,
  listRequests,
  readRequest,
} from '../infrastructure/approval-store';
import { ApprovalRegistry } from './approval-registry';
import { ApprovalRuleService } from './approval-rule.service';
import { reasonOf, requireUuid } from './input-checks';

export interface SubmitApproval {
  readonly cooperativeId: string;
  readonly type: string;
  readonly payload: unknown;
  readonly maker: Actor;
  readonly reason?: string;
}

export interface DecideApproval {
  readonly cooperativeId: string;
  readonly requestId: string;
  readonly approver: Actor;
  readonly reason?: string;
}

export interface RejectApproval extends DecideApproval {
  readonly reason: string;
}

export interface CancelApproval {
  readonly cooperativeId: string;
  readonly requestId: string;
  readonly actor: Actor;
}

export interface ApprovalListQuery {
  readonly status?: ApprovalStatus;
  readonly type?: string;
  /** The last id of the previous page (ids are UUIDv7, so pages follow submission order). */
  readonly after?: string;
  /** 1 to 200, default 50. */
  readonly limit?: number;
}

export interface ApprovalPage {
  readonly items: readonly ApprovalRequestView[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
}

export const maxApprovalPage = 200;
const defaultApprovalPage = 50;
const target = 'approval_request';

/**
 * Four eyes: a maker submits, others approve until the request's rule is met, and then the
 * executor runs in that same transaction. Decisions on one request are serialised by its row
 * lock, taken before anything else, so the executor runs exactly once however many approvals
 * race.
 */
@Injectable()
export class ApprovalService {
  constructor(
    private readonly registry: ApprovalRegistry,
    private readonly rules: ApprovalRuleService,
    private readonly audit: AuditLog,
  ) {}

  async submit(tx: Tx, input: SubmitApproval): Promise<ApprovalRequestView> {
    requireUuid(input.cooperativeId, 'cooperativeId');
    requireUuid(input.maker.id, 'maker.id');
    const reason = reasonOf(input.reason, false);
    const executor = this.registry.executor(input.type);
    const prepared = checkPreparedAction(
      await executor.prepare(tx, {
        cooperativeId: input.cooperativeId,
        makerId: input.maker.id,
        payload: input.payload,
      }),
    );
    const rule = await this.rules.ruleFor(
      tx,
      input.cooperativeId,
      executor,
      prepared.functionalEquivalent,
      prepared.alsoRequiredRoles,
    );
    const id = uuidv7();
    await insertRequest(tx, {
      ...prepared,
      cooperativeId: input.cooperativeId,
      id,
      type: input.type,
      makerId: input.maker.id,
      reason,
      rule,
    });
    const request = await this.get(tx, input.cooperativeId, id);
    await this.audit.record(tx, {
      cooperativeId: input.cooperativeId,
      action: 'approvals.request.submit',
      targetType: target,
      targetId: id,
      after: {
        type: request.type,
        summary: request.summary,
        amount: request.amount,
        functionalEquivalent: request.functionalEquivalent,
        rule: request.rule,
      },
      reason: reason ?? undefined,
      actorId: input.maker.id,
    });
    return request;
  }

  /**
   * Records an approval; the one that meets the rule also executes the request. If the executor
   * throws, the error propagates and the caller's transaction rolls back, so that approval is
   * not recorded either and the request stays pending.
   */
  async approve(tx: Tx, input: DecideApproval): Promise<ApprovalRequestView> {
    const reason = reasonOf(input.reason, false);
    const approverRoles = await this.decide(tx, input, 'approve', reason);
    await this.audit.record(tx, {
      cooperativeId: input.cooperativeId,
      action: 'approvals.request.approve',
      targetType: target,
      targetId: input.requestId,
      after: { decision: 'approve', approverRoles },
      reason: reason ?? undefined,
      actorId: input.approver.id,
    });
    const request = await this.get(tx, input.cooperativeId, input.requestId);
    const approvals = request.decisions
      .filter((d) => d.decision === 'approve')
      .map((d) => d.approverRoles);
    if (!ruleSatisfied(request.rule, approvals)) return request;
    return this.execute(tx, request, input.approver.id);
  }

  async reject(tx: Tx, input: RejectApproval): Promise<ApprovalRequestView> {
    const reason = reasonOf(input.reason, true);
    const approverRoles = await this.decide(tx, input, 'reject', reason);
    await finishRequest(tx, input.cooperativeId, input.requestId, 'rejected');
    await this.audit.record(tx, {
      cooperativeId: input.cooperativeId,
      action: 'approvals.request.reject',
      targetType: target,
      targetId: input.requestId,
      before: { status: 'pending' },
      after: { status: 'rejected', approverRoles },
      reason: reason ?? undefined,
      actorId: input.approver.id,
    });
    return this.closed(tx, input.cooperativeId, input.requestId);
  }

  /** Only the maker withdraws a request, and only while it is pending. */
  async cancel(tx: Tx, input: CancelApproval): Promise<ApprovalRequestView> {
    const request = await this.read(tx, input.cooperativeId, input.requestId, true);
    if (request.status !== 'pending') throw notPendingError(request.status);
    if (request.makerId !== input.actor.id) {
      throw new ForbiddenError(
        'not-the-maker',
        'Not the maker',
        'Only the person who submitted a request may cancel it',
      );
    }
    await finishRequest(tx, input.cooperativeId, input.requestId, 'cancelled');
    await this.audit.record(tx, {
      cooperativeId: input.cooperativeId,
      action: 'approvals.request.cancel',
      targetType: target,
      targetId: input.requestId,
      before: { status: 'pending' },
      after: { status: 'cancelled' },
      actorId: input.actor.id,
    });
    return this.closed(tx, input.cooperativeId, input.requestId);
  }

  private async closed(
    tx: Tx,
    cooperativeId: string,
    requestId: string,
  ): Promise<ApprovalRequestView> {
    const request = await this.get(tx, cooperativeId, requestId);
    await this.registry.find(request.type)?.closed?.(tx, request);
    return this.get(tx, cooperativeId, requestId);
  }

  /** Another cooperative's request is not found, like one that does not exist. */
  get(tx: Tx, cooperativeId: string, requestId: string): Promise<ApprovalRequestView> {
    return this.read(tx, cooperativeId, requestId, false);
  }

  async list(tx: Tx, cooperativeId: string, query: ApprovalListQuery = {}): Promise<ApprovalPage> {
    requireUuid(cooperativeId, 'cooperativeId');
    const limit = query.limit ?? defaultApprovalPage;
    const problems: FieldProblem[] = [];
    if (!Number.isInteger(limit) || limit < 1 || limit > maxApprovalPage) {
      problems.push({ field: 'limit', message: `an integer from 1 to ${maxApprovalPage}` });
    }
    if (query.status !== undefined && !approvalStatuses.includes(query.status)) {
      problems.push({ field: 'status', message: approvalStatuses.join(', ') });
    }
    if (query.after !== undefined && !isUuid(query.after)) {
      problems.push({ field: 'after', message: 'a cursor from a previous page' });
    }
    if (problems.length > 0) throw new InvalidInputError('Invalid approval listing', problems);
    const rows = await listRequests(tx, cooperativeId, { ...query, limit: limit + 1 });
    const items = rows.slice(0, limit);
    return { items, next: rows.length > limit ? items[items.length - 1].id : null };
  }

  /**
   * Locks the request, checks the approver may decide, and records the decision; returns the
   * roles by which they qualified.
   */
  private async decide(
    tx: Tx,
    input: DecideApproval,
    decision: 'approve' | 'reject',
    reason: string | null,
  ): Promise<string[]> {
    requireUuid(input.approver.id, 'approver.id');
    const request = await this.read(tx, input.cooperativeId, input.requestId, true);
    const approverRoles = qualifyingRoles(
      {
        status: request.status,
        makerId: request.makerId,
        rule: request.rule,
        hasAmount: request.amount !== null,
        excludedApprovers: request.excludedApprovers,
        decidedBy: request.decisions.map((d) => d.approverId),
      },
      input.approver,
    );
    await insertDecision(tx, {
      cooperativeId: input.cooperativeId,
      requestId: input.requestId,
      approverId: input.approver.id,
      decision,
      approverRoles,
      reason,
    });
    return approverRoles;
  }

  private async execute(
    tx: Tx,
    request: ApprovalRequestRecord,
    approverId: string,
  ): Promise<ApprovalRequestView> {
    const executor = this.registry.find(request.type);
    if (!executor) {
      // A deployment fault (the owning module is not loaded), not the approver's mistake.
      throw new Error(`No executor is registered for approval type "${request.type}"`);
    }
    const result = (await executor.execute(tx, request)) ?? null;
    await finishRequest(tx, request.cooperativeId, request.id, 'executed', result);
    await this.audit.record(tx, {
      cooperativeId: request.cooperativeId,
      action: 'approvals.request.execute',
      targetType: target,
      targetId: request.id,
      before: { status: 'pending' },
      after: { status: 'executed', result },
      actorId: approverId,
    });
    return this.get(tx, request.cooperativeId, request.id);
  }

  private async read(
    tx: Tx,
    cooperativeId: string,
    requestId: string,
    lock: boolean,
  ): Promise<ApprovalRequestRecord> {
    const found =
      isUuid(cooperativeId) && isUuid(requestId)
        ? await readRequest(tx, cooperativeId, requestId, lock)
        : undefined;
    if (!found) throw new NotFoundError('Approval request', requestId);
    return found;
  }
}
