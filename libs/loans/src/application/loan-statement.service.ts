import { businessDate, type BusinessDate, Clock, InvalidInputError, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { MemberDirectory } from '@lumbung/members';
import type { PrintedDocument } from '@lumbung/savings';
import { Injectable } from '@nestjs/common';
import {
  type LoanStatement,
  type LoanStatementFormat,
  principalLedger,
  type PrincipalLedger,
  type PrincipalPosting,
  repaymentSection,
  scheduleSection,
} from '../domain/loan-statement';
import { loanStatementCsv } from '../domain/loan-statement-csv';
import { describePosting } from '../domain/loan-statement-language';
import type { LoanStatementLanguage } from '../domain/statement-text';
import { loanStatementPdf } from '../infrastructure/pdf-loan-statement';
import { principalBefore, principalPostings } from '../infrastructure/principal-lines';
import { repaymentsOf } from '../infrastructure/repayment-store';
import { restructuringsOf } from '../infrastructure/restructuring-store';
import { LoanViews } from './loan-views';

export interface LoanStatementRequest {
  /** First value date; by default the day the loan was applied for. */
  readonly from?: string;
  /** Last value date; by default the cooperative's business date. */
  readonly to?: string;
  readonly lang: LoanStatementLanguage;
}

/**
 * One loan's statement: its terms, the current schedule with what each instalment was paid and
 * still owes, the repayments taken in the period (reversed ones marked) and the lines of its
 * principal leaf by value date. Run it in one REPEATABLE READ read-only transaction, so every
 * part is read from the same snapshot and the parts agree.
 */
@Injectable()
export class LoanStatementService {
  constructor(
    private readonly views: LoanViews,
    private readonly members: MemberDirectory,
    private readonly cooperatives: CooperativeService,
    private readonly clock: Clock,
  ) {}

  async statement(
    tx: Tx,
    cooperativeId: string,
    loanId: string,
    request: LoanStatementRequest,
  ): Promise<LoanStatement> {
    const asked = {
      from: request.from === undefined ? undefined : businessDate(request.from, 'from'),
      to: request.to === undefined ? undefined : businessDate(request.to, 'to'),
    };
    const loan = await this.views.view(tx, cooperativeId, loanId);
    const cooperative = await this.cooperatives.byId(tx, cooperativeId);
    const period = { from: asked.from ?? loan.appliedOn, to: asked.to ?? cooperative.businessDate };
    if (period.from > period.to) {
      throw new InvalidInputError('The period ends before it starts', [
        { field: 'from', message: `must be on or before to (${period.to})` },
      ]);
    }
    const member = await this.members.requireMember(tx, cooperativeId, loan.memberId);
    const repayments = await repaymentsOf(tx, cooperativeId, loan.id);
    const standing = repayments.filter((r) => r.reversedOn === null);
    const inPeriod = repayments.filter(
      (r) => r.receivedOn >= period.from && r.receivedOn <= period.to,
    );
    return {
      cooperative: {
        id: cooperative.id,
        code: cooperative.code,
        name: cooperative.name,
        timeZone: cooperative.timeZone,
      },
      member: { id: member.id, memberNumber: member.memberNumber, fullName: member.fullName },
      loan: {
        id: loan.id,
        loanNumber: loan.loanNumber,
        productCode: loan.productCode,
        currency: loan.currency,
        principal: Money.of(loan.principal, loan.currency).toString(),
        rate: loan.rate,
        ratePer: loan.terms.ratePer,
        method: loan.terms.method,
        instalments: loan.instalments,
        disbursedOn: loan.disbursedOn,
        status: loan.status,
        closedOn: loan.closedOn,
      },
      period,
      lang: request.lang,
      generatedAt: this.clock.now().toISOString(),
      // The schedule is the loan's state now, whatever the period: paid from every repayment
      // still standing, unpaid as the loan view reports it (nothing once paid off).
      schedule: scheduleSection(
        loan.schedule.instalments,
        loan.position?.unpaid ?? [],
        standing.flatMap((r) => r.allocation.lines),
        loan.currency,
        loan.schedule.indicative,
      ),
      repayments: repaymentSection(inPeriod, loan.currency),
      principalLedger: await this.principalLedger(tx, cooperativeId, loan, period, request.lang),
      restructurings: (await restructuringsOf(tx, cooperativeId, loan.id)).map((r) => ({
        date: r.restructuredOn,
        fromVersion: r.fromVersion,
        toVersion: r.toVersion,
        outstandingPrincipal: r.outstandingPrincipal,
        unpaidInterest: r.unpaidInterest,
        capitalisedInterest: r.capitalisedInterest,
        newPrincipal: r.newPrincipal,
        before: {
          method: r.termsBefore.method,
          rate: r.termsBefore.rate,
          ratePer: r.termsBefore.ratePer,
          instalments: r.termsBefore.instalments,
        },
        after: {
          method: r.termsAfter.method,
          rate: r.termsAfter.rate,
          ratePer: r.termsAfter.ratePer,
          instalments: r.termsAfter.instalments,
        },
        reason: r.reason,
      })),
    };
  }

  /** The statement as a file: RFC 4180 CSV to download, or an A4 PDF to print. */
  document(
    statement: LoanStatement,
    format: Exclude<LoanStatementFormat, 'json'>,
  ): PrintedDocument {
    const name = `loan-statement-${statement.loan.loanNumber}-${statement.period.from}-${statement.period.to}`;
    return format === 'csv'
      ? {
          contentType: 'text/csv; charset=utf-8',
          fileName: `${name}.csv`,
          disposition: 'attachment',
          body: Buffer.from(loanStatementCsv(statement), 'utf8'),
        }
      : {
          contentType: 'application/pdf',
          fileName: `${name}.pdf`,
          disposition: 'inline',
          body: loanStatementPdf(statement),
        };
  }

  private async principalLedger(
    tx: Tx,
    cooperativeId: string,
    loan: { readonly ledgerAccountId: string | null; readonly currency: string },
    period: { readonly from: BusinessDate; readonly to: BusinessDate },
    lang: LoanStatementLanguage,
  ): Promise<PrincipalLedger> {
    const describe = (posting: PrincipalPosting) => describePosting(posting, lang);
    // No leaf before disbursement: nothing was lent yet.
    if (loan.ledgerAccountId === null) {
      return principalLedger(Money.zero(loan.currency), [], describe);
    }
    const opening = await principalBefore(tx, cooperativeId, loan.ledgerAccountId, period.from);
    const postings = await principalPostings(tx, cooperativeId, loan.ledgerAccountId, period);
    return principalLedger(Money.of(opening, loan.currency), postings, describe);
  }
}
