import {
  ConflictError,
  currency as currencyOf,
  InvalidInputError,
  isUuid,
  NotFoundError,
  uuidv7,
} from '@lumbung/core';
import { AuditLog } from '@lumbung/audit';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import {
  type AccountHolder,
  defaultNormalSide,
  normalSign,
  type NormalSide,
} from '../domain/account-class';
import { type ChartTemplate, templateInInsertOrder } from '../domain/chart-template';
import type { JournalAccountFacts } from '../domain/manual-journal';
import type { ChartAccount } from '../domain/trial-balance';
import { accountFacts } from '../infrastructure/account-facts';

export interface OpenLeafRequest {
  readonly parentId: string;
  readonly code: string;
  readonly name: string;
  readonly currency: string;
  /** Minimum balance on the normal side (e.g. a savings product's minimum); none when omitted. */
  readonly floor?: string;
  readonly holder?: AccountHolder;
  readonly normalSide?: NormalSide;
}

export interface ChartUpgrade {
  readonly cooperativeId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly added: number;
}

/**
 * The chart of accounts: a template applied idempotently (a later version adds its new accounts
 * to existing cooperatives, never by hand), and leaves opened under headings by the domains.
 */
@Injectable()
export class ChartService {
  constructor(private readonly audit: AuditLog) {}

  async applyTemplate(
    tx: Tx,
    cooperativeId: string,
    template: ChartTemplate,
  ): Promise<ChartUpgrade> {
    const [cooperative] = await tx.query<{
      chart_version: number;
      chart_template: string;
      functional_currency: string;
    }>(
      `SELECT chart_version, chart_template, functional_currency FROM cooperative WHERE id = $1 FOR UPDATE`,
      [cooperativeId],
    );
    if (!cooperative) throw new NotFoundError('Cooperative', cooperativeId);
    if (cooperative.chart_template !== template.name) {
      throw new Error(
        `Cooperative ${cooperativeId} uses chart ${cooperative.chart_template}, not ${template.name}`,
      );
    }
    const accounts = templateInInsertOrder(template).map((account) => ({
      ...account,
      id: uuidv7(),
    }));
    const rows = await tx.query<{ template_key: string }>(
      `WITH wanted AS (
         SELECT * FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::text[], $9::boolean[], $10::numeric[], $11::int[])
           AS w(template_key, id, code, name, class, normal_side, parent_key, is_leaf, floor, ord)
       ), added AS (
         INSERT INTO account (cooperative_id, id, code, name, class, normal_side, parent_id, is_leaf,
                              currency, template_key)
         SELECT $1, w.id, w.code, w.name, w.class, w.normal_side,
                coalesce(p.id, (SELECT id FROM wanted WHERE template_key = w.parent_key)),
                w.is_leaf, CASE WHEN w.is_leaf THEN $12 END, w.template_key
           FROM wanted w
           LEFT JOIN account p ON p.cooperative_id = $1 AND p.template_key = w.parent_key
          WHERE NOT EXISTS (SELECT 1 FROM account a
                             WHERE a.cooperative_id = $1 AND a.template_key = w.template_key)
          ORDER BY w.ord
         RETURNING id, template_key, is_leaf, normal_side
       ), balances AS (
         INSERT INTO ledger_balance (cooperative_id, account_id, currency, normal_sign, floor)
         SELECT $1, a.id, $12, CASE a.normal_side WHEN 'debit' THEN 1 ELSE -1 END, w.floor
           FROM added a JOIN wanted w ON w.template_key = a.template_key
          WHERE a.is_leaf
       )
       SELECT template_key FROM added`,
      [
        cooperativeId,
        accounts.map((a) => a.key),
        accounts.map((a) => a.id),
        accounts.map((a) => a.code),
        accounts.map((a) => a.name),
        accounts.map((a) => a.class),
        accounts.map((a) => a.normalSide ?? defaultNormalSide(a.class)),
        accounts.map((a) => a.parent ?? null),
        accounts.map((a) => a.leaf),
        accounts.map((a) => a.floor ?? null),
        accounts.map((_, i) => i),
        cooperative.functional_currency,
      ],
    );
    await tx.query(
      `UPDATE cooperative SET chart_version = $2 WHERE id = $1 AND chart_version < $2`,
      [cooperativeId, template.version],
    );
    if (rows.length > 0) {
      await this.audit.record(tx, {
        cooperativeId,
        action: 'ledger.chart.upgrade',
        targetType: 'chart',
        targetId: template.name,
        before: { version: cooperative.chart_version },
        after: {
          version: Math.max(cooperative.chart_version, template.version),
          added: rows.map((r) => r.template_key),
        },
      });
    }
    return {
      cooperativeId,
      fromVersion: cooperative.chart_version,
      toVersion: Math.max(cooperative.chart_version, template.version),
      added: rows.length,
    };
  }

