import { AuditLog } from '@lumbung/audit';
import {
  ConflictError,
  currentRequestContext,
  InvalidInputError,
  isUuid,
  NotFoundError,
  uuidv7,
} from '@lumbung/core';
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
    if (partner.lumbungCooperativeId !== null) {
      await this.checkLink(tx, cooperativeId, partner, partner.lumbungCooperativeId);
    }
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
    const link = change.lumbungCooperativeId;
    if (link !== undefined && link !== before.lumbungCooperativeId) {
      if (before.lumbungCooperativeId !== null) {
        throw new ConflictError(
          'partner-already-linked',
          'Partner already linked',
          `${before.legalName} keeps its books as Lumbung cooperative ${before.lumbungCooperativeId}; a link never changes`,
          { field: 'lumbungCooperativeId' },
        );
      }
      await this.checkLink(tx, cooperativeId, before, link);
    }
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

  /**
   * A partner linked to a cooperative on Lumbung must be that cooperative: another one than this,
   * in the partner's country and keeping its books in the partner's functional currency.
   */
  private async checkLink(
    tx: Tx,
    cooperativeId: string,
    partner: { readonly country: string; readonly functionalCurrency: string },
    linkedId: string,
  ): Promise<void> {
    const problem = (message: string) =>
      new InvalidInputError('The partner link is not valid', [
        { field: 'lumbungCooperativeId', message },
      ]);
    if (linkedId === cooperativeId) throw problem('another cooperative than this one');
    const [linked] = await tx.query<{ country: string; functionalCurrency: string }>(
      `SELECT country, functional_currency AS "functionalCurrency" FROM cooperative WHERE id = $1`,
      [linkedId],
    );
    if (!linked) throw problem('a cooperative on Lumbung');
    if (linked.country !== partner.country) {
      throw problem(`a cooperative in ${partner.country}, not ${linked.country}`);
    }
    if (linked.functionalCurrency !== partner.functionalCurrency) {
      throw problem(
        `a cooperative keeping its books in ${partner.functionalCurrency}, not ${linked.functionalCurrency}`,
      );
    }
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
