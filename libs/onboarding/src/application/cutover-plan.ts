import { createHash } from 'node:crypto';
import { type BusinessDate, InvalidInputError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { ChartService, counterpartyClasses, domainOwnedTemplateKeys } from '@lumbung/ledger';
import { parseRegistration, type Registration } from '@lumbung/members';
import { collateralDocuments, collateralKinds, LoanOpening, loanSectors } from '@lumbung/loans';
import { SavingsOpening } from '@lumbung/savings';
import { Injectable } from '@nestjs/common';
import { accountCodesIn, type GlFile, openingEquityKey, parseGlFile } from '../domain/gl-file';
import { type LoanFiles, parseLoanFiles } from '../domain/loans-file';
import { type MemberRecord, parseMembersFile } from '../domain/members-file';
import { openingTotalsProblem } from '../domain/opening-totals';
import { type RowProblem, sortProblems } from '../domain/row-problem';
import { parseSavingsFile, type SavingsFile } from '../domain/savings-file';

/** The file set of a cut-over, as text (docs/cutover.md). */
export interface CutoverFiles {
  readonly members: string;
  readonly savings: string;
  readonly loans: string;
  readonly loanSchedule: string;
  readonly collateral: string;
  readonly gl: string;
}

export interface PlannedMember extends MemberRecord {
  readonly registration: Registration;
}

/** Everything the files say, checked against the cooperative; commit only when `problems` is empty. */
export interface CutoverPlan {
  readonly cutoverDate: BusinessDate;
  readonly currency: string;
  readonly filesSha256: string;
  readonly members: readonly PlannedMember[];
  readonly savings: SavingsFile;
  readonly loans: LoanFiles;
  readonly gl: GlFile;
  readonly openingEquityAccountId: string;
  readonly problems: readonly RowProblem[];
}

/** Where libs/members names a field, the members.csv column that holds it. */
const memberColumnOf: Record<string, string> = {
  fullName: 'full_name',
  'identity.type': 'identity_type',
  'identity.number': 'identity_number',
  birthDate: 'birth_date',
  sex: 'sex',
  phone: 'phone',
  address: 'address',
};

/**
 * Reads the files against the cooperative's products and chart: the pure parsers in domain/ find
 * what the files alone show; libs/members judges each identity document as registration would.
 */
@Injectable()
export class CutoverPlanner {
  constructor(
    private readonly charts: ChartService,
    private readonly savingsOpening: SavingsOpening,
    private readonly loanOpening: LoanOpening,
  ) {}

  async plan(
    tx: Tx,
    cooperativeId: string,
    cutover: {
      readonly cutoverDate: BusinessDate;
      readonly currency: string;
      readonly files: CutoverFiles;
    },
  ): Promise<CutoverPlan> {
    const { cutoverDate, currency, files } = cutover;
    const membersFile = parseMembersFile(files.members, cutoverDate);
    const members: PlannedMember[] = [];
    const identityProblems: RowProblem[] = [];
    for (const member of membersFile.members) {
      try {
        members.push({
          ...member,
          registration: parseRegistration(registrationOf(member), cutoverDate),
        });
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        for (const problem of error.errors) {
          identityProblems.push({
            file: 'members.csv',
            row: member.row,
            column: memberColumnOf[problem.field] ?? problem.field,
            message: problem.message,
          });
        }
      }
    }
    const products = await this.savingsOpening.products(tx, cooperativeId);
    const savings = parseSavingsFile(files.savings, {
      cutoverDate,
      currency,
      products: new Map(
        products.map((p) => [
          p.code,
          { kind: p.kind, currency: p.currency, active: p.status === 'active' },
        ]),
      ),
      memberRows: membersFile.memberRows,
      placements: {
        maturity: (start, termMonths) => this.savingsOpening.maturity(start, termMonths),
        accruedBefore: (placement, principal) =>
          this.savingsOpening.accruedBefore(placement, principal, cutoverDate),
      },
    });
    const loanProducts = await this.loanOpening.products(tx, cooperativeId);
    const loans = parseLoanFiles(
      { loans: files.loans, schedule: files.loanSchedule, collateral: files.collateral },
      {
        cutoverDate,
        currency,
        products: new Map(
          loanProducts.map((p) => [
            p.code,
            { currency: p.currency, active: p.status === 'active' },
          ]),
        ),
        memberRows: membersFile.memberRows,
        sectors: loanSectors,
        collateralKinds,
        collateralDocuments,
        accruedBefore: (instalments) => this.loanOpening.accruedBefore(instalments, cutoverDate),
      },
    );
    const facts = await this.charts.accountFacts(tx, cooperativeId, accountCodesIn(files.gl));
    const gl = parseGlFile(files.gl, {
      currency,
      accounts: facts,
      counterpartyClasses,
      domainOwnedTemplateKeys,
    });
    const problems = [
      ...membersFile.problems,
      ...identityProblems,
      ...savings.problems,
      ...loans.problems,
      ...gl.problems,
    ];
    if (problems.length === 0) {
      const unbalanced = openingTotalsProblem({
        glNet: gl.net,
        savings: savings.total,
        loans: loans.total,
      });
      if (unbalanced) problems.push(unbalanced);
    }
    const openingEquity = (await this.charts.accountFacts(tx, cooperativeId, ['3-3901'])).get(
      '3-3901',
    );
    if (openingEquity?.templateKey !== openingEquityKey) {
      throw new Error('The chart has no opening balance equity 3-3901: upgrade the chart first');
    }
    return {
      cutoverDate,
      currency,
      filesSha256: digestOf(files),
      members,
      savings,
      loans,
      gl,
      openingEquityAccountId: openingEquity.id,
      problems: sortProblems(problems),
    };
  }
}

function registrationOf(member: MemberRecord) {
  return {
    fullName: member.fullName,
    identity: { type: member.identityType, number: member.identityNumber },
    birthDate: member.birthDate ?? undefined,
    sex: member.sex ?? undefined,
    phone: member.phone ?? undefined,
    address: member.address ?? undefined,
  };
}

/** The file set's fingerprint, kept with the cut-over: the same files give the same digest. */
function digestOf(files: CutoverFiles): string {
  const hash = createHash('sha256');
  for (const [name, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`${name}\0${text}\0`);
  }
  return hash.digest('hex');
}
