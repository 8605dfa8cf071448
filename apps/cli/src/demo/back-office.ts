import type { DemoContext, DemoStep } from './context';
import { DemoClient } from './http-client';

interface BankAccount {
  id: string;
  ledgerAccountCode: string;
}

interface Journal {
  id: string;
  status: string;
  voucher: string | null;
  postedOn: string | null;
}

interface Reconciliation {
  lines: Array<{ match: object | null }>;
  unmatchedLines: Array<{ description: string; amount: string }>;
  unmatchedPostings: unknown[];
  bookBalance: string;
  statementBalance: string | null;
}

const bankCharges = {
  description: 'Biaya administrasi rekening Bank NTT',
  attachmentReference: 'Rekening koran Bank NTT',
  lines: [
    { accountCode: '5-2107', debit: '6500.00', currency: 'IDR', counterpartyClass: 'non_member' },
    { accountCode: '1-1201', credit: '6500.00', currency: 'IDR' },
  ],
};

/**
 * The back office at KSP-KUPANG over the api: the chart's bank leaf registered as its Bank NTT
 * account, the bank's administration charge drafted by the teller as a manual journal and
 * posted when kupang.manager approves it (voucher BKK), then the bank's statement imported: the
 * charge matches the journal, the interest the bank paid is listed for booking. The journal and
 * the statement's lines are keyed, so a second run changes nothing.
 */
export const backOfficeStep: DemoStep = {
  title: 'The back office at KSP-KUPANG: a manual journal and the bank statement',
  async run(ctx: DemoContext) {
    if (!ctx.serving) return;
    const cooperative = await ctx.ledger.read((tx) =>
      ctx.ledger.cooperatives.byCode(tx, 'KSP-KUPANG'),
    );
    const at = `/cooperatives/${cooperative.id}`;
    const [manager, teller] = await Promise.all(
      ['kupang.manager', 'kupang.teller'].map((user) => DemoClient.as(ctx.serving!, user)),
    );
    const banks = await teller.get<BankAccount[]>(`${at}/bank-accounts`);
    const bank =
      banks.find((b) => b.ledgerAccountCode === '1-1201') ??
      (await manager.post<BankAccount>(`${at}/bank-accounts`, {
        bankName: 'Bank NTT',
        accountNumber: '001.01.000777-1',
        accountName: 'KSP Kupang',
        ledgerAccountCode: '1-1201',
      }));
    ctx.io.out('  bank account Bank NTT 001.01.000777-1 is ledger leaf 1-1201');

    // A second run replays the draft as it was answered then: the journal's state is read anew.
    const drafted = await teller.post<Journal>(`${at}/journals`, bankCharges, 'demo-bank-charges');
    let journal = await teller.get<Journal>(`${at}/journals/${drafted.id}`);
    if (journal.status === 'pending') {
      await manager.post(`${at}/approvals/${journal.id}/approve`, {});
      journal = await teller.get<Journal>(`${at}/journals/${journal.id}`);
    }
    ctx.io.out(
      `  bank charge Rp6.500 drafted by kupang.teller, approved by kupang.manager: voucher ${journal.voucher} on ${journal.postedOn}`,
    );

    const day = journal.postedOn!;
    const statement = [
      'date,description,amount,reference',
      `${day},BIAYA ADM REKENING,-6500.00,`,
      `${day},JASA GIRO,12500.00,`,
    ].join('\n');
    const imported = await teller.post<{ linesAdded: number; matched: number }>(
      `${at}/bank-accounts/${bank.id}/statements`,
      { csv: statement },
    );
    const report = await teller.get<Reconciliation>(
      `${at}/bank-accounts/${bank.id}/reconciliation?from=${day.slice(0, 8)}01&to=${day}`,
    );
    const toBook = report.unmatchedLines.map((l) => `${l.description} ${l.amount}`).join(', ');
    ctx.io.out(
      `  statement imported (${imported.linesAdded} new line(s)): ` +
        `${report.lines.filter((l) => l.match).length} matched, to book: ${toBook || 'nothing'}; ` +
        `${report.unmatchedPostings.length} posting(s) not yet on a statement`,
    );
    ctx.report(
      'Back office',
      `KSP-KUPANG: manual journal ${journal.voucher} approved by a second person, bank statement matched`,
    );
  },
};
