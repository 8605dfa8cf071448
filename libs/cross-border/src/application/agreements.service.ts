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
import { inForce, parseAgreement } from '../domain/agreement';
import {
  agreementById,
  type AgreementRecord,
  insertAgreement,
  listAgreements,
} from '../infrastructure/agreement-store';
import { partnerById } from '../infrastructure/partner-store';
import { checkedPage, type Page, type PageQuery, pageOf } from './page';

export interface AgreementView extends AgreementRecord {
  /** Whether the agreement covers the cooperative's business date. */
  readonly inForce: boolean;
}

/**
 * Cooperation agreements with partner cooperatives, as signed. Postings of facilities under an
 * agreement carry it and its program as dimensions, so income and spending per agreement are
 * reportable.
 */
@Injectable()
export class CooperationAgreements {
  constructor(
    private readonly cooperatives: CooperativeService,
    private readonly audit: AuditLog,
  ) {}

  async create(tx: Tx, cooperativeId: string, input: unknown): Promise<AgreementView> {
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    const agreement = parseAgreement(input, businessDate);
    const partner = await partnerById(tx, cooperativeId, agreement.partnerId, 'share');
    if (!partner) {
      throw new InvalidInputError('The cooperation agreement is not valid', [
        { field: 'partnerId', message: 'a partner cooperative of this cooperative' },
      ]);
    }
    const id = uuidv7();
    const inserted = await insertAgreement(tx, cooperativeId, {
      ...agreement,
      id,
      createdBy: currentRequestContext()?.actorId ?? null,
    });
    if (!inserted) {
      throw new ConflictError(
        'agreement-exists',
        'Agreement reference taken',
        `An agreement with reference ${agreement.reference} is already recorded`,
        { field: 'reference' },
      );
    }
    const created = await this.view(tx, cooperativeId, id);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'cross-border.agreement.create',
      targetType: 'cooperation_agreement',
      targetId: id,
      after: created,
    });
    return created;
  }

  async view(tx: Tx, cooperativeId: string, agreementId: string): Promise<AgreementView> {
    const agreement = isUuid(agreementId)
      ? await agreementById(tx, cooperativeId, agreementId)
      : undefined;
    if (!agreement) throw new NotFoundError('cooperation agreement', agreementId);
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    return { ...agreement, inForce: inForce(agreement, businessDate) };
  }

  async list(
    tx: Tx,
    cooperativeId: string,
    query: PageQuery & { partnerId?: string },
  ): Promise<Page<AgreementView>> {
    const page = checkedPage(query);
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    const rows = await listAgreements(tx, cooperativeId, {
      ...page,
      partnerId: query.partnerId,
      limit: page.limit + 1,
    });
    return pageOf(
      rows.map((a) => ({ ...a, inForce: inForce(a, businessDate) })),
      page.limit,
    );
  }
}
