import type { BusinessDate } from '@lumbung/core';
import { CellReader } from './cells';
import { readCsvTable } from './csv-table';
import type { RowProblem } from './row-problem';

export const memberColumns = {
  required: ['member_number', 'full_name', 'identity_type', 'identity_number', 'join_date'],
  optional: ['birth_date', 'sex', 'phone', 'address'],
} as const;

/** A member row as the file has it; the identity document is checked by libs/members. */
export interface MemberRecord {
  readonly row: number;
  /** Padded to six digits, as member numbers are stored. */
  readonly memberNumber: string;
  readonly fullName: string;
  readonly identityType: string;
  readonly identityNumber: string;
  readonly birthDate: string | null;
  readonly sex: string | null;
  readonly phone: string | null;
  readonly address: string | null;
  readonly joinDate: BusinessDate;
}

export interface MembersFile {
  readonly members: readonly MemberRecord[];
  /** Every well-formed member number the file holds, with its first row, rejected rows too. */
  readonly memberRows: ReadonlyMap<string, number>;
  readonly problems: readonly RowProblem[];
}

/**
 * members.csv: one row a member. Member numbers are the old books' (digits; registration goes on
 * after the highest), each once; an identity document once per type; joined before the cut-over.
 * Rows with a problem are left out of `members` and reported.
 */
export function parseMembersFile(text: string, cutoverDate: BusinessDate): MembersFile {
  const table = readCsvTable('members.csv', text, memberColumns);
  const cells = new CellReader('members.csv');
  const numbers = new Map<string, number>();
  const documents = new Map<string, number>();
  const members: MemberRecord[] = [];
  for (const record of table.rows) {
    const before = cells.problems.length;
    const number = cells.required(record, 'member_number');
    let memberNumber: string | undefined;
    if (number !== undefined) {
      if (!/^\d{1,12}$/.test(number) || /^0+$/.test(number)) {
        cells.problem(record.row, 'member_number', `"${number}" is not a member number (digits)`);
      } else {
        memberNumber = number.padStart(6, '0');
        const first = numbers.get(memberNumber);
        if (first !== undefined) {
          cells.problem(record.row, 'member_number', `${number} is already on row ${first}`);
        } else numbers.set(memberNumber, record.row);
      }
    }
    const fullName = cells.required(record, 'full_name');
    const identityType = cells.required(record, 'identity_type');
    const identityNumber = cells.required(record, 'identity_number');
    if (identityType && identityNumber) {
      const key = `${identityType.toLowerCase()}:${normalisedDocument(identityNumber)}`;
      const first = documents.get(key);
      if (first !== undefined) {
        cells.problem(
          record.row,
          'identity_number',
          `the same ${identityType} number is already on row ${first}`,
        );
      } else documents.set(key, record.row);
    }
    const joinDate = cells.date(record, 'join_date');
    if (joinDate && joinDate >= cutoverDate) {
      cells.problem(record.row, 'join_date', `must be before the cut-over date ${cutoverDate}`);
    }
    if (cells.problems.length > before) continue;
    members.push({
      row: record.row,
      memberNumber: memberNumber!,
      fullName: fullName!,
      identityType: identityType!.toLowerCase(),
      identityNumber: identityNumber!,
      birthDate: record.cell('birth_date') || null,
      sex: record.cell('sex') || null,
      phone: record.cell('phone') || null,
      address: record.cell('address') || null,
      joinDate: joinDate!,
    });
  }
  return { members, memberRows: numbers, problems: [...table.problems, ...cells.problems] };
}

/** Separators people type in document numbers do not make two documents. */
function normalisedDocument(number: string): string {
  return number.replace(/[\s.\-/]/g, '').toUpperCase();
}
