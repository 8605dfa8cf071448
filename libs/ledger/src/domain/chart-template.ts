import type { AccountClass, NormalSide } from './account-class';

/**
 * One account of a chart template. `key` is stable forever (upgrades match on it); code and
 * name are what the cooperative sees. Leaves are in the cooperative's functional currency;
 * foreign-currency and member leaves are opened later under their headings by the domains.
 */
export interface TemplateAccount {
  readonly key: string;
  readonly code: string;
  readonly name: string;
  readonly class: AccountClass;
  readonly parent?: string;
  readonly leaf: boolean;
  /** Contra accounts (allowances, accumulated depreciation) sit on the other side. */
  readonly normalSide?: NormalSide;
  /** Minimum balance on the normal side: cash can never go below zero. */
  readonly floor?: string;
  /** The template version that introduced the account. */
  readonly since: number;
}

export interface ChartTemplate {
  readonly name: string;
  readonly version: number;
  readonly accounts: readonly TemplateAccount[];
}

const heading = (
  key: string,
  code: string,
  name: string,
  cls: AccountClass,
  parent?: string,
): TemplateAccount => ({ key, code, name, class: cls, parent, leaf: false, since: 1 });

const leaf = (
  key: string,
  code: string,
  name: string,
  cls: AccountClass,
  parent: string,
  extra: Partial<Pick<TemplateAccount, 'normalSide' | 'floor'>> = {},
): TemplateAccount => ({ key, code, name, class: cls, parent, leaf: true, since: 1, ...extra });

/**
 * The chart of a Koperasi Simpan Pinjam under SAK EP (Permenkop 2/2024): assets, liabilities,
 * equity (pokok, wajib, reserves, grants, undistributed SHU), income tagged member/non-member,
 * expenses, and memorandum accounts kept off the balance sheet with their own contra.
 */
