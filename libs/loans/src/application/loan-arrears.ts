import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { loansOf } from '../infrastructure/loan-store';
import { LoanPositions } from './loan-positions';

export interface Arrears {
  readonly loanId: string;
  readonly loanNumber: string;
  readonly overdue: string;
  readonly since: BusinessDate;
}

/** A member's running loans that are behind: a new loan waits until they are brought current. */
@Injectable()
export class LoanArrears {
  constructor(
    private readonly cooperatives: CooperativeService,
    private readonly positions: LoanPositions,
  ) {}

  async ofMember(tx: Tx, cooperativeId: string, memberId: string): Promise<Arrears[]> {
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    const loans = await loansOf(tx, cooperativeId, { memberId, status: 'active', limit: 1000 });
    const behind: Arrears[] = [];
    for (const loan of loans) {
      const due = await this.positions.dueOn(tx, cooperativeId, loan, businessDate);
      if (due.overdueSince) {
        behind.push({
          loanId: loan.id,
          loanNumber: loan.loanNumber,
          overdue: due.overdue,
          since: due.overdueSince,
        });
      }
    }
    return behind;
  }
}
