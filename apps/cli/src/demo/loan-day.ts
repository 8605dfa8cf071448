import type { DemoContext, DemoStep } from './context';
import { DemoClient } from './http-client';

/** Rp3,000,000 at 1% a month flat over 6 months: Rp530,000 a month. */
const modalUsaha = {
  code: 'MODAL-USAHA',
  name: 'Pinjaman Modal Usaha',
  currency: 'IDR',
  terms: {
    method: 'flat',
    ratePer: 'month',
    rate: '0.01',
    maxRate: '0.015',
    frequency: { unit: 'month', every: 1 },
    minTerm: 3,
    maxTerm: 24,
    minAmount: '500000',
    maxAmount: '50000000',
    fees: [{ kind: 'administrasi', basis: 'fixed', value: '25000', treatment: 'deducted' }],
    penalty: { basis: 'rate', value: '0.001', per: 'day', graceDays: 3 },
    roundingUnit: '100',
  },
};

interface Loan {
  id: string;
  loanNumber: string;
  status: string;
  approvalRequestId: string;
  schedule: { instalments: Array<{ dueDate: string; total: string }> };
}

/**
 * A loan at KSP-KUPANG over the api: the product approved by two managers, Maria Ndun's
 * application with her motorbike's BPKB as collateral, both managers' approval, the money paid
 * into her voluntary savings, and the payoff she would owe today. A member with a running loan
 * is left as she is, so a second run changes nothing.
 */
export const loanDayStep: DemoStep = {
  title: 'A loan at KSP-KUPANG',
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
    const products = () => teller.get<Array<{ id: string; code: string }>>(`${at}/loan-products`);
    if (!(await products()).some((p) => p.code === modalUsaha.code)) {
      const asked = await manager.post<{ id: string }>(`${at}/loan-products`, modalUsaha);
      await secondManager.post(`${at}/approvals/${asked.id}/approve`, {});
      ctx.io.out(
        `  loan product ${modalUsaha.code}: asked by kupang.manager, approved by kupang.manager2`,
      );
    }
    const productId = (await products()).find((p) => p.code === modalUsaha.code)!.id;
    const member = (
      await teller.get<{ items: Array<{ id: string; fullName: string }> }>(
        `${at}/members?q=5371015508900001`,
      )
    ).items[0];
    const running = await teller.get<{ items: Loan[] }>(
      `${at}/loans?memberId=${member.id}&status=active`,
    );
    if (running.items.length > 0) {
      ctx.io.out(`  ${member.fullName} already repays loan ${running.items[0].loanNumber}`);
      return;
    }
    const sukarela = (
      await teller.get<Array<{ id: string; kind: string }>>(
        `${at}/members/${member.id}/savings-accounts`,
      )
    ).find((a) => a.kind === 'sukarela')!;
    const applied = await teller.post<Loan>(`${at}/loans`, {
      memberId: member.id,
      productId,
      amount: '3000000.00',
      instalments: 6,
      purpose: 'Modal warung sembako',
      sector: 'trade',
      collateral: [
        {
          kind: 'vehicle',
          description: 'Sepeda motor Honda Beat 2020',
          documentType: 'bpkb',
          documentNumber: 'BPKB-DH-2020-0417',
          valuation: '9000000',
          inCustody: true,
        },
      ],
      guarantors: [{ fullName: 'Yohanes Ndun', relationship: 'suami' }],
    });
    ctx.io.out(
      `  ${member.fullName} applies for Rp3.000.000 over 6 months: loan ${applied.loanNumber}, ` +
        `Rp${applied.schedule.instalments[0].total} a month`,
    );
    for (const approver of [manager, secondManager]) {
      await approver.post(`${at}/approvals/${applied.approvalRequestId}/approve`, {});
      ctx.io.out(`  approved by ${approver.username}`);
    }
    const disbursed = await teller.post<Loan>(
      `${at}/loans/${applied.id}/disbursement`,
      { channel: 'savings', savingsAccountId: sukarela.id },
      `demo-loan-${applied.id}`,
    );
    const first = disbursed.schedule.instalments[0];
    const quote = await teller.get<{ total: string }>(`${at}/loans/${applied.id}/payoff-quote`);
    ctx.io.out(
      `  paid into her tabungan less Rp25.000 administration; first instalment Rp${first.total} on ${first.dueDate}; payoff today Rp${quote.total}`,
    );
    ctx.report(
      'Loan',
      `KSP-KUPANG: loan ${applied.loanNumber} to ${member.fullName}, approved by two managers, disbursed to savings`,
    );
  },
};