export const kspChartTemplate: ChartTemplate = {
  name: 'ksp',
  version: 1,
  accounts: [
    heading('assets', '1', 'Aset', 'asset'),
    heading('assets.current', '1-1', 'Aset Lancar', 'asset', 'assets'),
    heading('cash', '1-11', 'Kas', 'asset', 'assets.current'),
    leaf('cash.vault', '1-1101', 'Kas Brankas', 'asset', 'cash', { floor: '0' }),
    heading('cash.tills', '1-1102', 'Kas Teller', 'asset', 'cash'),
    heading('bank', '1-12', 'Bank', 'asset', 'assets.current'),
    leaf('bank.operating', '1-1201', 'Rekening Bank Operasional', 'asset', 'bank'),
    heading('loans', '1-13', 'Pinjaman yang Diberikan kepada Anggota', 'asset', 'assets.current'),
    heading('loans.partners', '1-14', 'Pinjaman kepada Koperasi Mitra', 'asset', 'assets.current'),
    heading('interest-receivable', '1-15', 'Piutang Jasa Pinjaman', 'asset', 'assets.current'),
    heading('penalty-receivable', '1-16', 'Piutang Denda', 'asset', 'assets.current'),
    heading(
      'provisions',
      '1-17',
      'Penyisihan Penghapusan Pinjaman (PPAP)',
      'asset',
      'assets.current',
    ),
    leaf('provisions.general', '1-1701', 'PPAP Pinjaman Anggota', 'asset', 'provisions', {
      normalSide: 'credit',
    }),
    heading('clearing', '1-19', 'Rekening Antara', 'asset', 'assets.current'),
    leaf('fx.position', '1-1901', 'Posisi Valuta Asing', 'asset', 'clearing'),
    leaf('suspense', '1-1902', 'Rekening Titipan Sementara', 'asset', 'clearing'),
    heading('assets.fixed', '1-2', 'Aset Tetap', 'asset', 'assets'),
    leaf('fixed.equipment', '1-2101', 'Peralatan Kantor', 'asset', 'assets.fixed'),
    leaf('fixed.vehicles', '1-2102', 'Kendaraan', 'asset', 'assets.fixed'),
    leaf('fixed.buildings', '1-2103', 'Gedung dan Tanah', 'asset', 'assets.fixed'),
    leaf('fixed.depreciation', '1-2109', 'Akumulasi Penyusutan', 'asset', 'assets.fixed', {
      normalSide: 'credit',
    }),

    heading('liabilities', '2', 'Liabilitas', 'liability'),
    heading('savings.voluntary', '2-1', 'Simpanan Sukarela (Tabungan)', 'liability', 'liabilities'),
    heading('savings.time', '2-2', 'Simpanan Berjangka', 'liability', 'liabilities'),
    heading('interest-payable', '2-3', 'Utang Jasa Simpanan', 'liability', 'liabilities'),
    heading('borrowings', '2-4', 'Pinjaman Diterima', 'liability', 'liabilities'),
    leaf('borrowings.lpdb', '2-4101', 'Pinjaman LPDB', 'liability', 'borrowings'),
    heading('shu-funds', '2-5', 'Dana SHU Belum Dibayar', 'liability', 'liabilities'),
    leaf('shu-funds.members', '2-5101', 'SHU Anggota Belum Dibayar', 'liability', 'shu-funds'),
    leaf('shu-funds.board', '2-5102', 'Dana Pengurus', 'liability', 'shu-funds'),
    leaf('shu-funds.staff', '2-5103', 'Dana Karyawan', 'liability', 'shu-funds'),
    leaf('shu-funds.education', '2-5104', 'Dana Pendidikan', 'liability', 'shu-funds'),
    leaf('shu-funds.social', '2-5105', 'Dana Sosial', 'liability', 'shu-funds'),
    heading('liabilities.other', '2-9', 'Liabilitas Lain', 'liability', 'liabilities'),
    leaf(
      'tax.withholding',
      '2-9101',
      'Utang Pajak Jasa Simpanan',
      'liability',
      'liabilities.other',
    ),
    leaf('payables.other', '2-9102', 'Utang Lain-lain', 'liability', 'liabilities.other'),

    heading('equity', '3', 'Ekuitas', 'equity'),
    heading('savings.principal', '3-1', 'Simpanan Pokok', 'equity', 'equity'),
    heading('savings.mandatory', '3-2', 'Simpanan Wajib', 'equity', 'equity'),
    leaf('equity.reserve', '3-3101', 'Cadangan', 'equity', 'equity'),
    leaf('equity.grants', '3-3201', 'Hibah', 'equity', 'equity'),
    leaf('equity.shu-undistributed', '3-3301', 'SHU Belum Dibagi', 'equity', 'equity'),
    leaf('equity.shu-current', '3-3302', 'SHU Tahun Berjalan', 'equity', 'equity'),
    leaf('equity.opening', '3-3901', 'Ekuitas Saldo Awal', 'equity', 'equity'),

    heading('income', '4', 'Pendapatan', 'income'),
    heading('income.lending', '4-1', 'Pendapatan Usaha Simpan Pinjam', 'income', 'income'),
    leaf('income.loan-interest', '4-1101', 'Pendapatan Jasa Pinjaman', 'income', 'income.lending'),
    leaf(
      'income.loan-fees',
      '4-1102',
      'Pendapatan Provisi dan Administrasi',
      'income',
      'income.lending',
    ),
    leaf('income.penalties', '4-1103', 'Pendapatan Denda', 'income', 'income.lending'),
    leaf(
      'income.partner-interest',
      '4-1104',
      'Pendapatan Jasa Pinjaman Koperasi Mitra',
      'income',
      'income.lending',
    ),
    heading('income.other', '4-2', 'Pendapatan Lain', 'income', 'income'),
    leaf('income.bank-interest', '4-2101', 'Jasa Giro dan Bunga Bank', 'income', 'income.other'),
    leaf(
      'income.recoveries',
      '4-2102',
      'Pemulihan Pinjaman Dihapusbukukan',
      'income',
      'income.other',
    ),
    leaf('fx.gain-loss', '4-2103', 'Laba (Rugi) Selisih Kurs', 'income', 'income.other'),

    heading('expenses', '5', 'Beban', 'expense'),
    heading('expenses.financial', '5-1', 'Beban Keuangan', 'expense', 'expenses'),
    leaf(
      'expense.savings-interest',
      '5-1101',
      'Beban Jasa Simpanan',
      'expense',
      'expenses.financial',
    ),
    leaf(
      'expense.borrowing-interest',
      '5-1102',
      'Beban Jasa Pinjaman Diterima',
      'expense',
      'expenses.financial',
    ),
    leaf(
      'expense.provisions',
      '5-1103',
      'Beban Penyisihan Penghapusan Pinjaman',
      'expense',
      'expenses.financial',
    ),
    heading('expenses.operating', '5-2', 'Beban Operasional', 'expense', 'expenses'),
    leaf('expense.salaries', '5-2101', 'Beban Gaji dan Honor', 'expense', 'expenses.operating'),
    leaf(
      'expense.utilities',
      '5-2102',
      'Beban Listrik, Air dan Telepon',
      'expense',
      'expenses.operating',
    ),
    leaf('expense.rent', '5-2103', 'Beban Sewa', 'expense', 'expenses.operating'),
    leaf(
      'expense.supplies',
      '5-2104',
      'Beban Alat Tulis dan Cetakan',
      'expense',
      'expenses.operating',
    ),
    leaf('expense.transport', '5-2105', 'Beban Transportasi', 'expense', 'expenses.operating'),
    leaf('expense.depreciation', '5-2106', 'Beban Penyusutan', 'expense', 'expenses.operating'),
    leaf(
      'expense.bank-charges',
      '5-2107',
      'Beban Administrasi Bank',
      'expense',
      'expenses.operating',
    ),
    leaf(
      'expense.meetings',
      '5-2108',
      'Beban Rapat Anggota (RAT)',
      'expense',
      'expenses.operating',
    ),
    heading('expenses.other', '5-9', 'Beban Lain', 'expense', 'expenses'),
    leaf('cash.over-short', '5-9101', 'Selisih Kas', 'expense', 'expenses.other'),
    leaf('rounding', '5-9102', 'Selisih Pembulatan', 'expense', 'expenses.other'),
    leaf('expense.income-tax', '5-9103', 'Beban Pajak Penghasilan', 'expense', 'expenses.other'),

    heading('memorandum', '9', 'Rekening Administratif', 'memorandum'),
    leaf(
      'memo.interest-suspended',
      '9-1101',
      'Jasa Pinjaman dalam Penyelesaian',
      'memorandum',
      'memorandum',
    ),
    leaf('memo.written-off', '9-1102', 'Pinjaman Dihapusbukukan', 'memorandum', 'memorandum'),
    leaf('memo.contra', '9-9101', 'Kontra Rekening Administratif', 'memorandum', 'memorandum', {
      normalSide: 'credit',
    }),
  ],
};

/** Accounts in an order where every parent precedes its children. */
export function templateInInsertOrder(template: ChartTemplate): TemplateAccount[] {
  const byKey = new Map(template.accounts.map((a) => [a.key, a]));
  const ordered: TemplateAccount[] = [];
  const placed = new Set<string>();
  const place = (account: TemplateAccount, trail: string[]): void => {
    if (placed.has(account.key)) return;
    if (trail.includes(account.key)) throw new Error(`Chart template cycle at ${account.key}`);
    if (account.parent) {
      const parent = byKey.get(account.parent);
      if (!parent)
        throw new Error(`Chart template: ${account.key} has unknown parent ${account.parent}`);
      place(parent, [...trail, account.key]);
    }
    placed.add(account.key);
    ordered.push(account);
  };
  template.accounts.forEach((a) => place(a, []));
  return ordered;
}
