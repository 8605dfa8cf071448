import type { CounterpartyClass } from '@lumbung/ledger';

/** One line of a demo entry, in the cooperative's functional currency. */
export interface DemoLine {
  readonly side: 'debit' | 'credit';
  /** An account code: the chart template's, or a member account opened by the demo. */
  readonly account: string;
  /** A positive decimal string at the currency's minor units. */
  readonly amount: string;
  /** Required on income and expense accounts. */
  readonly counterparty?: CounterpartyClass;
}

export interface DemoEntry {
  readonly description: string;
  readonly lines: readonly DemoLine[];
}

export interface DemoBook {
  readonly cooperative: string;
  /** Members' voluntary savings leaves, opened under heading 2-1 with floor 0. */
  readonly memberAccounts: ReadonlyArray<{ readonly code: string; readonly name: string }>;
  /** Posted in order, each once: the n-th has the idempotency key demo:<cooperative>:<n>. */
  readonly entries: readonly DemoEntry[];
}

/** The heading members' voluntary savings (Simpanan Sukarela) go under. */
export const memberSavingsHeading = '2-1';

const dr = (account: string, amount: string, counterparty?: CounterpartyClass): DemoLine => ({
  side: 'debit',
  account,
  amount,
  counterparty,
});
const cr = (account: string, amount: string, counterparty?: CounterpartyClass): DemoLine => ({
  side: 'credit',
  account,
  amount,
  counterparty,
});

const vault = '1-1101';
const bank = '1-1201';
const openingEquity = '3-3901';
const electricity = '5-2102';

/**
 * A first day of books for each cooperative of the federation: opening equity into the vault,
 * members' deposits and a withdrawal, and the running costs a cooperative really pays.
 */
