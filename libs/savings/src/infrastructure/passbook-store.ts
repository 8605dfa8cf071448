import type { Tx } from '@lumbung/database';

/** One run of the passbook printer; the latest run says where the passbook stands. */
export interface PassbookPrintRecord {
  readonly kind: 'print' | 'reprint';
  /** The line on page 1, row 1 of the passbook in use. */
  readonly bookFirstLine: number;
  readonly firstLine: number;
  /** The account version (line number) of the last line printed. */
  readonly printedThroughVersion: number;
  readonly printedLines: number;
  readonly printedAt: string;
  readonly printedBy: string;
  readonly reason: string | null;
}

interface PrintRow {
  kind: 'print' | 'reprint';
  book_first_line: string;
  first_line: string;
  printed_through_version: string;
  printed_lines: number;
  printed_at: Date;
  printed_by: string;
  reason: string | null;
}

export async function latestPrint(
  tx: Tx,
  cooperativeId: string,
  accountId: string,
): Promise<PassbookPrintRecord | undefined> {
  const [row] = await tx.query<PrintRow>(
    `SELECT kind, book_first_line, first_line, printed_through_version, printed_lines,
            printed_at, printed_by, reason
       FROM passbook_print
      WHERE cooperative_id = $1 AND savings_account_id = $2
      ORDER BY printed_at DESC
      LIMIT 1`,
    [cooperativeId, accountId],
  );
  return (
    row && {
      kind: row.kind,
      bookFirstLine: Number(row.book_first_line),
      firstLine: Number(row.first_line),
      printedThroughVersion: Number(row.printed_through_version),
      printedLines: row.printed_lines,
      printedAt: row.printed_at.toISOString(),
      printedBy: row.printed_by,
      reason: row.reason,
    }
  );
}

/** Appends a print run; the caller holds the account's row lock, so runs never overlap. */
export async function recordPrint(
  tx: Tx,
  cooperativeId: string,
  accountId: string,
  run: Omit<PassbookPrintRecord, 'printedAt'>,
): Promise<string> {
  const [row] = await tx.query<{ printed_at: Date }>(
    `INSERT INTO passbook_print (cooperative_id, savings_account_id, kind, book_first_line,
                                 first_line, printed_through_version, printed_lines, printed_by,
                                 reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING printed_at`,
    [
      cooperativeId,
      accountId,
      run.kind,
      run.bookFirstLine,
      run.firstLine,
      run.printedThroughVersion,
      run.printedLines,
      run.printedBy,
      run.reason,
    ],
  );
  return row.printed_at.toISOString();
}
