import { isUuid, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { productBy, productsOf, type ProductView } from '../infrastructure/product-store';

/** Reads products; they change only through `savings.product.set` approvals. */
@Injectable()
export class ProductService {
  list(tx: Tx, cooperativeId: string): Promise<ProductView[]> {
    return productsOf(tx, cooperativeId);
  }

  async byId(tx: Tx, cooperativeId: string, productId: string): Promise<ProductView> {
    const product = isUuid(productId)
      ? await productBy(tx, cooperativeId, { id: productId })
      : undefined;
    if (!product) throw new NotFoundError('savings product', productId);
    return product;
  }
}
