import type { Tx } from '@lumbung/database';
import type { ProductKind, ProductTerms } from '../domain/product-terms';

export interface ProductView {
  readonly id: string;
  readonly code: string;
  readonly kind: ProductKind;
  readonly name: string;
  readonly currency: string;
  readonly terms: ProductTerms;
  readonly status: 'active' | 'retired';
  readonly updatedAt: string;
}

interface ProductRow {
  id: string;
  code: string;
  kind: ProductKind;
  name: string;
  currency: string;
  terms: ProductTerms;
  status: 'active' | 'retired';
  updated_at: Date;
}

const columns = 'id, code, kind, name, currency, terms, status, updated_at';

function view(row: ProductRow): ProductView {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    currency: row.currency,
    terms: row.terms,
    status: row.status,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function productsOf(tx: Tx, cooperativeId: string): Promise<ProductView[]> {
  const rows = await tx.query<ProductRow>(
    `SELECT ${columns} FROM savings_product WHERE cooperative_id = $1 ORDER BY kind, code`,
    [cooperativeId],
  );
  return rows.map(view);
}

export async function productBy(
  tx: Tx,
  cooperativeId: string,
  where: { id: string } | { code: string },
): Promise<ProductView | undefined> {
  const [row] = await tx.query<ProductRow>(
    `SELECT ${columns} FROM savings_product WHERE cooperative_id = $1 AND ${'id' in where ? 'id' : 'code'} = $2`,
    [cooperativeId, 'id' in where ? where.id : where.code],
  );
  return row && view(row);
}

export async function activePokok(
  tx: Tx,
  cooperativeId: string,
  currency: string,
): Promise<ProductView | undefined> {
  const [row] = await tx.query<ProductRow>(
    `SELECT ${columns} FROM savings_product
      WHERE cooperative_id = $1 AND currency = $2 AND kind = 'pokok' AND status = 'active'`,
    [cooperativeId, currency],
  );
  return row && view(row);
}

export async function saveProduct(
  tx: Tx,
  cooperativeId: string,
  id: string,
  product: Omit<ProductView, 'id' | 'updatedAt'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO savings_product (cooperative_id, id, code, kind, name, currency, terms, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (cooperative_id, code) DO UPDATE
       SET name = EXCLUDED.name, terms = EXCLUDED.terms, status = EXCLUDED.status,
           updated_at = clock_timestamp()`,
    [
      cooperativeId,
      id,
      product.code,
      product.kind,
      product.name,
      product.currency,
      JSON.stringify(product.terms),
      product.status,
    ],
  );
}
