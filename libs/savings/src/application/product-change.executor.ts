import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  ConflictError,
  currency as currencyOf,
  InvalidInputError,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { parseProductTerms, type ProductKind, productKinds } from '../domain/product-terms';
import {
  activePokok,
  productBy,
  type ProductView,
  saveProduct,
} from '../infrastructure/product-store';

export const productChangeType = 'savings.product.set';

type ProductChange = Omit<ProductView, 'id' | 'updatedAt'>;

const codePattern = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

function parseChange(input: unknown): ProductChange {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const problems = [];
  if (typeof raw.code !== 'string' || !codePattern.test(raw.code)) {
    problems.push({ field: 'code', message: 'uppercase letters, digits and dashes, 2-32' });
  }
  if (!productKinds.includes(raw.kind as ProductKind)) {
    problems.push({ field: 'kind', message: `one of ${productKinds.join(', ')}` });
  }
  if (typeof raw.name !== 'string' || raw.name.trim().length === 0 || raw.name.length > 200) {
    problems.push({ field: 'name', message: '1 to 200 characters' });
  }
  try {
    currencyOf(String(raw.currency));
  } catch {
    problems.push({ field: 'currency', message: 'an ISO 4217 code Lumbung knows' });
  }
  if (raw.status !== undefined && raw.status !== 'active' && raw.status !== 'retired') {
    problems.push({ field: 'status', message: 'active or retired' });
  }
  if (problems.length > 0) throw new InvalidInputError('The product is not valid', problems);
  const kind = raw.kind as ProductKind;
  const currency = String(raw.currency);
  return {
    code: raw.code as string,
    kind,
    name: (raw.name as string).trim(),
    currency,
    terms: parseProductTerms(kind, raw.terms, currency),
    status: (raw.status as 'active' | 'retired' | undefined) ?? 'active',
  };
}

/**
 * Products and their rates change only with a second manager's approval (issue 5). A product's
 * kind and currency never change: accounts already opened under it rely on them.
 */
@Injectable()
export class ProductChangeExecutor extends RegisteredExecutor {
  readonly type = productChangeType;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const change = parseChange(input.payload);
    const existing = await this.check(tx, input.cooperativeId, change);
    return {
      payload: change,
      summary: `${existing ? 'Change' : 'Create'} savings product ${change.code} (${change.kind})`,
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const change = record.payload as ProductChange;
    const before = await this.check(tx, record.cooperativeId, change);
    await saveProduct(tx, record.cooperativeId, before?.id ?? uuidv7(), change);
    const after = await productBy(tx, record.cooperativeId, { code: change.code });
    await this.audit.record(tx, {
      cooperativeId: record.cooperativeId,
      action: 'savings.product.set',
      targetType: 'savings_product',
      targetId: after!.id,
      before,
      after,
      reason: record.reason ?? undefined,
    });
    return after;
  }

  private async check(
    tx: Tx,
    cooperativeId: string,
    change: ProductChange,
  ): Promise<ProductView | undefined> {
    const existing = await productBy(tx, cooperativeId, { code: change.code });
    if (existing && (existing.kind !== change.kind || existing.currency !== change.currency)) {
      throw new RuleViolationError(
        'product-kind-fixed',
        'Kind and currency are fixed',
        `${change.code} is a ${existing.kind} product in ${existing.currency}; create a new product instead`,
        { field: 'kind' },
      );
    }
    if (change.kind === 'pokok' && change.status === 'active') {
      const pokok = await activePokok(tx, cooperativeId, change.currency);
      if (pokok && pokok.code !== change.code) {
        throw new ConflictError(
          'pokok-product-exists',
          'One simpanan pokok',
          `${pokok.code} is already the simpanan pokok in ${change.currency}: pokok is the same for every member`,
        );
      }
    }
    return existing;
  }
}
