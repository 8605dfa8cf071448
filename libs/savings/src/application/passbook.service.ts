import { AuditLog } from '@lumbung/audit';
import { isUuid, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import {
  type PassbookLine,
  passbookLine,
  passbookLinesPerPage,
  type PassbookSlot,
  passbookSlot,
  requireReprintFrom,
} from '../domain/passbook';
import { type Language } from '../domain/statement-language';
import { accountById, type SavingsAccountRecord } from '../infrastructure/account-store';
import {
  latestPrint,
  type PassbookPrintRecord,
  recordPrint,
} from '../infrastructure/passbook-store';
import { passbookPdf } from '../infrastructure/pdf-passbook';
import { lastLine, ledgerLines } from './statement-lines';
import { type PrintedDocument } from './statement.service';

/** The next line to print and where it lands in the passbook in use. */
export interface PassbookNext extends PassbookSlot {
  readonly lineNumber: number;
}

export interface PassbookPosition {
  readonly accountId: string;
  readonly accountNumber: string;
  readonly linesPerPage: number;
  readonly bookFirstLine: number;
  /** 0 before the first print. */
  readonly printedThroughLine: number;
  readonly lastLine: number;
  readonly pendingLines: number;
  readonly next: PassbookNext;
  readonly lastPrint: Omit<PassbookPrintRecord, 'bookFirstLine' | 'printedThroughVersion'> | null;
}

export interface PassbookPrintout {
  readonly accountId: string;
  readonly accountNumber: string;
  readonly currency: string;
  readonly kind: 'print' | 'reprint';
  readonly lang: Language;
  readonly linesPerPage: number;
  readonly bookFirstLine: number;
  /** Nothing when every line was printed already; then nothing is recorded either. */
  readonly lines: readonly PassbookLine[];
  readonly printedThroughLine: number;
  readonly next: PassbookNext;
}

/**
 * The buku tabungan: its lines are the postings of the account's ledger leaf, numbered by account
 * version. A print run takes the savings account's row lock first, so two tellers printing at
 * once queue and the second prints only what the first did not; each run is a `passbook_print`
 * row and an audit entry in the same transaction.
 */
@Injectable()
export class PassbookService {
  constructor(private readonly audit: AuditLog) {}

  async position(tx: Tx, cooperativeId: string, accountId: string): Promise<PassbookPosition> {
    const account = await this.account(tx, cooperativeId, accountId, false);
    const previous = await latestPrint(tx, cooperativeId, account.id);
    const last = await lastLine(tx, cooperativeId, account.ledgerAccountId);
    const printedThrough = previous?.printedThroughVersion ?? 0;
    const bookFirstLine = previous?.bookFirstLine ?? 1;
    return {
      accountId: account.id,
      accountNumber: account.accountNumber,
      linesPerPage: passbookLinesPerPage,
      bookFirstLine,
      printedThroughLine: printedThrough,
      lastLine: last,
      pendingLines: last - printedThrough,
      next: nextAfter(printedThrough, bookFirstLine),
      lastPrint: previous
        ? {
            kind: previous.kind,
            firstLine: previous.firstLine,
            printedLines: previous.printedLines,
            printedAt: previous.printedAt,
            printedBy: previous.printedBy,
            reason: previous.reason,
          }
        : null,
    };
  }

  /** Prints the lines after the last printed one, continuing the passbook in use. */
  async print(
    tx: Tx,
    cooperativeId: string,
    tellerId: string,
    accountId: string,
    lang: Language,
  ): Promise<PassbookPrintout> {
    const account = await this.account(tx, cooperativeId, accountId, true);
    const previous = await latestPrint(tx, cooperativeId, account.id);
    const bookFirstLine = previous?.bookFirstLine ?? 1;
    const ledger = await ledgerLines(tx, cooperativeId, account, {
      afterVersion: previous?.printedThroughVersion ?? 0,
    });
    const lines = ledger.map((line) => passbookLine(line, account.currency, bookFirstLine, lang));
    const printout = this.printout(account, 'print', lang, bookFirstLine, lines, previous);
    if (lines.length > 0) await this.record(tx, cooperativeId, tellerId, printout, previous, null);
    return printout;
  }

  /**
   * Prints a replacement passbook from `fromLine` (its page 1, row 1) through the last line;
   * later prints continue the replacement.
   */
  async reprint(
    tx: Tx,
    cooperativeId: string,
    tellerId: string,
    accountId: string,
    request: { fromLine: number; reason: string },
    lang: Language,
  ): Promise<PassbookPrintout> {
    const account = await this.account(tx, cooperativeId, accountId, true);
    const previous = await latestPrint(tx, cooperativeId, account.id);
    requireReprintFrom(
      request.fromLine,
      await lastLine(tx, cooperativeId, account.ledgerAccountId),
    );
    const ledger = await ledgerLines(tx, cooperativeId, account, {
      afterVersion: request.fromLine - 1,
    });
    const lines = ledger.map((line) =>
      passbookLine(line, account.currency, request.fromLine, lang),
    );
    const printout = this.printout(account, 'reprint', lang, request.fromLine, lines, previous);
    await this.record(tx, cooperativeId, tellerId, printout, previous, request.reason);
    return printout;
  }

  /** The printout as a PDF whose pages are the passbook pages it writes on. */
  document(printout: PassbookPrintout): PrintedDocument {
    const first = printout.lines[0]?.lineNumber ?? printout.next.lineNumber;
    return {
      contentType: 'application/pdf',
      fileName: `passbook-${printout.accountNumber}-${printout.kind}-${first}.pdf`,
      disposition: 'inline',
      body: passbookPdf(
        printout.lines,
        printout.lang,
        `Buku tabungan ${printout.accountNumber} ${printout.kind} ${first}`,
      ),
    };
  }

  private printout(
    account: SavingsAccountRecord,
    kind: 'print' | 'reprint',
    lang: Language,
    bookFirstLine: number,
    lines: PassbookLine[],
    previous: PassbookPrintRecord | undefined,
  ): PassbookPrintout {
    const printedThrough = lines.at(-1)?.lineNumber ?? previous?.printedThroughVersion ?? 0;
    return {
      accountId: account.id,
      accountNumber: account.accountNumber,
      currency: account.currency,
      kind,
      lang,
      linesPerPage: passbookLinesPerPage,
      bookFirstLine,
      lines,
      printedThroughLine: printedThrough,
      next: nextAfter(printedThrough, bookFirstLine),
    };
  }

  private async record(
    tx: Tx,
    cooperativeId: string,
    tellerId: string,
    printout: PassbookPrintout,
    previous: PassbookPrintRecord | undefined,
    reason: string | null,
  ): Promise<void> {
    const [first, last] = [printout.lines[0], printout.lines.at(-1)!];
    await recordPrint(tx, cooperativeId, printout.accountId, {
      kind: printout.kind,
      bookFirstLine: printout.bookFirstLine,
      firstLine: first.lineNumber,
      printedThroughVersion: last.lineNumber,
      printedLines: printout.lines.length,
      printedBy: tellerId,
      reason,
    });
    await this.audit.record(tx, {
      cooperativeId,
      action: `savings.passbook.${printout.kind}`,
      targetType: 'savings_account',
      targetId: printout.accountId,
      before: previous && {
        bookFirstLine: previous.bookFirstLine,
        printedThroughLine: previous.printedThroughVersion,
      },
      after: {
        bookFirstLine: printout.bookFirstLine,
        firstLine: first.lineNumber,
        lastLine: last.lineNumber,
        from: { page: first.page, line: first.line },
        through: { page: last.page, line: last.line },
      },
      reason: reason ?? undefined,
      actorId: tellerId,
    });
  }

  private async account(
    tx: Tx,
    cooperativeId: string,
    accountId: string,
    lock: boolean,
  ): Promise<SavingsAccountRecord> {
    const account = isUuid(accountId)
      ? await accountById(tx, cooperativeId, accountId, lock)
      : undefined;
    if (!account) throw new NotFoundError('savings account', accountId);
    return account;
  }
}

function nextAfter(printedThrough: number, bookFirstLine: number): PassbookNext {
  const lineNumber = printedThrough + 1;
  return { lineNumber, ...passbookSlot(lineNumber, bookFirstLine) };
}
