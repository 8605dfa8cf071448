import type { Actor } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  type BusinessDate,
  ConflictError,
  InvalidInputError,
  isUuid,
  type Money,
  NotFoundError,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  BusinessDayService,
  ChartService,
  type PostingDraft,
  PostingService,
} from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import {
  parseSettlement,
  type Reconciliation,
  reconcile,
  type SettlementDirection,
  type SettlementKind,
} from '../domain/settlement';
import { partnerById, type PartnerRecord } from '../infrastructure/partner-store';
import {
  borrowingAccount,
  borrowingCount,
  insertBorrowing,
  insertSettlement,
  partnersLinkedTo,
  type SettlementRecord,
  settlementExists,
  settlementsWith,
} from '../infrastructure/settlement-store';
import { crossBorderCodes, FacilityAccounts } from './facility-accounts';

/** The borrower's chart codes for settlements it books. */
export const borrowerCodes = {
  /** Heading of the liabilities to lenders, one leaf per lender partner and currency. */
  borrowings: '2-4',
  interestExpense: '5-1102',
} as const;

export interface ReconciliationReport extends Reconciliation {
  readonly partnerId: string;
  readonly counterpartCooperativeId: string;
}

/**
 * Settlement between two cooperatives that both keep their books on Lumbung. Each book posts its
 * own side in its own transaction, never both in one (DESIGN.md section 9): the lender's drawdown
 * or repayment writes the lender's side under a new settlement id; the borrower's manager books
 * the borrower's side with that id (`POST settlements`). The reconciliation report pairs the two
 * books' sides by settlement id: matched, unmatched (one side missing) or mismatched (something
 * differs, named), reading the other book only where both cooperatives linked each other.
 */
