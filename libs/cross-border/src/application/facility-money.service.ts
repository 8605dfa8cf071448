import type { Actor } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  addDays,
  type BusinessDate,
  Decimal,
  Money,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import {
  BusinessDayService,
  type Dimensions,
  HolidayCalendar,
  type PostingDraft,
  PostingService,
} from '@lumbung/ledger';
import { buildSchedule, type LoanTerms } from '@lumbung/loans';
import { Injectable } from '@nestjs/common';
import {
  allocateRepayment,
  amountsOwed,
  carriedOff,
  facilityLimitCheck,
  type InstalmentState,
  parseDrawdown,
  parseRepayment,
  postingRate,
} from '../domain/facility-money';
import type { Conversion } from '../domain/fx-rate';
import { type FacilityRecord, lockExposure } from '../infrastructure/facility-store';
import {
  type DrawdownRecord,
  drawdownsOf,
  type InstalmentRecord,
  insertDrawdown,
  insertRepayment,
  instalmentsOf,
  payInstalments,
  repayDrawdowns,
  type RepaymentRecord,
  repaymentsOf,
} from '../infrastructure/money-store';
import { partnerById, type PartnerRecord } from '../infrastructure/partner-store';
import { CrossBorderExposure, type ExposureFigures } from './exposure';
import { crossBorderCodes, FacilityAccounts } from './facility-accounts';
import { CrossBorderFacilities } from './facilities.service';
import { FxRates } from './fx-rates';
import { CrossBorderSettlements } from './settlements.service';

export interface DrawdownView extends DrawdownRecord {
  readonly instalments: readonly InstalmentRecord[];
}

export interface DrawdownReceipt {
  readonly drawdown: DrawdownView;
  readonly facility: {
    readonly id: string;
    readonly currency: string;
    readonly limit: string;
    readonly drawn: string;
    readonly available: string;
    readonly principalOutstanding: string;
    readonly receivableAccountId: string;
  };
  readonly fxRate: Conversion['rate'];
  readonly exposure: ExposureFigures;
  /** The settlement id the partner books its side with, when it keeps its books on Lumbung. */
  readonly settlementId: string | null;
}

export interface RepaymentReceipt extends RepaymentRecord {
  readonly functionalInterest: string;
  readonly functionalFee: string;
  readonly principalOutstanding: string;
  readonly fxRateUsed: Conversion['rate'];
  readonly settlementId: string | null;
}

export interface FacilityBalances {
  readonly drawn: Money;
  readonly principalOutstanding: Money;
}

/** Days past the last due date a chain of closed days could still push it. */
const holidaySpill = 31;

/**
 * Money on an approved facility, in its currency: drawdowns paid out of the operating bank
 * account, repayments (interest and principal by each drawdown's schedule, and fees) received
 * into it. Every posting carries its functional equivalent at the day's rate (422
 * `fx-rate-missing` without one, nothing written); a foreign facility goes through the
 * currency's FX position so each entry balances per currency, and principal comes off the
 * receivable at the rate it was drawn at, the difference to FX gain or loss (realised).
 */
@Injectable()
export class FacilityMoney {
  constructor(
    private readonly days: BusinessDayService,
    private readonly facilities: CrossBorderFacilities,
    private readonly accounts: FacilityAccounts,
    private readonly exposure: CrossBorderExposure,
    private readonly rates: FxRates,
    private readonly holidays: HolidayCalendar,
    private readonly posting: PostingService,
    private readonly settlements: CrossBorderSettlements,
    private readonly audit: AuditLog,
  ) {}