  /** Opens a leaf (a member's savings or loan account, a till, a foreign-currency account). */
  async openLeaf(tx: Tx, cooperativeId: string, request: OpenLeafRequest): Promise<ChartAccount> {
    currencyOf(request.currency);
    if (!isUuid(request.parentId)) {
      throw new InvalidInputError('parentId must be a UUID', [
        { field: 'parentId', message: 'must be a UUID' },
      ]);
    }
    const [parent] = await tx.query<{ class: ChartAccount['class']; is_leaf: boolean }>(
      `SELECT class, is_leaf FROM account WHERE cooperative_id = $1 AND id = $2`,
      [cooperativeId, request.parentId],
    );
    if (!parent) throw new NotFoundError('Account', request.parentId);
    if (parent.is_leaf) {
      throw new InvalidInputError('A leaf cannot have children', [
        { field: 'parentId', message: 'must be a heading, not a leaf' },
      ]);
    }
    const side = request.normalSide ?? defaultNormalSide(parent.class);
    const id = uuidv7();
    const [taken] = await tx.query(
      `SELECT 1 FROM account WHERE cooperative_id = $1 AND code = $2`,
      [cooperativeId, request.code],
    );
    if (taken) {
      throw new ConflictError(
        'account-code-taken',
        'Account code taken',
        `Account code ${request.code} is already in use`,
        {
          field: 'code',
        },
      );
    }
    await tx.query(
      `WITH opened AS (
         INSERT INTO account (cooperative_id, id, code, name, class, normal_side, parent_id, is_leaf,
                              currency, holder)
         VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $9)
       )
       INSERT INTO ledger_balance (cooperative_id, account_id, currency, normal_sign, floor)
       VALUES ($1, $2, $8, $10, $11)`,
      [
        cooperativeId,
        id,
        request.code,
        request.name,
        parent.class,
        side,
        request.parentId,
        request.currency,
        request.holder ?? 'general',
        normalSign(side),
        request.floor ?? null,
      ],
    );
    const account: ChartAccount = {
      id,
      code: request.code,
      name: request.name,
      class: parent.class,
      normalSide: side,
      parentId: request.parentId,
      isLeaf: true,
      currency: request.currency,
    };
    await this.audit.record(tx, {
      cooperativeId,
      action: 'ledger.account.open',
      targetType: 'account',
      targetId: id,
      after: { ...account, floor: request.floor ?? null, holder: request.holder ?? 'general' },
    });
    return account;
  }

  async chart(tx: Tx, cooperativeId: string): Promise<ChartAccount[]> {
    return this.select(tx, 'cooperative_id = $1 ORDER BY code', [cooperativeId]);
  }

  /** A page of the chart in code order; `after` is the last code of the previous page. */
  async chartPage(
    tx: Tx,
    cooperativeId: string,
    page: { after?: string; limit: number },
  ): Promise<ChartAccount[]> {
    return this.select(tx, 'cooperative_id = $1 AND code > $2 ORDER BY code LIMIT $3', [
      cooperativeId,
      page.after ?? '',
      page.limit,
    ]);
  }

  async account(tx: Tx, cooperativeId: string, accountId: string): Promise<ChartAccount> {
    const [found] = isUuid(accountId)
      ? await this.select(tx, 'cooperative_id = $1 AND id = $2', [cooperativeId, accountId])
      : [];
    if (!found) throw new NotFoundError('Account', accountId);
    return found;
  }

  async accountByCode(tx: Tx, cooperativeId: string, code: string): Promise<ChartAccount> {
    const [found] = await this.select(tx, 'cooperative_id = $1 AND code = $2', [
      cooperativeId,
      code,
    ]);
    if (!found) throw new NotFoundError('Account', code);
    return found;
  }

  /**
   * What the chart says about each code (leaf or heading, holder, template keys), for callers
   * deciding which accounts a journal or an opening balance may touch; unknown codes are absent.
   */
  accountFacts(
    tx: Tx,
    cooperativeId: string,
    codes: readonly string[],
  ): Promise<Map<string, JournalAccountFacts & { id: string }>> {
    return accountFacts(tx, cooperativeId, codes);
  }

  private async select(tx: Tx, where: string, params: unknown[]): Promise<ChartAccount[]> {
    const rows = await tx.query<{
      id: string;
      code: string;
      name: string;
      class: ChartAccount['class'];
      normal_side: NormalSide;
      parent_id: string | null;
      is_leaf: boolean;
      currency: string | null;
    }>(
      `SELECT id, code, name, class, normal_side, parent_id, is_leaf, currency FROM account WHERE ${where}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      class: r.class,
      normalSide: r.normal_side,
      parentId: r.parent_id,
      isLeaf: r.is_leaf,
      currency: r.currency,
    }));
  }
}
