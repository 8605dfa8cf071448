import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import { type FieldProblem, InvalidInputError, RuleViolationError, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { ChartService, CooperativeService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { parseLoanTerms } from '../domain/loan-terms';
import {
  insertLoanProduct,
  loanProductBy,
  type LoanProductChange,
  type LoanProductView,
  updateLoanProduct,
} from '../infrastructure/product-store';

export const loanProductChangeType = 'loans.product.set';

const codePattern = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

function parseChange(input: unknown, functionalCurrency: string): LoanProductChange {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  if (typeof raw.code !== 'string' || !codePattern.test(raw.code)) {
    problems.push({ field: 'code', message: 'uppercase letters, digits and dashes, 2-32' });
  }
  if (typeof raw.name !== 'string' || raw.name.trim().length === 0 || raw.name.length > 200) {
    problems.push({ field: 'name', message: '1 to 200 characters' });
  }
  // Members borrow in the cooperative's own currency; lending abroad is cross-border financing.
  if (raw.currency !== functionalCurrency) {
    problems.push({ field: 'currency', message: `must be ${functionalCurrency}` });
  }
  if (raw.status !== undefined && raw.status !== 'active' && raw.status !== 'retired') {
    problems.push({ field: 'status', message: 'active or retired' });
  }
  let terms;
  try {
    terms = parseLoanTerms(raw.terms, functionalCurrency);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    problems.push(...error.errors);
  }
  if (problems.length > 0 || !terms) {
    throw new InvalidInputError('The loan product is not valid', problems);
  }
  return {
    code: raw.code as string,
    name: (raw.name as string).trim(),
    currency: functionalCurrency,
    terms,
    status: (raw.status as 'active' | 'retired' | undefined) ?? 'active',
  };
}

/**
 * Loan products and their rates change only with a second manager's approval. Running loans
 * keep the terms they were granted under; a new product opens its interest and penalty
 * receivable leaves, where the end of day posts its summary entries.
 */
@Injectable()
export class LoanProductChangeExecutor extends RegisteredExecutor {
  readonly type = loanProductChangeType;
  readonly defaultRule = oneManagerApproves;

  constructor(
    registry: ApprovalRegistry,
    private readonly cooperatives: CooperativeService,
    private readonly charts: ChartService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const change = await this.parse(tx, input.cooperativeId, input.payload);
    const existing = await loanProductBy(tx, input.cooperativeId, { code: change.code });
    return {
      payload: change,
      summary: `${existing ? 'Change' : 'Create'} loan product ${change.code} (${change.terms.method})`,
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { cooperativeId } = record;
    const change = await this.parse(tx, cooperativeId, record.payload);
    const before = await loanProductBy(tx, cooperativeId, { code: change.code });
    if (before) {
      if (before.currency !== change.currency) {
        throw new RuleViolationError(
          'product-currency-fixed',
          'Currency is fixed',
          `${change.code} lends in ${before.currency}; create a new product instead`,
          { field: 'currency' },
        );
      }
      await updateLoanProduct(tx, cooperativeId, before.id, change);
    } else {
      await insertLoanProduct(tx, cooperativeId, {
        ...change,
        id: uuidv7(),
        ...(await this.openReceivables(tx, cooperativeId, change)),
      });
    }
    const after = await loanProductBy(tx, cooperativeId, { code: change.code });
    await this.audit.record(tx, {
      cooperativeId,
      action: loanProductChangeType,
      targetType: 'loan_product',
      targetId: after!.id,
      before,
      after,
      reason: record.reason ?? undefined,
    });
    return after;
  }

  private async parse(tx: Tx, cooperativeId: string, payload: unknown) {
    const { functionalCurrency } = await this.cooperatives.byId(tx, cooperativeId);
    return parseChange(payload, functionalCurrency);
  }

  /** Receivables never go below zero: a repayment settles no interest that was not accrued. */
  private async openReceivables(
    tx: Tx,
    cooperativeId: string,
    product: LoanProductChange,
  ): Promise<Pick<LoanProductView, 'interestReceivableAccountId' | 'penaltyReceivableAccountId'>> {
    const open = async (headingCode: string, name: string) => {
      const heading = await this.charts.accountByCode(tx, cooperativeId, headingCode);
      const leaf = await this.charts.openLeaf(tx, cooperativeId, {
        parentId: heading.id,
        code: `${headingCode}-${product.code}`,
        name: `${name} ${product.name}`.slice(0, 200),
        currency: product.currency,
        floor: '0',
      });
      return leaf.id;
    };
    return {
      interestReceivableAccountId: await open('1-15', 'Piutang Jasa'),
      penaltyReceivableAccountId: await open('1-16', 'Piutang Denda'),
    };
  }
}
