import { Decimal, uuidv7 } from '@lumbung/core';
import type { DemoContext, DemoStep } from './context';
import { DemoClient } from './http-client';

interface DemoMember {
  readonly fullName: string;
  readonly nik: string;
  readonly deposit: string;
  readonly withdrawal?: string;
}

/** Three members of KSP Kupang (valid Kota Kupang NIKs) and what they bring today. */
const kupangMembers: readonly DemoMember[] = [
  {
    fullName: 'Maria Ndun',
    nik: '5371015508900001',
    deposit: '750000.00',
    withdrawal: '200000.00',
  },
  { fullName: 'Yohanes Kolo', nik: '5371011203850002', deposit: '1250000.00' },
  { fullName: 'Agustina Bria', nik: '5371016107920003', deposit: '500000.00' },
];

const products = [
  { code: 'POKOK', kind: 'pokok', name: 'Simpanan Pokok', terms: { amount: '100000' } },
  { code: 'WAJIB', kind: 'wajib', name: 'Simpanan Wajib', terms: { amount: '50000' } },
  {
    code: 'SUKARELA',
    kind: 'sukarela',
    name: 'Tabungan Sukarela',
    terms: {
      annualRate: '0.04',
      rateRange: { min: '0.02', max: '0.06' },
      minimumBalance: '10000',
      dayCount: 'actual/365',
      dormantAfterDays: 365,
      withholding: null,
    },
  },
] as const;

const rupiahPieces = [
  '100000',
  '50000',
  '20000',
  '10000',
  '5000',
  '2000',
  '1000',
  '500',
  '200',
  '100',
];

/** The fewest notes and coins making up a rupiah amount (a multiple of Rp100). */
export function countFor(amount: string): Array<{ denomination: string; pieces: number }> {
  let left = new Decimal(amount);
  const count = [];
  for (const denomination of rupiahPieces) {
    const pieces = left.divToInt(denomination);
    if (pieces.gt(0)) count.push({ denomination, pieces: pieces.toNumber() });
    left = left.minus(pieces.times(denomination));
  }
  return count;
}

interface Account {
  id: string;
  kind: string;
  balance: string;
  wajib?: { monthsInArrears: number };
}
interface Receipt {
  receiptNumber: string;
  amount: string;
  balanceAfter: string;
}

/**
 * A teller's day at KSP-KUPANG over the api: products approved by two managers, the till opened
 * with a float, members registered and their simpanan pokok, wajib and sukarela taken, a
 * withdrawal paid, and the till closed with a count that matches the books. Keys are per member
 * and business date, so a second run on the same day replays its receipts.
 */
