import { ConflictError, Money, RuleViolationError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  type ExitObligation,
  type ExitObligationHandler,
  ExitObligations,
  type ObligationFunding,
  type OwedObligation,
} from '@lumbung/savings';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type LoanRecord, loansOf } from '../infrastructure/loan-store';
import { LoanPayoffService } from './loan-payoff.service';
import { LoanViews } from './loan-views';

const page = 100;

/**
 * A member who leaves (or dies) pays off every running loan from their savings: each is owed at
 * today's payoff quote. An application still waiting (applied, or approved but not disbursed)
 * refuses the exit: it is withdrawn or rejected first, never paid out to someone gone.
 */
@Injectable()
export class LoanExitObligation implements ExitObligationHandler, OnModuleInit {
  readonly kind = 'loans';
  readonly operation = 'loan-repayment';

  constructor(
    private readonly registry: ExitObligations,
    private readonly views: LoanViews,
    private readonly payoffs: LoanPayoffService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async owed(tx: Tx, cooperativeId: string, memberId: string): Promise<OwedObligation[]> {
    const loans = await this.loansOfMember(tx, cooperativeId, memberId);
    const waiting = loans.find((loan) => loan.status === 'applied' || loan.status === 'approved');
    if (waiting) {
      throw new RuleViolationError(
        'loan-application-pending',
        'Loan application pending',
        `Loan ${waiting.loanNumber} is ${waiting.status} but not disbursed: withdraw or reject it first, then the member may leave`,
        { loanId: waiting.id, loanStatus: waiting.status },
      );
    }
    const owed: OwedObligation[] = [];
    // In id order, after the member's lock and before the savings accounts' (the lock order of
    // a repayment), so the payoff at execution finds them as quoted.
    for (const { id } of loans.filter((loan) => loan.status === 'active')) {
      const loan = await this.views.require(tx, cooperativeId, id, true);
      const quote = await this.payoffs.quote(tx, cooperativeId, loan.id);
      owed.push({
        id: loan.id,
        reference: loan.loanNumber,
        description: `loan ${loan.loanNumber} payoff`,
        amount: Money.parse(quote.total, quote.currency),
      });
    }
    return owed;
  }

  async settle(
    tx: Tx,
    cooperativeId: string,
    obligation: ExitObligation,
    funding: ObligationFunding,
  ): Promise<{ entryId: string }> {
    const receipt = await this.payoffs.payOffWith(
      tx,
      cooperativeId,
      // Who ran the exit; the payoff checks no role of theirs (the approval did).
      { id: funding.actorId, roles: [] },
      obligation.id,
      {
        channel: 'savings',
        fund: async (loan, total) => {
          if (!total.equals(obligation.amount)) {
            throw new ConflictError(
              'settlement-changed',
              'Loan payoff changed',
              `Loan ${loan.loanNumber}'s payoff is ${total.toString()} today, not the ${obligation.amount.toString()} the exit settles: cancel this request and submit the exit again`,
              { loanId: loan.id, submitted: obligation.amount.toString(), now: total.toString() },
            );
          }
          // Debits of the member's savings leaves; savings records them beside this entry.
          return { channel: 'savings', sources: funding.sources, account: null };
        },
      },
    );
    return { entryId: receipt.entryId };
  }

  private async loansOfMember(
    tx: Tx,
    cooperativeId: string,
    memberId: string,
  ): Promise<LoanRecord[]> {
    const all: LoanRecord[] = [];
    let after: string | undefined;
    for (;;) {
      const rows = await loansOf(tx, cooperativeId, { memberId, after, limit: page });
      all.push(...rows);
      if (rows.length < page) return all;
      after = rows[rows.length - 1].id;
    }
  }
}
