import { Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import type { ExitObligation } from '../domain/exit-obligations';
import type { ExitSettlement } from '../domain/member-exit';
import { type Operation, recordTransaction } from '../infrastructure/transaction-store';

/** What an obligation handler states the member owes; the registry stamps its kind. */
export type OwedObligation = Omit<ExitObligation, 'kind'>;

/** How the savings record names money an obligation takes from a member's account. */
export type ObligationOperation = Extract<Operation, 'loan-repayment'>;

/** The member's savings leaves an obligation is paid from, each for an amount. */
export interface ObligationFunding {
  /** The teller who made the exit: the settlement runs in their name. */
  readonly actorId: string;
  readonly sources: readonly { readonly ledgerAccountId: string; readonly amount: Money }[];
}

/**
 * What another module (loans) settles when a member leaves. Savings never imports that module:
 * the module registers its handler here, from its `onModuleInit`.
 */
export interface ExitObligationHandler {
  /** Unique, e.g. 'loans'; stored in the settlement to find the handler again at execution. */
  readonly kind: string;
  readonly operation: ObligationOperation;
  /**
   * What the member owes today. Runs in the exit's transaction after the member's lock and
   * before their savings accounts': lock here what `settle` changes. Throws a problem (422) for
   * anything savings cannot settle, saying what to do first.
   */
  owed(tx: Tx, cooperativeId: string, memberId: string): Promise<readonly OwedObligation[]>;
  /**
   * Settles one obligation, exactly its amount, by debiting the given savings leaves in one
   * entry of the exit's transaction; returns that entry. Savings records the movements.
   */
  settle(
    tx: Tx,
    cooperativeId: string,
    obligation: ExitObligation,
    funding: ObligationFunding,
  ): Promise<{ readonly entryId: string }>;
}

/** The exit being run, as settling its obligations needs it. */
export interface ExitInProgress {
  readonly settlement: ExitSettlement;
  readonly memberId: string;
  readonly actorId: string;
  readonly approvalId: string;
  readonly businessDate: string;
  readonly ledgerAccountOf: (savingsAccountId: string) => string;
}

/** The obligation handlers of the running process, asked in the order they registered. */
@Injectable()
export class ExitObligations {
  private readonly handlers = new Map<string, ExitObligationHandler>();

  register(handler: ExitObligationHandler): void {
    if (this.handlers.has(handler.kind)) {
      throw new Error(`Exit obligations of kind "${handler.kind}" already have a handler`);
    }
    this.handlers.set(handler.kind, handler);
  }

  /** Everything the member owes today; a handler may refuse the exit. */
  async owed(tx: Tx, cooperativeId: string, memberId: string): Promise<ExitObligation[]> {
    const all: ExitObligation[] = [];
    for (const handler of this.handlers.values()) {
      const lines = await handler.owed(tx, cooperativeId, memberId);
      all.push(...lines.map((line) => ({ ...line, kind: handler.kind })));
    }
    return all;
  }

  /**
   * Settles each obligation of an approved exit from the accounts the settlement drew on, and
   * records each debit beside the handler's entry so the savings record still matches the ledger.
   */
  async settle(tx: Tx, cooperativeId: string, exit: ExitInProgress): Promise<void> {
    const { currency } = exit.settlement;
    for (const obligation of exit.settlement.obligations) {
      const handler = this.handlers.get(obligation.kind);
      if (!handler) throw new Error(`No exit obligation handler of kind "${obligation.kind}"`);
      const draws = obligation.drawnFrom.map((draw) => ({
        accountId: draw.accountId,
        amount: Money.parse(draw.amount, currency),
      }));
      const { entryId } = await handler.settle(
        tx,
        cooperativeId,
        {
          kind: obligation.kind,
          id: obligation.id,
          reference: obligation.reference,
          description: obligation.description,
          amount: Money.parse(obligation.amount, currency),
        },
        {
          actorId: exit.actorId,
          sources: draws.map((draw) => ({
            ledgerAccountId: exit.ledgerAccountOf(draw.accountId),
            amount: draw.amount,
          })),
        },
      );
      for (const draw of draws) {
        await recordTransaction(tx, cooperativeId, {
          entryId,
          operation: handler.operation,
          savingsAccountId: draw.accountId,
          memberId: exit.memberId,
          amount: draw.amount.toString(),
          currency,
          direction: 'out',
          cash: false,
          receiptNumber: null,
          businessDate: exit.businessDate,
          tellerId: exit.actorId,
          approvalId: exit.approvalId,
        });
      }
    }
  }
}
