/** Account classes as the ledger names them (libs/ledger account-class.ts). */
export type StatementAccountClass =
  'asset' | 'liability' | 'equity' | 'income' | 'expense' | 'memorandum';

/** One account of the cooperative's chart, as the statements read it. */
export interface StatementAccount {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly class: StatementAccountClass;
  readonly parentId: string | null;
  readonly isLeaf: boolean;
  readonly currency: string | null;
  /** The chart template's stable key; null for leaves the domains open (members, tills...). */
  readonly templateKey: string | null;
}

/** Where a statement shows an account: a section (a heading or the class itself) and a line. */
export interface Placement {
  readonly section: StatementAccount;
  readonly line: StatementAccount;
}

export type CashFlowCategory = 'operating' | 'investing' | 'financing';

/**
 * Template headings the statements single out. Keys are stable across template versions, and a
 * leaf any domain opens sits under one of them, so nothing here names a leaf.
 */
const cashHeadings = new Set(['cash', 'bank']);
const clearingHeading = 'clearing';
const investingHeadings = new Set(['assets.fixed']);
const financingHeadings = new Set(['borrowings', 'shu-funds']);

/**
 * The chart as a tree. Statement lines come from its shape alone: a class root with headings
 * two levels down (assets: Aset Lancar holds Kas, Bank, Pinjaman...) has each heading under it
 * as a section whose children are lines (Aset Tetap: equipment, vehicles, depreciation...);
 * any other root is one section whose children are lines (liabilities and equity: Simpanan
 * Sukarela, Pinjaman Diterima, Simpanan Pokok...). Leaves a product adds fall under their
 * heading's line.
 */
export class StatementChart {
  private readonly byId: Map<string, StatementAccount>;
  private readonly children = new Map<string | null, StatementAccount[]>();
  private readonly placements = new Map<string, Placement>();

  constructor(readonly accounts: readonly StatementAccount[]) {
    this.byId = new Map(accounts.map((a) => [a.id, a]));
    for (const account of accounts) {
      const siblings = this.children.get(account.parentId) ?? [];
      siblings.push(account);
      this.children.set(account.parentId, siblings);
    }
    this.children.forEach((siblings) => siblings.sort((a, b) => a.code.localeCompare(b.code)));
  }

  account(id: string): StatementAccount {
    const account = this.byId.get(id);
    if (!account) throw new Error(`statements: account ${id} is not in the chart`);
    return account;
  }

  /** The class roots (1 Aset, 2 Liabilitas...) in code order. */
  roots(): readonly StatementAccount[] {
    return this.children.get(null) ?? [];
  }

  childrenOf(account: StatementAccount): readonly StatementAccount[] {
    return this.children.get(account.id) ?? [];
  }

  /** The account, its parent, and so on up to its class root. */
  lineage(id: string): StatementAccount[] {
    const chain: StatementAccount[] = [];
    for (let at: StatementAccount | undefined = this.account(id); at;) {
      chain.push(at);
      at = at.parentId === null ? undefined : this.byId.get(at.parentId);
    }
    return chain;
  }

  /** The sections of a root, each with its lines, in code order; see the class comment. */
  sections(
    root: StatementAccount,
  ): Array<{ section: StatementAccount; lines: StatementAccount[] }> {
    const own: StatementAccount[] = [];
    const nested: Array<{ section: StatementAccount; lines: StatementAccount[] }> = [];
    const sectioned = this.isSectioned(root);
    for (const child of this.childrenOf(root)) {
      if (sectioned && !child.isLeaf) {
        nested.push({ section: child, lines: [...this.childrenOf(child)] });
      } else own.push(child);
    }
    return own.length > 0 ? [{ section: root, lines: own }, ...nested] : nested;
  }

  /** The section and line of an account (a leaf, or a heading at or below its line). */
  placement(leafId: string): Placement {
    const known = this.placements.get(leafId);
    if (known) return known;
    const chain = this.lineage(leafId);
    const root = chain[chain.length - 1];
    const top = chain.length >= 2 ? chain[chain.length - 2] : root;
    const placement: Placement =
      this.isSectioned(root) && !top.isLeaf && chain.length >= 3
        ? { section: top, line: chain[chain.length - 3] }
        : { section: root, line: top };
    this.placements.set(leafId, placement);
    return placement;
  }

  /** Cash and bank leaves: what the cash flow statement follows. */
  isCash(leafId: string): boolean {
    return this.under(leafId, cashHeadings);
  }

  /**
   * A foreign leaf under the clearing heading is an FX position: the other side of foreign
   * money, carried at the rates the money moved at and never translated (the month-end
   * revaluation leaves them out the same way).
   */
  isFxPosition(leafId: string): boolean {
    return this.under(leafId, new Set([clearingHeading]));
  }

  /** The line of the clearing heading, where the month-end revaluation's differences sit. */
  clearingLine(): StatementAccount | null {
    const clearing = this.accounts.find((a) => a.templateKey === clearingHeading);
    return clearing ? this.placement(clearing.id).line : null;
  }

  /**
   * What a movement of cash against this account is: investing for fixed assets, financing for
   * borrowings, SHU funds and equity, operating for the rest (a KSP's lending and savings are
   * its operations).
   */
  cashFlowCategory(accountId: string): CashFlowCategory {
    if (this.account(accountId).class === 'equity') return 'financing';
    if (this.under(accountId, financingHeadings)) return 'financing';
    if (this.under(accountId, investingHeadings)) return 'investing';
    return 'operating';
  }

  private under(accountId: string, keys: ReadonlySet<string>): boolean {
    return this.lineage(accountId).some((a) => a.templateKey !== null && keys.has(a.templateKey));
  }

  /**
   * Where the statement of results shows an income or expense leaf: every heading under the
   * root is a section (4-1 Pendapatan Usaha Simpan Pinjam, 5-2 Beban Operasional) and its
   * children are the lines, so each kind of income and cost stands on its own.
   */
  resultsPlacement(leafId: string): Placement {
    const chain = this.lineage(leafId);
    const root = chain[chain.length - 1];
    const top = chain[chain.length - 2] ?? root;
    return top.isLeaf
      ? { section: root, line: top }
      : { section: top, line: chain[chain.length - 3] };
  }

  /** A root with headings two levels down is laid out in sections (see the class comment). */
  private isSectioned(root: StatementAccount): boolean {
    return this.childrenOf(root).some((child) => this.childrenOf(child).some((g) => !g.isLeaf));
  }
}
