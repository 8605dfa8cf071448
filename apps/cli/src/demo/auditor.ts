import { monthStart } from '@lumbung/core';
import { CliError } from '../errors';
import type { DemoContext, DemoStep } from './context';
import { DemoClient } from './http-client';
import { demoReader } from './users';

interface ExportJob {
  id: string;
  state: 'queued' | 'running' | 'complete' | 'failed';
  attempts: number;
  progress: { postings: number; of: number | null };
  bytes: number | null;
  chainHead: string | null;
  lastError: string | null;
  file: string | null;
}

/** A month's export of the demo's books takes well under a second; this is the give-up point. */
const exportWaitMillis = 60_000;

/**
 * What an auditor takes away from KSP-KUPANG over the api: the audit-log listing of the business
 * day (the demo's members and accounts are all today's, so the as-of listings, which read days
 * that are over, list nothing yet), and this month's ledger as an hledger journal run by the
 * worker as an export job, from the request to the stored file. Each run asks for a new export
 * (exports are records, kept like the rest).
 */
export const auditorStep: DemoStep = {
  title: 'The auditor at KSP-KUPANG: a listing and a ledger export job',
  async run(ctx: DemoContext) {
    if (!ctx.serving) return;
    const cooperative = await ctx.ledger.read((tx) =>
      ctx.ledger.cooperatives.byCode(tx, 'KSP-KUPANG'),
    );
    const at = `/cooperatives/${cooperative.id}`;
    const auditor = await DemoClient.as(ctx.serving, demoReader.username);

    const day = cooperative.businessDate;
    const events = await auditor.get<{ items: Array<{ action: string }>; next: string | null }>(
      `${at}/listings/audit-log?from=${day}&to=${day}&limit=500`,
    );
    const actions = new Set(events.items.map((event) => event.action));
    ctx.io.out(
      `  audit-log listing of ${day}: ${events.items.length}${events.next ? '+' : ''} event(s) ` +
        `of ${actions.size} kind(s); format=csv or xlsx for the whole day in one file`,
    );

    const range = { from: monthStart(day), to: day };
    const askedAt = Date.now();
    const asked = await auditor.post<ExportJob>(`${at}/ledger-exports`, {
      ...range,
      format: 'hledger',
    });
    const job = await finished(auditor, `${at}/ledger-exports/${asked.id}`);
    const seconds = ((Date.now() - askedAt) / 1000).toFixed(1);
    if (job.state !== 'complete') {
      throw new CliError(`ledger export ${job.id} ${job.state}: ${job.lastError ?? 'no outcome'}`);
    }
    ctx.io.out(
      `  ledger export ${job.id} (hledger, ${range.from} to ${range.to}) complete in ${seconds} s ` +
        `by the worker (attempt ${job.attempts}): ${job.progress.postings} posting(s), ` +
        `${job.bytes} bytes, chain head ${job.chainHead}`,
    );
    ctx.report(
      'Auditor',
      `KSP-KUPANG audit-log listing; ledger export file at GET ${ctx.serving}${job.file}`,
    );
  },
};

async function finished(auditor: DemoClient, path: string): Promise<ExportJob> {
  const deadline = Date.now() + exportWaitMillis;
  for (;;) {
    const job = await auditor.get<ExportJob>(path);
    if (job.state === 'complete' || job.state === 'failed' || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