  async drawdown(
    tx: Tx,
    cooperativeId: string,
    manager: Actor,
    facilityId: string,
    input: unknown,
  ): Promise<DrawdownReceipt> {
    const day = await this.days.enter(tx, cooperativeId, 'shared');
    const facility = await this.facilities.require(tx, cooperativeId, facilityId, true);
    const { amount } = parseDrawdown(input, facility.currency);
    await lockExposure(tx, cooperativeId);
    const partner = await this.borrowing(tx, cooperativeId, facility);
    const drawdowns = await drawdownsOf(tx, cooperativeId, facility.id);
    const balances = balancesOf(facility.currency, drawdowns);
    const limit = Money.of(facility.limit, facility.currency);
    const overLimit = facilityLimitCheck({ limit, drawn: balances.drawn, requested: amount });
    if (overLimit) throw overLimit;
    const conversion = await this.rates.convert(
      tx,
      cooperativeId,
      amount,
      day.functionalCurrency,
      day.businessDate,
    );
    // The facility counts at what the partner will owe after this drawdown, at today's rate.
    const owed = await this.rates.convert(
      tx,
      cooperativeId,
      balances.principalOutstanding.plus(amount),
      day.functionalCurrency,
      day.businessDate,
    );
    const exposure = await this.exposure.requireWithin(
      tx,
      cooperativeId,
      { partner, facilityId: facility.id, requested: owed.to, date: day.businessDate },
      'The drawdown is refused',
    );
    const schedule = buildSchedule({
      principal: amount,
      terms: facility.terms,
      rate: facility.rate,
      instalments: facility.instalments,
      disbursedOn: day.businessDate,
      isHoliday: await this.holidays.closedDays(
        tx,
        cooperativeId,
        day.businessDate,
        lastPossibleDue(day.businessDate, facility.terms, facility.instalments),
      ),
    });
    const receivable = await this.accounts.receivable(
      tx,
      cooperativeId,
      facility,
      partner.legalName,
    );
    const bank = await this.accounts.byCode(tx, cooperativeId, crossBorderCodes.bank);
    const dimensions = dimensionsOf(facility);
    const postings: PostingDraft[] = [];
    if (conversion.rate === null) {
      postings.push(
        { accountId: receivable, amount, dimensions },
        { accountId: bank, amount: amount.negated() },
      );
    } else {
      const foreign = {
        amount: conversion.to,
        fxRate: postingRate(conversion.rate),
        fxRateId: conversion.rate.id,
      };
      postings.push(
        { accountId: receivable, amount, functional: foreign, dimensions },
        {
          accountId: await this.accounts.position(tx, cooperativeId, facility.currency),
          amount: amount.negated(),
          functional: { ...foreign, amount: conversion.to.negated() },
        },
        {
          accountId: await this.accounts.byCode(
            tx,
            cooperativeId,
            crossBorderCodes.positionFunctional,
          ),
          amount: conversion.to,
        },
        { accountId: bank, amount: conversion.to.negated() },
      );
    }
    const id = uuidv7();
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Pencairan fasilitas ${partner.legalName} ${amount.toString()} ${facility.currency}`,
      source: { type: 'cross-border.drawdown', id },
      recordedBy: manager.id,
      // A rupiah equivalent that rounds to nothing leaves no line.
      postings: postings.filter((p) => !p.amount.isZero()),
    });
    const zero = Money.zero(facility.currency).toString();
    const drawdown: DrawdownRecord = {
      id,
      facilityId: facility.id,
      currency: facility.currency,
      amount: amount.toString(),
      functionalAmount: conversion.to.toString(),
      fxRate: conversion.rate ? postingRate(conversion.rate).toString() : null,
      fxRateId: conversion.rate?.id ?? null,
      drawnOn: day.businessDate,
      entryId: entry.id,
      principalRepaid: zero,
      functionalRepaid: Money.zero(day.functionalCurrency).toString(),
      recordedBy: manager.id,
    };
    const instalments: InstalmentRecord[] = schedule.instalments.map((i) => ({
      drawdownId: id,
      no: i.no,
      dueDate: i.dueDate,
      principal: i.principal.toString(),
      interest: i.interest.toString(),
      principalPaid: zero,
      interestPaid: zero,
    }));
    await insertDrawdown(tx, cooperativeId, drawdown, instalments);
    const settlementId = await this.settlements.lenderSide(tx, cooperativeId, {
      partner,
      kind: 'drawdown',
      amount,
      valueDate: day.businessDate,
      accountId: receivable,
      entryId: entry.id,
      sourceId: id,
      recordedBy: manager.id,
    });
    await this.audit.record(tx, {
      cooperativeId,
      action: 'cross-border.facility.drawdown',
      targetType: 'cross_border_facility',
      targetId: facility.id,
      before: { drawn: balances.drawn.toString() },
      after: {
        ...drawdown,
        drawn: balances.drawn.plus(amount).toString(),
        fxRate: conversion.rate,
      },
    });
    const drawn = balances.drawn.plus(amount);
    return {
      drawdown: { ...drawdown, instalments },
      facility: {
        id: facility.id,
        currency: facility.currency,
        limit: limit.toString(),
        drawn: drawn.toString(),
        available: limit.minus(drawn).toString(),
        principalOutstanding: balances.principalOutstanding.plus(amount).toString(),
        receivableAccountId: receivable,
      },
      fxRate: conversion.rate,
      exposure,
      settlementId,
    };
  }

  async repay(
    tx: Tx,
    cooperativeId: string,
    manager: Actor,
    facilityId: string,
    input: unknown,
  ): Promise<RepaymentReceipt> {
    const day = await this.days.enter(tx, cooperativeId, 'shared');
    const facility = await this.facilities.require(tx, cooperativeId, facilityId, true);
    const { amount, fee } = parseRepayment(input, facility.currency);
    if (facility.status !== 'approved' || facility.receivableAccountId === null) {
      throw new RuleViolationError(
        'facility-not-drawn',
        'Nothing drawn',
        `The facility is ${facility.status} and has nothing drawn to repay`,
        { facilityStatus: facility.status },
      );
    }
    const partner = (await partnerById(tx, cooperativeId, facility.partnerId))!;
    const drawdowns = await drawdownsOf(tx, cooperativeId, facility.id);
    const instalments = (await instalmentsOf(tx, cooperativeId, facility.id)).map((i) =>
      instalmentState(i, facility.currency),
    );
    const allocation = allocateRepayment(amount, instalments, day.businessDate);
    const convert = (money: Money) =>
      this.rates.convert(tx, cooperativeId, money, day.functionalCurrency, day.businessDate);
    // One conversion first: a missing rate is refused before anything else is read or written.
    const rateProbe = await convert(Money.of('1', facility.currency));
    const interestAt = await convert(allocation.interest);
    const feeAt = await convert(fee);
    const principalAt = await convert(allocation.principal);

    // Principal comes off each drawdown at the rate it was drawn at.
    const principalByDrawdown = new Map<string, Money>();
    for (const line of allocation.lines.filter((l) => l.bucket === 'principal')) {
      const sum = principalByDrawdown.get(line.drawdownId) ?? Money.zero(facility.currency);
      principalByDrawdown.set(line.drawdownId, sum.plus(line.amount));
    }
    const carried = drawdowns
      .filter((d) => principalByDrawdown.has(d.id))
      .map((d) => ({
        drawdown: d,
        principal: principalByDrawdown.get(d.id)!,
        functional: carriedOff(
          {
            amount: Money.of(d.amount, d.currency),
            functionalAmount: Money.of(d.functionalAmount, day.functionalCurrency),
            principalRepaid: Money.of(d.principalRepaid, d.currency),
            functionalRepaid: Money.of(d.functionalRepaid, day.functionalCurrency),
          },
          principalByDrawdown.get(d.id)!,
        ),
      }));
    const carrying = carried.reduce(
      (sum, c) => sum.plus(c.functional),
      Money.zero(day.functionalCurrency),
    );
    const realised = principalAt.to.minus(carrying);
    const received = principalAt.to.plus(interestAt.to).plus(feeAt.to);

    const dimensions = dimensionsOf(facility);
    const partnerLine = { counterpartyClass: 'partner_cooperative' as const, dimensions };
    const bank = await this.accounts.byCode(tx, cooperativeId, crossBorderCodes.bank);
    const postings: PostingDraft[] = [];
    const foreign = rateProbe.rate !== null;
    // The principal leaves the receivable, and comes back onto the currency's position, at the
    // rate each drawdown was booked at: an entry's foreign lines must net to nothing in rupiah
    // too. The rupiah received is at today's rate; the difference is the realised FX.
    const atDrawdownRate = (c: (typeof carried)[number], sign: 1 | -1) =>
      foreign
        ? {
            amount: sign === 1 ? c.functional : c.functional.negated(),
            fxRate: new Decimal(c.drawdown.fxRate!),
            fxRateId: c.drawdown.fxRateId!,
          }
        : undefined;
    for (const c of carried) {
      postings.push({
        accountId: facility.receivableAccountId,
        amount: c.principal.negated(),
        functional: atDrawdownRate(c, -1),
        dimensions,
        memo: `Pokok pencairan ${c.drawdown.drawnOn}`,
      });
    }
    if (foreign && carried.length > 0) {
      const position = await this.accounts.position(tx, cooperativeId, facility.currency);
      for (const c of carried) {
        postings.push({
          accountId: position,
          amount: c.principal,
          functional: atDrawdownRate(c, 1),
          memo: `Pokok pencairan ${c.drawdown.drawnOn}`,
        });
      }
      postings.push({
        accountId: await this.accounts.byCode(
          tx,
          cooperativeId,
          crossBorderCodes.positionFunctional,
        ),
        amount: carrying.negated(),
      });
    }
    const memo = (money: Money) =>
      foreign
        ? `${money.toString()} ${facility.currency} @ ${postingRate(rateProbe.rate!).toString()}`
        : undefined;
    if (!interestAt.to.isZero()) {
      postings.push({
        accountId: await this.accounts.byCode(tx, cooperativeId, crossBorderCodes.interestIncome),
        amount: interestAt.to.negated(),
        ...partnerLine,
        memo: memo(allocation.interest),
      });
    }
    if (!feeAt.to.isZero()) {
      postings.push({
        accountId: await this.accounts.byCode(tx, cooperativeId, crossBorderCodes.feeIncome),
        amount: feeAt.to.negated(),
        ...partnerLine,
        memo: memo(fee),
      });
    }
    if (!realised.isZero()) {
      postings.push({
        accountId: await this.accounts.byCode(tx, cooperativeId, crossBorderCodes.fxGainLoss),
        amount: realised.negated(),
        ...partnerLine,
        memo: `Selisih kurs terealisasi: pokok ${allocation.principal.toString()} ${facility.currency}`,
      });
    }
    postings.unshift({ accountId: bank, amount: received });
    const lines = postings.filter((p) => !p.amount.isZero());
    if (lines.length < 2) {
      throw new RuleViolationError(
        'repayment-too-small',
        'Repayment too small',
        `${amount.plus(fee).toString()} ${facility.currency} is less than one minor unit of ${day.functionalCurrency}`,
      );
    }
    const id = uuidv7();
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Angsuran fasilitas ${partner.legalName} ${amount.plus(fee).toString()} ${facility.currency}`,
      source: { type: 'cross-border.repayment', id },
      recordedBy: manager.id,
      postings: lines,
    });
    await payInstalments(tx, cooperativeId, instalmentPayments(allocation.lines));
    await repayDrawdowns(
      tx,
      cooperativeId,
      carried.map((c) => ({
        drawdownId: c.drawdown.id,
        principal: c.principal.toString(),
        functional: c.functional.toString(),
      })),
    );
    const repayment: RepaymentRecord = {
      id,
      facilityId: facility.id,
      currency: facility.currency,
      amount: amount.toString(),
      interest: allocation.interest.toString(),
      principal: allocation.principal.toString(),
      fee: fee.toString(),
      fxRate: rateProbe.rate ? postingRate(rateProbe.rate).toString() : null,
      fxRateId: rateProbe.rate?.id ?? null,
      paidOn: day.businessDate,
      functionalReceived: received.toString(),
      principalCarrying: carrying.toString(),
      principalAtRate: principalAt.to.toString(),
      realisedFx: realised.toString(),
      allocation: allocation.lines.map((l) => ({
        drawdownId: l.drawdownId,
        no: l.no,
        bucket: l.bucket,
        amount: l.amount.toString(),
      })),
      entryId: entry.id,
      recordedBy: manager.id,
    };
    await insertRepayment(tx, cooperativeId, repayment);
    const settlementId = await this.settlements.lenderSide(tx, cooperativeId, {
      partner,
      kind: 'repayment',
      amount: amount.plus(fee),
      valueDate: day.businessDate,
      accountId: facility.receivableAccountId,
      entryId: entry.id,
      sourceId: id,
      recordedBy: manager.id,
    });
    const outstanding = amountsOwed(instalments, day.businessDate, facility.currency)
      .principalOutstanding.minus(allocation.principal)
      .toString();
    await this.audit.record(tx, {
      cooperativeId,
      action: 'cross-border.facility.repayment',
      targetType: 'cross_border_facility',
      targetId: facility.id,
      after: { ...repayment, principalOutstanding: outstanding },
    });
    return {
      ...repayment,
      functionalInterest: interestAt.to.toString(),
      functionalFee: feeAt.to.toString(),
      principalOutstanding: outstanding,
      fxRateUsed: rateProbe.rate,
      settlementId,
    };
  }

  async drawdowns(tx: Tx, cooperativeId: string, facilityId: string): Promise<DrawdownView[]> {
    const facility = await this.facilities.require(tx, cooperativeId, facilityId);
    const instalments = await instalmentsOf(tx, cooperativeId, facility.id);
    return (await drawdownsOf(tx, cooperativeId, facility.id)).map((d) => ({
      ...d,
      instalments: instalments.filter((i) => i.drawdownId === d.id),
    }));
  }

  async repayments(tx: Tx, cooperativeId: string, facilityId: string): Promise<RepaymentRecord[]> {
    const facility = await this.facilities.require(tx, cooperativeId, facilityId);
    return repaymentsOf(tx, cooperativeId, facility.id);
  }

  /** An approved facility of an active partner: only then is money drawn. */
  private async borrowing(
    tx: Tx,
    cooperativeId: string,
    facility: FacilityRecord,
  ): Promise<PartnerRecord> {
    if (facility.status !== 'approved') {
      throw new RuleViolationError(
        'facility-not-approved',
        'Facility not approved',
        `The facility is ${facility.status}: money is drawn only on an approved facility`,
        { facilityStatus: facility.status },
      );
    }
    const partner = (await partnerById(tx, cooperativeId, facility.partnerId, 'share'))!;
    if (partner.status !== 'active') {
      throw new RuleViolationError(
        'partner-not-active',
        'Partner not active',
        `${partner.legalName} is ${partner.status}: only an active partner borrows`,
      );
    }
    return partner;
  }
}

