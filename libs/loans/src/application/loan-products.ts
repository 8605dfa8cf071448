import { isUuid, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import {
  loanProductBy,
  loanProductsOf,
  type LoanProductView,
} from '../infrastructure/product-store';
import { ownCapital } from '../infrastructure/loan-store';
import { type LendingLimits, lendingLimitsOf } from '../infrastructure/settings-store';

/** Reads loan products and lending limits; both change only through approvals. */
@Injectable()
export class LoanProducts {
  list(tx: Tx, cooperativeId: string): Promise<LoanProductView[]> {
    return loanProductsOf(tx, cooperativeId);
  }

  async byId(tx: Tx, cooperativeId: string, productId: string): Promise<LoanProductView> {
    const product = isUuid(productId)
      ? await loanProductBy(tx, cooperativeId, { id: productId })
      : undefined;
    if (!product) throw new NotFoundError('loan product', productId);
    return product;
  }

  limits(tx: Tx, cooperativeId: string): Promise<LendingLimits> {
    return lendingLimitsOf(tx, cooperativeId);
  }

  /**
   * Own capital (modal sendiri) in the functional currency, as the lending limits count it;
   * cross-border exposure limits are checked against the same figure.
   */
  ownCapital(tx: Tx, cooperativeId: string, functionalCurrency: string): Promise<string> {
    return ownCapital(tx, cooperativeId, functionalCurrency);
  }
}
