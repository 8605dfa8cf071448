import { type Actor, ApprovalService } from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  type FieldProblem,
  InvalidInputError,
  Money,
  isUuid,
  NotFoundError,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { BusinessDayService } from '@lumbung/ledger';
import { buildSchedule, type LoanTerms, parseLoanTerms, type Schedule } from '@lumbung/loans';
import { Injectable } from '@nestjs/common';
import { inForce } from '../domain/agreement';
import {
  type FacilityRequestInput,
  facilityCurrencies,
  type FacilityStatus,
  facilityStatuses,
  parseFacilityRequest,
  scheduleTermsOf,
} from '../domain/facility';
import { agreementById } from '../infrastructure/agreement-store';
import {
  facilityById,
  type FacilityRecord,
  insertFacility,
  listFacilities,
  lockExposure,
  recordApprovalRequest,
} from '../infrastructure/facility-store';
import { drawdownsOf } from '../infrastructure/money-store';
import { partnerById } from '../infrastructure/partner-store';
import { facilityApprovalType } from './facility-approval-type';
import { FxRates } from './fx-rates';
import { checkedPage, type Page, type PageQuery, pageOf } from './page';

export interface IndicativeInstalment {
  readonly no: number;
  readonly dueDate: string;
  readonly principal: string;
  readonly interest: string;
  readonly total: string;
  readonly balanceAfter: string;
}

export interface FacilityView extends FacilityRecord {
  readonly partner: { readonly legalName: string; readonly country: string };
  /** Drawn so far (never above the limit) and principal not yet repaid, in the facility currency. */
  readonly drawn: string;
  readonly principalOutstanding: string;
  /**
   * The loans schedule engine's schedule had the whole limit been drawn on the request day:
   * what the partner would repay. Drawdowns come with their own schedules in a later landing.
   */
  readonly indicativeSchedule: {
    readonly totalInterest: string;
    readonly effectiveAnnualRate: string;
    readonly instalments: readonly IndicativeInstalment[];
  };
}

const invalid = (problems: FieldProblem[]) =>
  new InvalidInputError('The facility request is not valid', problems);

/**
 * A manager requests a facility for a partner cooperative abroad; it goes to approval by two
 * other managers (and a supervisor where the partner is related or the amount is above the
 * cooperative's threshold), each seeing the functional-currency equivalent and the exposure
 * after approval. Nothing is written unless every check passes.
 */
@Injectable()
export class CrossBorderFacilities {
  constructor(
    private readonly days: BusinessDayService,
    private readonly rates: FxRates,
    private readonly approvals: ApprovalService,
    private readonly audit: AuditLog,
  ) {}

