import type { Tx } from '@lumbung/database';
import type { AccountClass } from '../domain/account-class';
import type { JournalAccountFacts } from '../domain/manual-journal';

/** The chart's facts about each code asked for; codes the chart lacks are absent. */
export async function accountFacts(
  tx: Tx,
  cooperativeId: string,
  codes: readonly string[],
): Promise<Map<string, JournalAccountFacts & { id: string }>> {
  const rows = await tx.query<{
    id: string;
    code: string;
    is_leaf: boolean;
    class: AccountClass;
    currency: string | null;
    holder: 'general' | 'member';
    template_key: string | null;
    parent_template_key: string | null;
  }>(
    `SELECT a.id, a.code, a.is_leaf, a.class, a.currency, a.holder, a.template_key,
            p.template_key AS parent_template_key
       FROM account a
       LEFT JOIN account p ON p.cooperative_id = a.cooperative_id AND p.id = a.parent_id
      WHERE a.cooperative_id = $1 AND a.code = ANY($2::text[])`,
    [cooperativeId, [...new Set(codes)]],
  );
  return new Map(
    rows.map((r) => [
      r.code,
      {
        id: r.id,
        code: r.code,
        isLeaf: r.is_leaf,
        class: r.class,
        currency: r.currency,
        holder: r.holder,
        templateKey: r.template_key,
        parentTemplateKey: r.parent_template_key,
      },
    ]),
  );
}
