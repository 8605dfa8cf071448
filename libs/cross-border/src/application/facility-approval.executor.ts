import {
  ApprovalRegistry,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type ApprovalRule,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { Decimal, Money, RuleViolationError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { supervisorNeed } from '../domain/facility';
import {
  decideFacility,
  type FacilityRecord,
  lockExposure,
} from '../infrastructure/facility-store';
import { settingsOf } from '../infrastructure/limits-store';
import { partnerById, type PartnerRecord } from '../infrastructure/partner-store';
import { CrossBorderExposure, type ExposureFigures } from './exposure';
import { facilityApprovalType } from './facility-approval-type';
import { CrossBorderFacilities } from './facilities.service';
import { FxRates } from './fx-rates';

/** Two managers other than the one who asked (DOMAIN.md, Across borders). */
export const twoOtherManagersApprove: ApprovalRule = {
  requiredApprovals: 2,
  approverRoles: ['manager'],
};

interface Assessment {
  readonly facility: FacilityRecord;
  readonly partner: PartnerRecord;
  readonly functional: Money;
  readonly fxRate: unknown;
  readonly exposure: ExposureFigures;
  readonly supervisor: { readonly needed: boolean; readonly reasons: readonly string[] };
}

/**
 * Approving a facility to a partner cooperative. The request carries what each approver needs
 * to see: the functional-currency equivalent at the day's rate and the exposure after approval
 * per partner and country against the limits and own capital. The exposure is checked again,
 * at the rates of the day the releasing approval arrives, before the facility is approved.
 */
@Injectable()
export class FacilityApprovalExecutor extends RegisteredExecutor {
  readonly type = facilityApprovalType;
  readonly defaultRule = twoOtherManagersApprove;
  readonly movesMoney = true;

  constructor(
    registry: ApprovalRegistry,
    private readonly facilities: CrossBorderFacilities,
    private readonly exposure: CrossBorderExposure,
    private readonly rates: FxRates,
    private readonly cooperatives: CooperativeService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const a = await this.assess(tx, input.cooperativeId, input.payload, false);
    const [partnerLine, countryLine] = a.exposure.lines;
    const fc = a.functional.currency.code;
    return {
      payload: {
        facilityId: a.facility.id,
        functionalEquivalent: a.functional.toJSON(),
        fxRate: a.fxRate,
        exposureAfter: a.exposure,
        supervisor: a.supervisor,
      },
      summary: [
        `Facility to ${a.partner.legalName} (${a.partner.country}${a.partner.relatedParty ? ', related party' : ''}): ${a.facility.limit} ${a.facility.currency} = ${a.functional.toString()} ${fc}`,
        `partner exposure after ${partnerLine.after} of ${partnerLine.allowed} ${fc}`,
        `${countryLine.key} after ${countryLine.after} of ${countryLine.allowed} ${fc}`,
      ].join('; '),
      amount: { amount: a.facility.limit, currency: a.facility.currency },
      functionalEquivalent: a.functional.toString(),
      alsoRequiredRoles: a.supervisor.needed ? ['supervisor'] : [],
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const a = await this.assess(tx, record.cooperativeId, record.payload, true);
    if (a.supervisor.needed && !record.rule.alsoRequiredRoles.includes('supervisor')) {
      throw new RuleViolationError(
        'facility-needs-supervisor',
        'Supervisor now required',
        `Since the request, ${a.supervisor.reasons.join(' and ')}: cancel it and request the facility again so a supervisor co-approves`,
        { reasons: a.supervisor.reasons },
      );
    }
    const { businessDate } = await this.cooperatives.byId(tx, record.cooperativeId);
    await decideFacility(tx, record.cooperativeId, a.facility.id, {
      status: 'approved',
      on: businessDate,
    });
    await this.audit.record(tx, {
      cooperativeId: record.cooperativeId,
      action: 'cross-border.facility.approve',
      targetType: 'cross_border_facility',
      targetId: a.facility.id,
      before: { status: a.facility.status },
      after: { status: 'approved', functionalEquivalent: a.functional, exposure: a.exposure },
    });
    return {
      facilityId: a.facility.id,
      status: 'approved',
      functionalEquivalent: a.functional.toJSON(),
      exposure: a.exposure,
    };
  }

  /** A rejected or cancelled request ends the facility request with it. */
  async closed(tx: Tx, request: ApprovalRequestRecord): Promise<void> {
    const facility = await this.facilities.require(
      tx,
      request.cooperativeId,
      facilityIdOf(request.payload),
      true,
    );
    if (facility.status !== 'requested') return;
    const { businessDate } = await this.cooperatives.byId(tx, request.cooperativeId);
    const status = request.status === 'rejected' ? 'rejected' : 'cancelled';
    await decideFacility(tx, request.cooperativeId, facility.id, { status, on: businessDate });
    await this.audit.record(tx, {
      cooperativeId: request.cooperativeId,
      action: `cross-border.facility.${status === 'rejected' ? 'reject' : 'cancel'}`,
      targetType: 'cross_border_facility',
      targetId: facility.id,
      before: { status: facility.status },
      after: { status },
      reason: request.decisions.find((d) => d.decision === 'reject')?.reason ?? undefined,
    });
  }

  /** The facility as it stands today: equivalent, exposure and who must co-approve. */
  private async assess(
    tx: Tx,
    cooperativeId: string,
    payload: unknown,
    lock: boolean,
  ): Promise<Assessment> {
    const facility = await this.facilities.require(tx, cooperativeId, facilityIdOf(payload), lock);
    if (lock) await lockExposure(tx, cooperativeId);
    if (facility.status !== 'requested') {
      throw new RuleViolationError(
        'facility-not-requested',
        'Not an open facility request',
        `The facility is ${facility.status}`,
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
    const { businessDate, functionalCurrency } = await this.cooperatives.byId(tx, cooperativeId);
    const conversion = await this.rates.convert(
      tx,
      cooperativeId,
      Money.of(facility.limit, facility.currency),
      functionalCurrency,
      businessDate,
    );
    const exposure = await this.exposure.requireWithin(tx, cooperativeId, {
      partner,
      facilityId: facility.id,
      requested: conversion.to,
      date: businessDate,
    });
    const { supervisorThreshold } = await settingsOf(tx, cooperativeId);
    const supervisor = supervisorNeed({
      relatedParty: partner.relatedParty,
      functionalEquivalent: new Decimal(conversion.to.amount),
      threshold: supervisorThreshold,
    });
    return {
      facility,
      partner,
      functional: conversion.to,
      fxRate: conversion.rate,
      exposure,
      supervisor,
    };
  }
}

function facilityIdOf(payload: unknown): string {
  return String((payload as { facilityId?: unknown } | null)?.facilityId ?? '');
}