  async request(
    tx: Tx,
    cooperativeId: string,
    manager: Actor,
    input: unknown,
  ): Promise<FacilityView> {
    const { request, terms } = parse(input);
    const day = await this.days.enter(tx, cooperativeId, 'shared');
    // Held to commit: a concurrent request waits and then counts this one in its exposure.
    await lockExposure(tx, cooperativeId);
    const partner = await partnerById(tx, cooperativeId, request.partnerId, 'share');
    if (!partner) {
      throw invalid([
        {
          field: 'partnerId',
          message:
            'a partner cooperative of this cooperative: the borrower abroad is always a cooperative, never an individual',
        },
      ]);
    }
    if (partner.status !== 'active') {
      throw new RuleViolationError(
        'partner-not-active',
        'Partner not active',
        `${partner.legalName} is ${partner.status}: only an active partner borrows`,
        { field: 'partnerId' },
      );
    }
    const agreement = await agreementById(tx, cooperativeId, request.agreementId);
    if (!agreement || agreement.partnerId !== partner.id) {
      throw invalid([
        { field: 'agreementId', message: 'a cooperation agreement with this partner' },
      ]);
    }
    if (!inForce(agreement, day.businessDate)) {
      throw new RuleViolationError(
        'agreement-not-in-force',
        'Agreement not in force',
        `Agreement ${agreement.reference} runs ${agreement.effectiveFrom} to ${agreement.effectiveTo} (${agreement.renewal} renewal); it does not cover ${day.businessDate}`,
        { field: 'agreementId' },
      );
    }
    const program = agreement.programs.find((p) => p.kind === request.program);
    if (!program) {
      throw invalid([
        {
          field: 'program',
          message: `a program of agreement ${agreement.reference}: ${agreement.programs.map((p) => p.kind).join(', ')}`,
        },
      ]);
    }
    if (
      request.commodity !== null &&
      program.commodities.length > 0 &&
      !program.commodities.includes(request.commodity)
    ) {
      throw invalid([
        { field: 'commodity', message: `one of the program's: ${program.commodities.join(', ')}` },
      ]);
    }
    // Checks the terms make a schedule (grace shorter than the term...) before anything is kept.
    buildSchedule({
      principal: request.limit,
      terms,
      rate: terms.rate,
      instalments: request.instalments,
      disbursedOn: day.businessDate,
    });
    const conversion = await this.rates.convert(
      tx,
      cooperativeId,
      request.limit,
      day.functionalCurrency,
      day.businessDate,
    );
    const id = uuidv7();
    const facility = {
      id,
      partnerId: partner.id,
      agreementId: agreement.id,
      program: request.program,
      currency: request.currency,
      limit: request.limit.toString(),
      rate: terms.rate,
      instalments: request.instalments,
      terms,
      purpose: request.purpose,
      sector: request.sector,
      commodity: request.commodity,
      relatedParty: partner.relatedParty,
      requestedBy: manager.id,
      requestedOn: day.businessDate,
      functionalEquivalent: conversion.to.toString(),
      fxRateId: conversion.rate?.id ?? null,
    };
    await insertFacility(tx, cooperativeId, facility);
    // The approval's preparation checks the exposure limits and refuses with the figures.
    const approval = await this.approvals.submit(tx, {
      cooperativeId,
      type: facilityApprovalType,
      payload: { facilityId: id },
      maker: manager,
    });
    await recordApprovalRequest(tx, cooperativeId, id, approval.id);
    const view = await this.view(tx, cooperativeId, id);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'cross-border.facility.request',
      targetType: 'cross_border_facility',
      targetId: id,
      after: { ...facility, approvalRequestId: approval.id, fxRate: conversion.rate },
    });
    return view;
  }

  async require(
    tx: Tx,
    cooperativeId: string,
    facilityId: string,
    lock = false,
  ): Promise<FacilityRecord> {
    const facility = isUuid(facilityId)
      ? await facilityById(tx, cooperativeId, facilityId, lock)
      : undefined;
    if (!facility) throw new NotFoundError('facility', facilityId);
    return facility;
  }

  async view(tx: Tx, cooperativeId: string, facilityId: string): Promise<FacilityView> {
    const facility = await this.require(tx, cooperativeId, facilityId);
    const partner = (await partnerById(tx, cooperativeId, facility.partnerId))!;
    const schedule = buildSchedule({
      principal: Money.of(facility.limit, facility.currency),
      terms: facility.terms,
      rate: facility.rate,
      instalments: facility.instalments,
      disbursedOn: facility.requestedOn,
    });
    let drawn = Money.zero(facility.currency);
    let repaid = Money.zero(facility.currency);
    for (const d of await drawdownsOf(tx, cooperativeId, facility.id)) {
      drawn = drawn.plus(Money.of(d.amount, facility.currency));
      repaid = repaid.plus(Money.of(d.principalRepaid, facility.currency));
    }
    return {
      ...facility,
      partner: { legalName: partner.legalName, country: partner.country },
      drawn: drawn.toString(),
      principalOutstanding: drawn.minus(repaid).toString(),
      indicativeSchedule: scheduleView(schedule),
    };
  }

  async list(
    tx: Tx,
    cooperativeId: string,
    query: PageQuery & { partnerId?: string; status?: FacilityStatus },
  ): Promise<Page<FacilityRecord>> {
    const page = checkedPage(query);
    if (query.status !== undefined && !facilityStatuses.includes(query.status)) {
      throw new InvalidInputError('Invalid facility listing', [
        { field: 'status', message: facilityStatuses.join(', ') },
      ]);
    }
    const rows = await listFacilities(tx, cooperativeId, {
      ...page,
      partnerId: query.partnerId,
      status: query.status,
      limit: page.limit + 1,
    });
    return pageOf(rows, page.limit);
  }
}

/** Every problem of the request and of its schedule terms, in one 400. */
function parse(input: unknown): { request: FacilityRequestInput; terms: LoanTerms } {
  const problems: FieldProblem[] = [];
  let request: FacilityRequestInput | undefined;
  let terms: LoanTerms | undefined;
  try {
    request = parseFacilityRequest(input);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    problems.push(...error.errors);
  }
  const raw = (typeof input === 'object' && input !== null ? input : {}) as { currency?: unknown };
  const currency = (facilityCurrencies as readonly unknown[]).includes(raw.currency)
    ? (raw.currency as string)
    : 'IDR';
  try {
    terms = parseLoanTerms(scheduleTermsOf(input), currency);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    // Bounds derived from the facility's own term and limit are reported there, not again.
    problems.push(
      ...error.errors.filter(
        (e) => !/^terms\.(min|max)(Term|Amount)$/.test(e.field) && e.field !== 'terms.maxRate',
      ),
    );
  }
  if (problems.length > 0 || !request || !terms) throw invalid(problems);
  return { request, terms };
}

function scheduleView(schedule: Schedule): FacilityView['indicativeSchedule'] {
  return {
    totalInterest: schedule.totalInterest.toString(),
    effectiveAnnualRate: schedule.effectiveAnnualRate,
    instalments: schedule.instalments.map((i) => ({
      no: i.no,
      dueDate: i.dueDate,
      principal: i.principal.toString(),
      interest: i.interest.toString(),
      total: i.total.toString(),
      balanceAfter: i.balanceAfter.toString(),
    })),
  };
}
