import type { ApprovalRequestView, ApprovalService } from '@lumbung/approvals';
import type { Principal } from '@lumbung/auth';
import type { TransactionScope } from '@lumbung/database';
import { actorIn } from './actor';

/**
 * A four-eyes request made by the caller, in a transaction of its own: the routes that ask for an
 * approved action answer 202 with the pending request this returns.
 */
export function submitRequest(
  scope: TransactionScope,
  approvals: ApprovalService,
  principal: Principal,
  request: { cooperativeId: string; type: string; payload: unknown; reason?: string },
): Promise<ApprovalRequestView> {
  return scope.run((tx) =>
    approvals.submit(tx, { ...request, maker: actorIn(principal, request.cooperativeId) }),
  );
}