export const demoBooks: readonly DemoBook[] = [
  {
    cooperative: 'KSP-KUPANG',
    memberAccounts: [
      { code: '2-1-0001', name: 'Tabungan Sukarela a.n. Yohanes Seran' },
      { code: '2-1-0002', name: 'Tabungan Sukarela a.n. Maria Goreti Nahak' },
      { code: '2-1-0003', name: 'Tabungan Sukarela a.n. Daniel Ndolu' },
    ],
    entries: [
      {
        description: 'Saldo awal kas brankas dari ekuitas saldo awal',
        lines: [dr(vault, '250000000.00'), cr(openingEquity, '250000000.00')],
      },
      {
        description: 'Setoran tabungan sukarela Yohanes Seran',
        lines: [dr(vault, '1500000.00'), cr('2-1-0001', '1500000.00')],
      },
      {
        description: 'Setoran tabungan sukarela Maria Goreti Nahak',
        lines: [dr(vault, '2750000.00'), cr('2-1-0002', '2750000.00')],
      },
      {
        description: 'Setoran tabungan sukarela Daniel Ndolu',
        lines: [dr(vault, '500000.00'), cr('2-1-0003', '500000.00')],
      },
      {
        description: 'Penarikan tabungan sukarela Maria Goreti Nahak',
        lines: [dr('2-1-0002', '750000.00'), cr(vault, '750000.00')],
      },
      {
        description: 'Setoran kas brankas ke rekening Bank NTT',
        lines: [dr(bank, '100000000.00'), cr(vault, '100000000.00')],
      },
      {
        description: 'Pembayaran listrik PLN kantor Oebobo',
        lines: [dr(electricity, '850000.00', 'non_member'), cr(vault, '850000.00')],
      },
    ],
  },
  {
    cooperative: 'KSP-MAKASSAR',
    memberAccounts: [
      { code: '2-1-0001', name: 'Tabungan Sukarela a.n. Andi Baso Rahman' },
      { code: '2-1-0002', name: 'Tabungan Sukarela a.n. Nurhayati Daeng Ngai' },
      { code: '2-1-0003', name: 'Tabungan Sukarela a.n. Muhammad Ilham Syarif' },
    ],
    entries: [
      {
        description: 'Saldo awal kas brankas dari ekuitas saldo awal',
        lines: [dr(vault, '180000000.00'), cr(openingEquity, '180000000.00')],
      },
      {
        description: 'Setoran tabungan sukarela Andi Baso Rahman',
        lines: [dr(vault, '2000000.00'), cr('2-1-0001', '2000000.00')],
      },
      {
        description: 'Setoran tabungan sukarela Nurhayati Daeng Ngai',
        lines: [dr(vault, '1250000.00'), cr('2-1-0002', '1250000.00')],
      },
      {
        description: 'Setoran tabungan sukarela Muhammad Ilham Syarif',
        lines: [dr(vault, '3500000.00'), cr('2-1-0003', '3500000.00')],
      },
      {
        description: 'Pembelian alat tulis dan cetak buku tabungan',
        lines: [dr('5-2104', '425000.00', 'non_member'), cr(vault, '425000.00')],
      },
      {
        description: 'Pembayaran token listrik PLN kantor Panakkukang',
        lines: [dr(electricity, '610000.00', 'non_member'), cr(vault, '610000.00')],
      },
      {
        description: 'Setoran kas brankas ke rekening Bank Sulselbar',
        lines: [dr(bank, '60000000.00'), cr(vault, '60000000.00')],
      },
    ],
  },
  {
    cooperative: 'KOP-DILI',
    memberAccounts: [
      { code: '2-1-0001', name: 'Voluntary savings: Jacinta da Costa' },
      { code: '2-1-0002', name: 'Voluntary savings: Marçal Soares' },
      { code: '2-1-0003', name: 'Voluntary savings: Joaquim Belo' },
    ],
    entries: [
      {
        description: 'Opening balance: vault cash from opening equity',
        lines: [dr(vault, '25000.00'), cr(openingEquity, '25000.00')],
      },
      {
        description: 'Savings deposit, Jacinta da Costa',
        lines: [dr(vault, '150.00'), cr('2-1-0001', '150.00')],
      },
      {
        description: 'Savings deposit, Marçal Soares',
        lines: [dr(vault, '320.50'), cr('2-1-0002', '320.50')],
      },
      {
        description: 'Savings deposit, Joaquim Belo',
        lines: [dr(vault, '75.00'), cr('2-1-0003', '75.00')],
      },
      {
        description: 'Savings withdrawal, Joaquim Belo',
        lines: [dr('2-1-0003', '40.00'), cr(vault, '40.00')],
      },
      {
        description: 'EDTL electricity prepayment, Comoro office',
        lines: [dr(electricity, '48.75', 'non_member'), cr(vault, '48.75')],
      },
    ],
  },
  {
    cooperative: 'RPB-SABAH',
    memberAccounts: [
      { code: '2-1-0001', name: 'Simpanan Ahli: Rosnah binti Ampong' },
      { code: '2-1-0002', name: 'Simpanan Ahli: Fransiskus Gimbang' },
    ],
    entries: [
      {
        description: 'Baki pembukaan: tunai dari ekuiti pembukaan',
        lines: [dr(vault, '85000.00'), cr(openingEquity, '85000.00')],
      },
      {
        description: 'Geran SME Corp Malaysia untuk peralatan rumah produksi',
        lines: [dr(bank, '50000.00'), cr('3-3201', '50000.00')],
      },
      {
        description: 'Pembelian komputer dan pencetak untuk pejabat rumah produksi',
        lines: [dr('1-2101', '6850.00'), cr(bank, '6850.00')],
      },
      {
        description: 'Simpanan ahli, Rosnah binti Ampong',
        lines: [dr(vault, '500.00'), cr('2-1-0001', '500.00')],
      },
      {
        description: 'Simpanan ahli, Fransiskus Gimbang',
        lines: [dr(vault, '350.00'), cr('2-1-0002', '350.00')],
      },
      {
        description: 'Sewa bengkel rumah produksi, Inanam',
        lines: [dr('5-2103', '1800.00', 'non_member'), cr(bank, '1800.00')],
      },
      {
        description: 'Bil elektrik Sabah Electricity Sdn Bhd',
        lines: [dr(electricity, '412.60', 'non_member'), cr(vault, '412.60')],
      },
    ],
  },
];

export function demoIdempotencyKey(cooperative: string, index: number): string {
  return `demo:${cooperative}:${index + 1}`;
}
