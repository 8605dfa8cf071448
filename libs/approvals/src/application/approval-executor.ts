import type { Tx } from '@lumbung/database';
import type { ApprovalRequestRecord } from '../domain/approval-request';
import type { ApprovalRule } from '../domain/approval-rule';
import type { PreparedAction } from '../domain/prepared-action';

/**
 * An action that needs four eyes, registered by the domain module that owns it (usually in its
 * `onModuleInit`). Approvals never imports a domain: the domain hands its executor over.
 */
export interface ApprovalExecutor {
  /** e.g. 'ledger.period.reopen', 'auth.role.grant'. */
  readonly type: string;
  /** Applies where the cooperative has set no tier for this type. */
  readonly defaultRule: ApprovalRule;
  /** True when requests of this type carry an amount; their rule tiers may have thresholds. */
  readonly movesMoney?: boolean;
  /** Validates at submission (may throw a ProblemError), in the submitting transaction. */
  prepare(
    tx: Tx,
    input: { readonly cooperativeId: string; readonly makerId: string; readonly payload: unknown },
  ): Promise<PreparedAction>;
  /**
   * Runs exactly once, in the transaction of the approval that satisfies the rule; the request
   * it gets is still `pending` and lists that approval. Returns JSON stored as the result.
   */
  execute(tx: Tx, request: ApprovalRequestRecord): Promise<unknown>;
  /**
   * Runs when a request ends unexecuted (rejected or cancelled), in that transaction, so a
   * domain row waiting on it (a loan application) ends with it. The request is already final.
   */
  closed?(tx: Tx, request: ApprovalRequestRecord): Promise<void>;
}