function balancesOf(currency: string, drawdowns: readonly DrawdownRecord[]): FacilityBalances {
  let drawn = Money.zero(currency);
  let repaid = Money.zero(currency);
  for (const d of drawdowns) {
    drawn = drawn.plus(Money.of(d.amount, currency));
    repaid = repaid.plus(Money.of(d.principalRepaid, currency));
  }
  return { drawn, principalOutstanding: drawn.minus(repaid) };
}

function instalmentState(i: InstalmentRecord, currency: string): InstalmentState {
  return {
    drawdownId: i.drawdownId,
    no: i.no,
    dueDate: i.dueDate,
    principal: Money.of(i.principal, currency),
    interest: Money.of(i.interest, currency),
    principalPaid: Money.of(i.principalPaid, currency),
    interestPaid: Money.of(i.interestPaid, currency),
  };
}

function instalmentPayments(
  lines: ReturnType<typeof allocateRepayment>['lines'],
): Array<{ drawdownId: string; no: number; principal: string; interest: string }> {
  const byInstalment = new Map<string, { drawdownId: string; no: number; p: Money; i: Money }>();
  for (const line of lines) {
    const key = `${line.drawdownId}:${line.no}`;
    const zero = Money.zero(line.amount.currency);
    const row = byInstalment.get(key) ?? {
      drawdownId: line.drawdownId,
      no: line.no,
      p: zero,
      i: zero,
    };
    if (line.bucket === 'principal') row.p = row.p.plus(line.amount);
    else row.i = row.i.plus(line.amount);
    byInstalment.set(key, row);
  }
  return [...byInstalment.values()].map((r) => ({
    drawdownId: r.drawdownId,
    no: r.no,
    principal: r.p.toString(),
    interest: r.i.toString(),
  }));
}

function dimensionsOf(facility: FacilityRecord): Dimensions {
  return {
    agreementId: facility.agreementId,
    program: facility.program,
    sector: facility.sector,
    ...(facility.commodity ? { commodity: facility.commodity } : {}),
  };
}

/** The latest date an instalment could fall due: the term, in its longest months, and a spill. */
function lastPossibleDue(from: BusinessDate, terms: LoanTerms, instalments: number): BusinessDate {
  const daysPer = terms.frequency.unit === 'week' ? 7 : 31;
  return addDays(from, daysPer * terms.frequency.every * instalments + holidaySpill);
}
