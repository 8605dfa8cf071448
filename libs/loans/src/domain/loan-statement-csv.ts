import { csvRecords, inertText } from '@lumbung/core';
import type { LoanStatement } from './loan-statement';
import { loanLabels } from './loan-statement-language';

/**
 * The statement as one RFC 4180 file of two tables, headed in the statement's language and
 * separated by one empty line:
 *
 * 1. the schedule, one record per instalment: loan number, instalment no, due date, principal,
 *    interest, instalment total, principal balance after, then principal, interest and penalty
 *    paid, then principal, interest and penalty still unpaid;
 * 2. the repayments in the period, one record per repayment: loan number, date, receipt number,
 *    channel, amount, penalty, fees, interest, principal (prepaid included), principal prepaid,
 *    and the date it was reversed (empty while it stands).
 *
 * Amounts are plain decimal strings (`840000.00`), dates ISO, whatever the language: the file is
 * for spreadsheets and scripts, which read them as numbers and dates. A table always has its
 * header, even with no rows, so a reader can split on the empty line.
 */
export function loanStatementCsv(statement: LoanStatement): string {
  const text = loanLabels[statement.lang];
  const columns = text.columns;
  const { loanNumber } = statement.loan;
  const schedule = [
    [
      columns.loanNumber,
      columns.no,
      columns.dueDate,
      columns.principal,
      columns.interest,
      columns.total,
      columns.balanceAfter,
      columns.paidPrincipal,
      columns.paidInterest,
      columns.paidPenalty,
      columns.unpaidPrincipal,
      columns.unpaidInterest,
      columns.unpaidPenalty,
    ],
    ...statement.schedule.instalments.map((row) => [
      loanNumber,
      String(row.no),
      row.dueDate,
      row.principal,
      row.interest,
      row.total,
      row.balanceAfter,
      row.paid.principal,
      row.paid.interest,
      row.paid.penalty,
      row.unpaid.principal,
      row.unpaid.interest,
      row.unpaid.penalty,
    ]),
  ];
  const repayments = [
    [
      columns.loanNumber,
      columns.date,
      columns.receipt,
      columns.channel,
      columns.amount,
      columns.penalty,
      columns.fees,
      columns.interest,
      columns.principal,
      columns.prepaid,
      columns.reversed,
    ],
    ...statement.repayments.items.map((row) => [
      loanNumber,
      row.date,
      inertText(row.receiptNumber ?? ''),
      text.channels[row.channel],
      row.amount,
      row.allocated.penalty,
      row.allocated.fees,
      row.allocated.interest,
      row.allocated.principal,
      row.prepaid,
      row.reversedOn ?? '',
    ]),
  ];
  const tables = `${csvRecords(schedule)}\r\n${csvRecords(repayments)}`;
  if (statement.restructurings.length === 0) return tables;
  // 3. a restructured loan's restructurings, oldest first: date, principal outstanding, interest
  //    unpaid and capitalised, the new principal, method, rate and term before and after, why.
  const restructurings = [
    text.restructuringColumns,
    ...statement.restructurings.map((r) => [
      loanNumber,
      r.date,
      r.outstandingPrincipal,
      r.unpaidInterest,
      r.capitalisedInterest,
      r.newPrincipal,
      r.before.method,
      r.before.rate,
      String(r.before.instalments),
      r.after.method,
      r.after.rate,
      String(r.after.instalments),
      inertText(r.reason),
    ]),
  ];
  return `${tables}\r\n${csvRecords(restructurings)}`;
}
