import { businessDate, Clock, InvalidInputError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { MemberDirectory } from '@lumbung/members';
import { Injectable } from '@nestjs/common';
import {
  accountStatement,
  type AccountStatement,
  type MemberStatement,
  type StatementFormat,
} from '../domain/statement';
import { owedFrom } from '../domain/owed';
import { statementCsv } from '../domain/statement-csv';
import { type Language } from '../domain/statement-language';
import { accountsOfMember, type SavingsAccountRecord } from '../infrastructure/account-store';
import { statementPdf } from '../infrastructure/pdf-statement';
import { balanceBefore, ledgerLines } from './statement-lines';

/** A rendered file for the api to send as it is. */
export interface PrintedDocument {
  readonly contentType: string;
  readonly fileName: string;
  /** `attachment` to save (CSV), `inline` to open and print (PDF). */
  readonly disposition: 'attachment' | 'inline';
  readonly body: Buffer;
}

export interface StatementRequest {
  readonly from: string;
  readonly to: string;
  readonly lang: Language;
}

/**
 * A member's statement for a date range: every savings account they hold, each with its opening
 * balance, its ledger lines by value date and its closing balance. Run it in one REPEATABLE READ
 * read-only transaction, so every account is read from the same snapshot.
 */
@Injectable()
export class StatementService {
  constructor(
    private readonly members: MemberDirectory,
    private readonly cooperatives: CooperativeService,
    private readonly clock: Clock,
  ) {}

  async memberStatement(
    tx: Tx,
    cooperativeId: string,
    memberId: string,
    request: StatementRequest,
  ): Promise<MemberStatement> {
    const from = businessDate(request.from, 'from');
    const to = businessDate(request.to, 'to');
    if (from > to) {
      throw new InvalidInputError('The period ends before it starts', [
        { field: 'from', message: `must be on or before to (${to})` },
      ]);
    }
    const member = await this.members.requireMember(tx, cooperativeId, memberId);
    const cooperative = await this.cooperatives.byId(tx, cooperativeId);
    const accounts = (await accountsOfMember(tx, cooperativeId, memberId)).filter(
      (account) => account.openedOn <= to,
    );
    const statements: AccountStatement[] = [];
    for (const account of accounts) {
      statements.push(await this.ofAccount(tx, cooperativeId, account, { from, to }, request.lang));
    }
    return {
      cooperative: {
        id: cooperative.id,
        code: cooperative.code,
        name: cooperative.name,
        timeZone: cooperative.timeZone,
      },
      member: { id: member.id, memberNumber: member.memberNumber, fullName: member.fullName },
      period: { from, to },
      lang: request.lang,
      generatedAt: this.clock.now().toISOString(),
      accounts: statements,
    };
  }

  /** The statement as a file: RFC 4180 CSV, or an A4 PDF to print. */
  document(statement: MemberStatement, format: Exclude<StatementFormat, 'json'>): PrintedDocument {
    const name = `statement-${statement.member.memberNumber}-${statement.period.from}-${statement.period.to}`;
    return format === 'csv'
      ? {
          contentType: 'text/csv; charset=utf-8',
          fileName: `${name}.csv`,
          disposition: 'attachment',
          body: Buffer.from(statementCsv(statement), 'utf8'),
        }
      : {
          contentType: 'application/pdf',
          fileName: `${name}.pdf`,
          disposition: 'inline',
          body: statementPdf(statement),
        };
  }

  private async ofAccount(
    tx: Tx,
    cooperativeId: string,
    account: SavingsAccountRecord,
    period: { from: string; to: string },
    lang: Language,
  ): Promise<AccountStatement> {
    const opening = owedFrom(
      await balanceBefore(tx, cooperativeId, account.ledgerAccountId, period.from),
      account.currency,
    );
    const lines = await ledgerLines(tx, cooperativeId, account, {
      valueFrom: period.from,
      valueTo: period.to,
    });
    return accountStatement(
      {
        accountId: account.id,
        accountNumber: account.accountNumber,
        kind: account.kind,
        productCode: account.productCode,
        currency: account.currency,
      },
      opening,
      lines,
      lang,
    );
  }
}
