import { isUuid, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';

/** What never changes about a cooperative once registered, read once per process. */
export interface CooperativeFacts {
  readonly functionalCurrency: string;
}

@Injectable()
export class CooperativeDirectory {
  private readonly known = new Map<string, CooperativeFacts>();

  async facts(query: Tx['query'], cooperativeId: string): Promise<CooperativeFacts> {
    const cached = this.known.get(cooperativeId);
    if (cached) return cached;
    const [row] = isUuid(cooperativeId)
      ? await query<{ functional_currency: string }>(
          `SELECT functional_currency FROM cooperative WHERE id = $1`,
          [cooperativeId],
        )
      : [];
    if (!row) throw new NotFoundError('Cooperative', cooperativeId);
    const facts = { functionalCurrency: row.functional_currency };
    this.known.set(cooperativeId, facts);
    return facts;
  }
}
