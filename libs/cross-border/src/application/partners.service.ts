import { AuditLog } from '@lumbung/audit';
import { ConflictError, currentRequestContext, isUuid, NotFoundError, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { parsePartner, parsePartnerChange } from '../domain/partner';
import {
  insertPartner,
  listPartners,
  partnerById,
  type PartnerRecord,
  updatePartner,
} from '../infrastructure/partner-store';
import { checkedPage, type Page, type PageQuery, pageOf } from './page';

/**
 * Partner cooperatives abroad: onboarded by a manager (or a platform admin) with their registry
 * number and officers, without a second approver, since a partner alone moves no money: every
 * facility to it goes through four eyes. Every change is in the audit log.
 */
@Injectable()
export class PartnerCooperatives {
  constructor(
    private readonly cooperatives: CooperativeService,
    private readonly audit: AuditLog,
  ) {}

  async create(tx: Tx, cooperativeId: string, input: unknown): Promise<PartnerRecord> {
    const { country } = await this.cooperatives.byId(tx, cooperativeId);
    const partner = parsePartner(input, country);
    const id = uuidv7();
    const inserted = await insertPartner(tx, cooperativeId, {
      ...partner,
      id,
      createdBy: currentRequestContext()?.actorId ?? null,
    });
    if (!inserted) {
      throw new ConflictError(
        'partner-exists',
        'Partner already onboarded',
        `A partner in ${partner.country} with registry number ${partner.registryNumber} is already onboarded`,
        { field: 'registryNumber' },
      );
    }
    const created = (await partnerById(tx, cooperativeId, id))!;
    await this.audit.record(tx, {
      cooperativeId,
      action: 'cross-border.partner.create',
      targetType: 'partner_cooperative',
      targetId: id,
      after: created,
    });
    return created;
  }

  async update(
    tx: Tx,
    cooperativeId: string,
    partnerId: string,
    input: unknown,
  ): Promise<PartnerRecord> {
    const before = await this.require(tx, cooperativeId, partnerId, 'update');
    const change = parsePartnerChange(input);
    await updatePartner(tx, cooperativeId, partnerId, change);
    const after = (await partnerById(tx, cooperativeId, partnerId))!;
    await this.audit.record(tx, {
      cooperativeId,
      action: 'cross-border.partner.update',
      targetType: 'partner_cooperative',
      targetId: partnerId,
      before,
      after,
    });
    return after;
  }

  async require(
    tx: Tx,
    cooperativeId: string,
    partnerId: string,
    lock: 'share' | 'update' | null = null,
  ): Promise<PartnerRecord> {
    const partner = isUuid(partnerId)
      ? await partnerById(tx, cooperativeId, partnerId, lock)
      : undefined;
    if (!partner) throw new NotFoundError('partner cooperative', partnerId);
    return partner;
  }

  async list(tx: Tx, cooperativeId: string, query: PageQuery): Promise<Page<PartnerRecord>> {
    const page = checkedPage(query);
    return pageOf(
      await listPartners(tx, cooperativeId, { ...page, limit: page.limit + 1 }),
      page.limit,
    );
  }
}