@Injectable()
export class CrossBorderSettlements {
  constructor(
    private readonly days: BusinessDayService,
    private readonly charts: ChartService,
    private readonly accounts: FacilityAccounts,
    private readonly posting: PostingService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * The lender's side of a drawdown or repayment, in the lender's transaction, when the partner
   * keeps its books on Lumbung; null otherwise.
   */
  async lenderSide(
    tx: Tx,
    cooperativeId: string,
    side: {
      readonly partner: PartnerRecord;
      readonly kind: SettlementKind;
      readonly amount: Money;
      readonly valueDate: BusinessDate;
      readonly accountId: string;
      readonly entryId: string;
      readonly sourceId: string;
      readonly recordedBy: string;
    },
  ): Promise<string | null> {
    if (side.partner.lumbungCooperativeId === null) return null;
    const id = uuidv7();
    await insertSettlement(tx, cooperativeId, {
      id,
      partnerId: side.partner.id,
      counterpartCooperativeId: side.partner.lumbungCooperativeId,
      kind: side.kind,
      direction: side.kind === 'drawdown' ? 'out' : 'in',
      currency: side.amount.currency.code,
      amount: side.amount.toString(),
      valueDate: side.valueDate,
      accountId: side.accountId,
      entryId: side.entryId,
      sourceId: side.sourceId,
      recordedBy: side.recordedBy,
    });
    return id;
  }

  /**
   * The borrower books its side: a drawdown received into its bank against what it owes the
   * lender, or a repayment paid out of it (principal off the liability, interest to expense).
   */
  async record(
    tx: Tx,
    cooperativeId: string,
    manager: Actor,
    input: unknown,
  ): Promise<SettlementRecord> {
    const settlement = parseSettlement(input);
    const day = await this.days.enter(tx, cooperativeId, 'shared');
    const partner = await partnerById(tx, cooperativeId, settlement.partnerId, 'share');
    if (!partner) {
      throw new InvalidInputError('The settlement is not valid', [
        { field: 'partnerId', message: 'a partner cooperative of this cooperative' },
      ]);
    }
    const counterpart = linkedCooperative(partner);
    const currency = settlement.amount.currency.code;
    if (currency !== day.functionalCurrency) {
      throw new RuleViolationError(
        'settlement-currency',
        'Settlement currency',
        `This cooperative books settlements in its functional currency ${day.functionalCurrency}; a ${currency} settlement is not booked here yet`,
        { field: 'currency', functionalCurrency: day.functionalCurrency },
      );
    }
    if (await settlementExists(tx, cooperativeId, settlement.settlementId)) {
      throw settlementExistsError(settlement.settlementId);
    }
    const liability = await this.borrowing(tx, cooperativeId, partner, currency);
    const bank = await this.accounts.byCode(tx, cooperativeId, crossBorderCodes.bank);
    const direction: SettlementDirection = settlement.kind === 'drawdown' ? 'in' : 'out';
    const postings: PostingDraft[] = [];
    if (settlement.kind === 'drawdown') {
      postings.push(
        { accountId: bank, amount: settlement.amount },
        { accountId: liability, amount: settlement.amount.negated() },
      );
    } else {
      const principal = settlement.amount.minus(settlement.interest);
      if (!principal.isZero()) postings.push({ accountId: liability, amount: principal });
      if (!settlement.interest.isZero()) {
        postings.push({
          accountId: await this.accounts.byCode(tx, cooperativeId, borrowerCodes.interestExpense),
          amount: settlement.interest,
          counterpartyClass: 'partner_cooperative',
        });
      }
      postings.push({ accountId: bank, amount: settlement.amount.negated() });
    }
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `${settlement.kind === 'drawdown' ? 'Penerimaan pinjaman' : 'Angsuran pinjaman'} ${partner.legalName} ${settlement.amount.toString()} ${currency}`,
      source: { type: 'cross-border.settlement', id: settlement.settlementId },
      recordedBy: manager.id,
      postings,
    });
    const record: SettlementRecord = {
      id: settlement.settlementId,
      partnerId: partner.id,
      counterpartCooperativeId: counterpart,
      kind: settlement.kind,
      direction,
      currency,
      amount: settlement.amount.toString(),
      valueDate: day.businessDate,
      accountId: liability,
      entryId: entry.id,
      sourceId: null,
      recordedBy: manager.id,
    };
    // The key decides a race between two bookings of one settlement: the loser rolls back.
    if (!(await insertSettlement(tx, cooperativeId, record))) {
      throw settlementExistsError(settlement.settlementId);
    }
    await this.audit.record(tx, {
      cooperativeId,
      action: 'cross-border.settlement.record',
      targetType: 'cross_border_settlement',
      targetId: record.id,
      after: { ...record, interest: settlement.interest.toString() },
    });
    return record;
  }

  /** Both books' sides of the settlements with one partner on Lumbung, paired. */
  async reconciliation(
    tx: Tx,
    cooperativeId: string,
    partnerId: string,
  ): Promise<ReconciliationReport> {
    const partner = isUuid(partnerId) ? await partnerById(tx, cooperativeId, partnerId) : undefined;
    if (!partner) throw new NotFoundError('partner cooperative', partnerId);
    const counterpart = linkedCooperative(partner);
    if ((await partnersLinkedTo(tx, counterpart, cooperativeId)).length === 0) {
      throw new RuleViolationError(
        'partner-link-not-mutual',
        'Partner link not mutual',
        `${partner.legalName}'s cooperative on Lumbung has not linked a partner to this cooperative: its book is not read until it does`,
        { counterpartCooperativeId: counterpart },
      );
    }
    const ours = await settlementsWith(tx, cooperativeId, counterpart);
    const theirs = await settlementsWith(tx, counterpart, cooperativeId);
    return {
      partnerId: partner.id,
      counterpartCooperativeId: counterpart,
      ...reconcile(ours.map(side), theirs.map(side)),
    };
  }

  /** The liability leaf to one lender partner in one currency, opened on first use. */
  private async borrowing(
    tx: Tx,
    cooperativeId: string,
    partner: PartnerRecord,
    currency: string,
  ): Promise<string> {
    const found = await borrowingAccount(tx, cooperativeId, partner.id, currency);
    if (found) return found;
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('cb-borrowing:' || $1, 0))`, [
      cooperativeId,
    ]);
    const raced = await borrowingAccount(tx, cooperativeId, partner.id, currency);
    if (raced) return raced;
    const heading = await this.charts.accountByCode(tx, cooperativeId, borrowerCodes.borrowings);
    const number = (await borrowingCount(tx, cooperativeId)) + 1;
    const leaf = await this.charts.openLeaf(tx, cooperativeId, {
      parentId: heading.id,
      code: `${borrowerCodes.borrowings}-${String(number).padStart(4, '0')}`,
      name: `Pinjaman dari ${partner.legalName} ${currency}`.slice(0, 200),
      currency,
      // Never repays more than was received: the ledger holds it to that.
      floor: '0',
    });
    await insertBorrowing(tx, cooperativeId, partner.id, currency, leaf.id);
    return leaf.id;
  }
}

function linkedCooperative(partner: PartnerRecord): string {
  if (partner.lumbungCooperativeId === null) {
    throw new RuleViolationError(
      'partner-not-on-lumbung',
      'Partner not on Lumbung',
      `${partner.legalName} is not linked to a cooperative on Lumbung: its settlements are reconciled outside`,
      { field: 'partnerId' },
    );
  }
  return partner.lumbungCooperativeId;
}

function settlementExistsError(id: string): ConflictError {
  return new ConflictError(
    'settlement-exists',
    'Settlement already booked',
    `This cooperative's book already has its side of settlement ${id}`,
    { field: 'settlementId' },
  );
}

function side(record: SettlementRecord) {
  return {
    id: record.id,
    kind: record.kind,
    direction: record.direction,
    currency: record.currency,
    amount: record.amount,
    valueDate: record.valueDate,
    entryId: record.entryId,
  };
}
