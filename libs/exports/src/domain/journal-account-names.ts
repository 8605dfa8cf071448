/**
 * Lumbung accounts as hledger and Beancount name them, one mapping for both tools:
 *
 * - The root is the account's class: asset `Assets`, liability `Liabilities`, equity `Equity`,
 *   income `Income`, expense `Expenses`. Beancount knows these five roots only, so memorandum
 *   accounts (off the balance sheet, each pair with its own contra, netting to zero) go under
 *   `Assets` too; their heading (`9`) keeps them together and sums to zero.
 * - Below the root comes the code of every heading from the top of the chart down, then the
 *   leaf's own code: leaf 1-1101 under 1-11 under 1-1 under 1 is `Assets:1:1-1:1-11:1-1101`.
 *   So `hledger balance` and `bean-query` roll the leaves up exactly as Lumbung's trial balance
 *   rolls them into its headings, and a heading's name is the same whatever leaf is asked for.
 * - A code is used as it is when it is a valid component for both tools (a capital letter or a
 *   digit first, then letters and digits in groups joined by single hyphens: `1-1102-0001`,
 *   `2-1-SUKARELA`); any other code becomes `X--` and the hex of its UTF-8 bytes. Codes as they
 *   are never hold `--`, so the mapping is one to one, and it depends on nothing but the code.
 *
 * Names (which people may read in either language) are carried beside the account, never in it.
 */
export const accountClasses = [
  'asset',
  'liability',
  'equity',
  'income',
  'expense',
  'memorandum',
] as const;
export type AccountClass = (typeof accountClasses)[number];

export const journalRoots: Record<AccountClass, string> = {
  asset: 'Assets',
  liability: 'Liabilities',
  equity: 'Equity',
  income: 'Income',
  expense: 'Expenses',
  memorandum: 'Assets',
};

const plainComponent = /^[A-Z0-9][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/;

/** One account code as one component of a journal account name. */
export function journalComponent(code: string): string {
  if (plainComponent.test(code)) return code;
  const hex = [...new TextEncoder().encode(code)]
    .map((byte) => byte.toString(16).toUpperCase().padStart(2, '0'))
    .join('');
  return `X--${hex}`;
}

/** A heading of the chart: what a leaf's journal name is built from. */
export interface ChartHeading {
  readonly id: string;
  readonly code: string;
  readonly parentId: string | null;
}

/**
 * Journal names of leaves, from the chart's headings (tens to hundreds of them, held in memory;
 * leaves, which may be millions, are named one at a time as they stream past).
 */
export class JournalAccountNames {
  private readonly headings: Map<string, ChartHeading>;
  private readonly prefixes = new Map<string, string>();

  constructor(headings: readonly ChartHeading[]) {
    this.headings = new Map(headings.map((h) => [h.id, h]));
  }

  /** The journal name of a leaf with this class, code and parent heading. */
  nameOf(leaf: { class: AccountClass; code: string; parentId: string | null }): string {
    const path = leaf.parentId === null ? '' : `${this.pathOf(leaf.parentId)}:`;
    return `${journalRoots[leaf.class]}:${path}${journalComponent(leaf.code)}`;
  }

  private pathOf(headingId: string): string {
    const known = this.prefixes.get(headingId);
    if (known !== undefined) return known;
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let id: string | null = headingId; id !== null;) {
      const heading = this.headings.get(id);
      if (!heading) throw new Error(`chart: heading ${id} is not in the chart`);
      if (seen.has(id)) throw new Error(`chart: heading ${id} is its own ancestor`);
      seen.add(id);
      chain.unshift(journalComponent(heading.code));
      id = heading.parentId;
    }
    const path = chain.join(':');
    this.prefixes.set(headingId, path);
    return path;
  }
}
