import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { InvalidInputError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type CashRequest, cashOperationType, TellerOperations } from './teller-operations';

function parseCashRequest(input: unknown): CashRequest {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const accountId = String(raw.accountId);
  if (raw.operation === 'wajib')
    return { operation: 'wajib', accountId, months: Number(raw.months) };
  if (raw.operation === 'deposit' || raw.operation === 'withdrawal') {
    return {
      operation: raw.operation,
      accountId,
      amount: String(raw.amount),
      currency: String(raw.currency),
    };
  }
  throw new InvalidInputError('Unknown cash operation', [
    { field: 'operation', message: 'deposit, withdrawal or wajib' },
  ]);
}

/**
 * A cash operation above the teller limit: it runs, in the maker's till and with its receipt,
 * when a manager approves it. The maker's till must still be open then.
 */
@Injectable()
export class CashOperationExecutor extends RegisteredExecutor {
  readonly type = cashOperationType;
  readonly movesMoney = true;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly operations: TellerOperations,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const request = parseCashRequest(input.payload);
    const planned = await this.operations.plan(tx, input.cooperativeId, request);
    return {
      payload: request,
      summary: `${planned.description}: ${planned.amount.toString()} ${planned.amount.currency.code}`,
      amount: planned.amount.toJSON(),
      functionalEquivalent: planned.amount.toString(),
    };
  }

  execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    return this.operations.perform(
      tx,
      record.cooperativeId,
      { userId: record.makerId },
      record.payload as CashRequest,
      record.id,
    );
  }
}