export const tellerDayStep: DemoStep = {
  title: "A teller's day at KSP-KUPANG",
  async run(ctx: DemoContext) {
    if (!ctx.serving) return;
    const cooperative = await ctx.ledger.read((tx) =>
      ctx.ledger.cooperatives.byCode(tx, 'KSP-KUPANG'),
    );
    const at = `/cooperatives/${cooperative.id}`;
    const [manager, secondManager, teller] = await Promise.all(
      ['kupang.manager', 'kupang.manager2', 'kupang.teller'].map((user) =>
        DemoClient.as(ctx.serving!, user),
      ),
    );
    const existing = await teller.get<Array<{ code: string }>>(`${at}/savings-products`);
    for (const product of products.filter((p) => !existing.some((e) => e.code === p.code))) {
      const request = await manager.post<{ id: string }>(`${at}/savings-products`, {
        ...product,
        currency: 'IDR',
      });
      await secondManager.post(`${at}/approvals/${request.id}/approve`, {});
      ctx.io.out(`  product ${product.code}: asked by kupang.manager, approved by kupang.manager2`);
    }
    const productId = async (code: string) =>
      (await teller.get<Array<{ code: string; id: string }>>(`${at}/savings-products`)).find(
        (p) => p.code === code,
      )!.id;
    const day = (await teller.get<{ businessDate: string }>(at)).businessDate;
    const mine = await teller.get<{ items: Array<{ status: string; tillAccountId: string }> }>(
      `${at}/tills/mine`,
    );
    const session =
      mine.items.find((s) => s.status === 'open') ??
      (await teller.post<{ tillAccountId: string }>(
        `${at}/tills/mine/open`,
        { currency: 'IDR', float: '5000000.00' },
        uuidv7(),
      ));
    ctx.io.out('  till opened with a float of Rp5.000.000 from the vault');
    let receipts = 0;
    const receipt = (line: string, r: Receipt) => {
      receipts += 1;
      ctx.io.out(
        `  receipt ${r.receiptNumber.padStart(4)}  ${line} ${r.amount} (balance ${r.balanceAfter})`,
      );
    };
    for (const person of kupangMembers) {
      const found = await teller.get<{ items: Array<{ id: string; status: string }> }>(
        `${at}/members?q=${person.nik}`,
      );
      const member =
        found.items[0] ??
        (await teller.post<{ id: string; status: string }>(`${at}/members`, {
          fullName: person.fullName,
          identity: { type: 'nik', number: person.nik },
        }));
      const key = (what: string) => `demo-${what}-${person.nik}-${day}`;
      const accounts = async () =>
        teller.get<Account[]>(`${at}/members/${member.id}/savings-accounts`);
      for (const [kind, code] of [
        ['pokok', 'POKOK'],
        ['wajib', 'WAJIB'],
      ] as const) {
        if (!(await accounts()).some((a) => a.kind === kind)) {
          await teller.post(`${at}/savings-accounts`, {
            memberId: member.id,
            productId: await productId(code),
          });
        }
      }
      const pokok = (await accounts()).find((a) => a.kind === 'pokok')!;
      if (member.status === 'applicant') {
        receipt(
          `${person.fullName}: simpanan pokok`,
          await teller.post<Receipt>(
            `${at}/savings-accounts/${pokok.id}/deposits`,
            { amount: '100000.00', currency: 'IDR' },
            key('pokok'),
          ),
        );
      }
      if (!(await accounts()).some((a) => a.kind === 'sukarela')) {
        await teller.post(`${at}/savings-accounts`, {
          memberId: member.id,
          productId: await productId('SUKARELA'),
        });
      }
      const all = await accounts();
      const wajib = all.find((a) => a.kind === 'wajib')!;
      const sukarela = all.find((a) => a.kind === 'sukarela')!;
      const months = wajib.wajib?.monthsInArrears ?? 0;
      if (months > 0) {
        receipt(
          `${person.fullName}: simpanan wajib x${months}`,
          await teller.post<Receipt>(
            `${at}/savings-accounts/${wajib.id}/wajib-collections`,
            { months },
            key('wajib'),
          ),
        );
      }
      receipt(
        `${person.fullName}: setoran sukarela`,
        await teller.post<Receipt>(
          `${at}/savings-accounts/${sukarela.id}/deposits`,
          { amount: person.deposit, currency: 'IDR' },
          key('deposit'),
        ),
      );
      if (person.withdrawal) {
        receipt(
          `${person.fullName}: penarikan`,
          await teller.post<Receipt>(
            `${at}/savings-accounts/${sukarela.id}/withdrawals`,
            { amount: person.withdrawal, currency: 'IDR' },
            key('withdrawal'),
          ),
        );
      }
    }
    const till = await teller.get<{ balances: Array<{ balance: string }> }>(
      `${at}/accounts/${session.tillAccountId}`,
    );
    const cash = till.balances[0].balance;
    const closed = await teller.post<{ status: string }>(
      `${at}/tills/mine/close`,
      { currency: 'IDR', count: countFor(cash) },
      uuidv7(),
    );
    ctx.io.out(
      `  till counted Rp${cash} in notes and coins: ${closed.status}, cash back in the vault`,
    );
    ctx.report(
      'Teller day',
      `KSP-KUPANG: ${kupangMembers.length} members served, ${receipts} receipt(s), till ${closed.status} with a matching count`,
    );
  },
};
