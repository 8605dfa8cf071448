import type { Tx } from '@lumbung/database';
import type { LoanTerms } from '../domain/loan-terms';

export interface LoanProductView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly currency: string;
  readonly terms: LoanTerms;
  readonly status: 'active' | 'retired';
  readonly interestReceivableAccountId: string;
  readonly penaltyReceivableAccountId: string;
  readonly updatedAt: string;
}

export type LoanProductChange = Pick<
  LoanProductView,
  'code' | 'name' | 'currency' | 'terms' | 'status'
>;

interface ProductRow {
  id: string;
  code: string;
  name: string;
  currency: string;
  terms: LoanTerms;
  status: 'active' | 'retired';
  interest_receivable_account_id: string;
  penalty_receivable_account_id: string;
  updated_at: Date;
}

const columns = `id, code, name, currency, terms, status, interest_receivable_account_id,
  penalty_receivable_account_id, updated_at`;

function view(row: ProductRow): LoanProductView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    currency: row.currency,
    terms: row.terms,
    status: row.status,
    interestReceivableAccountId: row.interest_receivable_account_id,
    penaltyReceivableAccountId: row.penalty_receivable_account_id,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function loanProductsOf(tx: Tx, cooperativeId: string): Promise<LoanProductView[]> {
  const rows = await tx.query<ProductRow>(
    `SELECT ${columns} FROM loan_product WHERE cooperative_id = $1 ORDER BY code`,
    [cooperativeId],
  );
  return rows.map(view);
}

export async function loanProductBy(
  tx: Tx,
  cooperativeId: string,
  where: { id: string } | { code: string },
): Promise<LoanProductView | undefined> {
  const [row] = await tx.query<ProductRow>(
    `SELECT ${columns} FROM loan_product
      WHERE cooperative_id = $1 AND ${'id' in where ? 'id' : 'code'} = $2`,
    [cooperativeId, 'id' in where ? where.id : where.code],
  );
  return row && view(row);
}

export async function insertLoanProduct(
  tx: Tx,
  cooperativeId: string,
  product: LoanProductChange & {
    id: string;
    interestReceivableAccountId: string;
    penaltyReceivableAccountId: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_product (cooperative_id, id, code, name, currency, terms, status,
                               interest_receivable_account_id, penalty_receivable_account_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      cooperativeId,
      product.id,
      product.code,
      product.name,
      product.currency,
      JSON.stringify(product.terms),
      product.status,
      product.interestReceivableAccountId,
      product.penaltyReceivableAccountId,
    ],
  );
}

export async function updateLoanProduct(
  tx: Tx,
  cooperativeId: string,
  id: string,
  change: Pick<LoanProductChange, 'name' | 'terms' | 'status'>,
): Promise<void> {
  await tx.query(
    `UPDATE loan_product SET name = $3, terms = $4, status = $5, updated_at = clock_timestamp()
      WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, id, change.name, JSON.stringify(change.terms), change.status],
  );
}
