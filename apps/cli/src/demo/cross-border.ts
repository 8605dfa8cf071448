import {
  addDays,
  type BusinessDate,
  compareDates,
  daysBetween,
  Decimal,
  formatAmount,
  localDate,
  monthEnd,
  monthStart,
} from '@lumbung/core';
import { EndOfDayModule, EndOfDayService } from '@lumbung/end-of-day';
import { BusinessDayService } from '@lumbung/ledger';
import { CliError, describeError } from '../errors';
import { LedgerApp } from '../ledger-app';
import type { DemoContext, DemoStep } from './context';
import { DemoClient } from './http-client';

/**
 * The cross-border financing of DOMAIN.md (Across borders), walked over the api: KSP-KUPANG lends
 * USD to the partner cooperative in Dili, KSP-MAKASSAR finances the shared production house in
 * Sabah in MYR. Each goes from the manager's request through the four eyes (and a supervisor
 * where the amount is above the threshold) to a drawdown; the days then pass to today through
 * the end of day, whose month end revalues the foreign receivable and reverses it on the 1st;
 * today a repayment books the realised difference, and the reports read it all back.
 */
export interface CrossBorderStory {
  readonly lender: string;
  readonly requester: string;
  /** Two managers other than the requester. */
  readonly approvers: readonly [string, string];
  /** Co-approves where the facility needs it (related partner, or above the threshold). */
  readonly supervisor: string | null;
  /** Reads the reports. */
  readonly reader: string;
  readonly partner: {
    readonly country: string;
    readonly legalName: string;
    readonly registryNumber: string;
    readonly functionalCurrency: string;
    readonly officers: ReadonlyArray<{ fullName: string; position: string }>;
  };
  readonly agreement: {
    readonly reference: string;
    readonly title: string;
    readonly signedOn: string;
    readonly effectiveFrom: string;
    readonly effectiveTo: string;
    readonly programs: ReadonlyArray<{ kind: string; commodities?: readonly string[] }>;
  };
  /** Rupiah: the partner's and the country's exposure limits, the supervisor threshold. */
  readonly limits: {
    readonly partner: string;
    readonly country: string;
    readonly threshold: string;
  };
  readonly facility: {
    readonly program: string;
    readonly currency: 'USD' | 'MYR';
    readonly limit: string;
    readonly instalments: number;
    readonly terms: object;
    readonly purpose: string;
    readonly sector: string;
    readonly commodity: string;
  };
  readonly drawdown: string;
  readonly repayment: string;
}

export const crossBorderStories: readonly CrossBorderStory[] = [
  {
    lender: 'KSP-KUPANG',
    requester: 'kupang.manager',
    approvers: ['kupang.manager2', 'kupang.manager3'],
    supervisor: 'kupang.supervisor',
    reader: 'kupang.auditor',
    partner: {
      country: 'TL',
      legalName: 'Kooperativa Aforru no Kreditu Hamutuk Dili',
      registryNumber: 'TL-KOOP-2019-0042',
      functionalCurrency: 'USD',
      officers: [
        { fullName: 'Jacinta da Costa', position: 'Presidente' },
        { fullName: 'Marçal Soares', position: 'Tezoureiru' },
      ],
    },
    agreement: {
      reference: 'PKS/KSP-KPG/KOP-DIL/2024/01',
      title: 'Pembiayaan petani kopi Ermera melalui koperasi mitra (MoU RI-RDTL 20 Februari 2024)',
      signedOn: '2024-06-03',
      effectiveFrom: '2024-06-03',
      effectiveTo: '2029-06-02',
      programs: [
        { kind: 'financing', commodities: ['coffee', 'vanilla'] },
        { kind: 'training' },
        { kind: 'exchange-visit' },
      ],
    },
    limits: { partner: '200000000.00', country: '240000000.00', threshold: '100000000.00' },
    facility: {
      program: 'financing',
      currency: 'USD',
      limit: '8000.00',
      instalments: 12,
      terms: { method: 'annuity', ratePer: 'year', rate: '0.09' },
      purpose: 'Modal kerja panen kopi anggota Kooperativa Hamutuk di Ermera',
      sector: 'agriculture',
      commodity: 'coffee',
    },
    drawdown: '5000.00',
    repayment: '1000.00',
  },
  {
    lender: 'KSP-MAKASSAR',
    requester: 'makassar.manager',
    approvers: ['makassar.manager2', 'makassar.manager3'],
    supervisor: null,
    reader: 'makassar.manager2',
    partner: {
      country: 'MY',
      legalName: 'Koperasi Rumah Produksi Bersama Rotan dan Buluh Sabah Berhad',
      registryNumber: 'MY-SKM-2021-0117',
      functionalCurrency: 'MYR',
      officers: [
        { fullName: 'Rosnah binti Ampong', position: 'Pengerusi' },
        { fullName: 'Fransiskus Gimbang', position: 'Bendahari' },
      ],
    },
    agreement: {
      reference: 'PKS/KSP-MKS/RPB-SBH/2025/01',
      title: 'Rumah Produksi Bersama rotan dan bambu (Putrajaya, 24 September 2024)',
      signedOn: '2025-01-15',
      effectiveFrom: '2025-02-01',
      effectiveTo: '2028-01-31',
      programs: [
        { kind: 'shared-production-house', commodities: ['rattan', 'bamboo'] },
        { kind: 'product-standardisation', commodities: ['rattan'] },
      ],
    },
    limits: { partner: '120000000.00', country: '150000000.00', threshold: '100000000.00' },
    facility: {
      program: 'shared-production-house',
      currency: 'MYR',
      limit: '20000.00',
      instalments: 12,
      terms: { method: 'annuity', ratePer: 'year', rate: '0.07' },
      purpose: 'Mesin anyam dan bahan baku rotan rumah produksi bersama di Inanam',
      sector: 'processing',
      commodity: 'rattan',
    },
    drawdown: '12000.00',
    repayment: '2500.00',
  },
];

/** Where the lenders' books start on a fresh database: two days before last month's end. */
export function crossBorderStart(today: BusinessDate): BusinessDate {
  return addDays(monthStart(today), -3);
}

/** The lenders of the stories: the seed opens their books on `crossBorderStart`. */
export const crossBorderLenders: readonly string[] = crossBorderStories.map((s) => s.lender);

const rateSource = 'Demo rate (illustrative, not a market rate)';

/**
 * An illustrative rate for a day, the same on every run: USD/IDR between 16,100 and 16,400,
 * MYR/IDR between 3,510.0 and 3,590.0. Never a market rate.
 */
export function demoRate(currency: 'USD' | 'MYR', date: BusinessDate): string {
  const day = daysBetween('2024-01-01' as BusinessDate, date);
  if (currency === 'USD') return new Decimal(16250).plus(((day * 37) % 301) - 150).toString();
  return new Decimal(35500)
    .plus(((day * 13) % 801) - 400)
    .div(10)
    .toString();
}

/** The month ends from `from` to `to`, both included. */
export function monthEndsBetween(from: BusinessDate, to: BusinessDate): BusinessDate[] {
  const ends: BusinessDate[] = [];
  for (let end = monthEnd(from); compareDates(end, to) <= 0; end = monthEnd(addDays(end, 1))) {
    ends.push(end);
  }
  return ends;
}

const money = (amount: string, currency: string) =>
  currency === 'IDR'
    ? `Rp${formatAmount(amount, 'en')}`
    : `${currency} ${formatAmount(amount, 'en')}`;

interface Cooperative {
  readonly id: string;
  readonly businessDate: BusinessDate;
}

interface Facility {
  id: string;
  status: string;
  currency: string;
  limit: string;
  functionalEquivalent: string;
  approvalRequestId: string;
  drawn?: string;
  principalOutstanding?: string;
  purpose: string;
}

interface ApprovalRequest {
  id: string;
  status: string;
  summary: string;
  payload: { supervisor?: { needed: boolean; reasons: string[] } };
}

/** The clients of one story, and the cooperative's path. */
class StoryClients {
  private constructor(
    readonly story: CrossBorderStory,
    readonly at: string,
    readonly requester: DemoClient,
    readonly approvers: readonly DemoClient[],
    readonly supervisor: DemoClient | null,
    readonly reader: DemoClient,
  ) {}

  static async open(ctx: DemoContext, story: CrossBorderStory): Promise<StoryClients> {
    const cooperative = await lenderOf(ctx, story);
    const as = (user: string) => DemoClient.as(ctx.serving!, user);
    return new StoryClients(
      story,
      `/cooperatives/${cooperative.id}`,
      await as(story.requester),
      [await as(story.approvers[0]), await as(story.approvers[1])],
      story.supervisor ? await as(story.supervisor) : null,
      await as(story.reader),
    );
  }

  /** Asked by the requester, in force once the first other manager approves. */
  async fourEyes(suffix: string, body: object): Promise<void> {
    const asked = await this.requester.post<{ id: string }>(`${this.at}/${suffix}`, body);
    await this.approvers[0].post(`${this.at}/approvals/${asked.id}/approve`, {});
  }

  /** The rates of `dates` not entered yet, through four eyes; returns those entered. */
  async enterRates(dates: readonly BusinessDate[]): Promise<string[]> {
    const currency = this.story.facility.currency;
    const missing: BusinessDate[] = [];
    for (const date of dates) {
      const found = await this.requester.get<{ items: unknown[] }>(
        `${this.at}/fx-rates?date=${date}&currency=${currency}`,
      );
      if (found.items.length === 0) missing.push(date);
    }
    if (missing.length === 0) return [];
    await this.fourEyes('fx-rates', {
      rates: missing.map((date) => ({
        date,
        base: currency,
        quote: 'IDR',
        rate: demoRate(currency, date),
        source: rateSource,
      })),
    });
    return missing.map(
      (d) => `${currency}/IDR ${formatAmount(demoRate(currency, d), 'en')} on ${d}`,
    );
  }

  async facility(): Promise<Facility | undefined> {
    const listed = await this.requester.get<{ items: Facility[] }>(
      `${this.at}/facilities?limit=200`,
    );
    return listed.items.find(
      (f) =>
        f.purpose === this.story.facility.purpose &&
        f.status !== 'rejected' &&
        f.status !== 'cancelled',
    );
  }
}

async function lenderOf(ctx: DemoContext, story: CrossBorderStory): Promise<Cooperative> {
  return ctx.ledger.read((tx) => ctx.ledger.cooperatives.byCode(tx, story.lender));
}

/**
 * Day one at each lender (its business date: on a fresh database two days before last month's
 * end): the partner onboarded, the agreement recorded, the day's rate, the limits and the
 * threshold through four eyes, the facility requested and approved, and a first drawdown. A
 * facility already there is left as it is (an approval still missing is given).
 */
export const crossBorderOpeningStep: DemoStep = {
  title: 'Cross-border facilities: partner, agreement, limits, request, four eyes, drawdown',
  async run(ctx: DemoContext) {
    if (!ctx.serving) return;
    for (const story of crossBorderStories) {
      const c = await StoryClients.open(ctx, story);
      const { businessDate } = await lenderOf(ctx, story);
      const say = (line: string) => ctx.io.out(`  ${story.lender} ${line}`);
      say(`business date ${businessDate}`);
      let facility = await c.facility();
      if (!facility) {
        const partnerId = await ensurePartner(c, say);
        const agreementId = await ensureAgreement(c, partnerId, say);
        const rates = await c.enterRates([businessDate]);
        for (const rate of rates)
          say(
            `rate ${rate} (${rateSource}): ${story.requester} asked, ${story.approvers[0]} approved`,
          );
        await ensureLimits(c, partnerId, say);
        facility = await c.requester.post<Facility>(`${c.at}/facilities`, {
          partnerId,
          agreementId,
          ...story.facility,
        });
        say(
          `${story.requester} requests a facility of ${money(facility.limit, facility.currency)} ` +
            `(${money(facility.functionalEquivalent, 'IDR')} at today's rate)`,
        );
      }
      if (facility.status === 'requested') await approve(c, facility, say);
      facility = (await c.facility())!;
      const drawn = await c.requester.post<{
        drawdown: { amount: string; functionalAmount: string; fxRate: string; drawnOn: string };
        facility: { available: string; receivableAccountId: string };
      }>(
        `${c.at}/facilities/${facility.id}/drawdowns`,
        { amount: story.drawdown, currency: story.facility.currency },
        `demo-cross-border-drawdown-${facility.id}`,
      );
      const receivable = await c.requester.get<{ account: { code: string } }>(
        `${c.at}/accounts/${drawn.facility.receivableAccountId}`,
      );
      say(
        `drawdown of ${money(drawn.drawdown.amount, story.facility.currency)} on ${drawn.drawdown.drawnOn}: ` +
          `${money(drawn.drawdown.functionalAmount, 'IDR')} out of the bank (1-1201) at ${drawn.drawdown.fxRate}, ` +
          `onto ${receivable.account.code} through the ${story.facility.currency} position (1-1901-${story.facility.currency}); ` +
          `${money(drawn.facility.available, story.facility.currency)} left to draw`,
      );
      ctx.report(
        'Cross-border',
        `${story.lender}: ${money(facility.limit, facility.currency)} facility to ${story.partner.legalName}, drawn ${money(story.drawdown, facility.currency)}`,
      );
    }
  },
};

async function ensurePartner(c: StoryClients, say: (line: string) => void): Promise<string> {
  const { partner } = c.story;
  const listed = await c.requester.get<{ items: Array<{ id: string; registryNumber: string }> }>(
    `${c.at}/partners?limit=200`,
  );
  const found = listed.items.find((p) => p.registryNumber === partner.registryNumber);
  if (found) return found.id;
  const created = await c.requester.post<{ id: string }>(`${c.at}/partners`, {
    ...partner,
    relatedParty: false,
  });
  say(
    `onboards partner ${partner.legalName} (${partner.country}, ${partner.functionalCurrency} books, ` +
      `registry ${partner.registryNumber}) as ${c.story.requester}`,
  );
  return created.id;
}

async function ensureAgreement(
  c: StoryClients,
  partnerId: string,
  say: (line: string) => void,
): Promise<string> {
  const { agreement } = c.story;
  const listed = await c.requester.get<{ items: Array<{ id: string; reference: string }> }>(
    `${c.at}/agreements?partnerId=${partnerId}&limit=200`,
  );
  const found = listed.items.find((a) => a.reference === agreement.reference);
  if (found) return found.id;
  const created = await c.requester.post<{ id: string }>(`${c.at}/agreements`, {
    partnerId,
    ...agreement,
  });
  const programs = agreement.programs
    .map((p) => (p.commodities ? `${p.kind} (${p.commodities.join(', ')})` : p.kind))
    .join(', ');
  say(
    `records agreement ${agreement.reference}, ${agreement.effectiveFrom} to ${agreement.effectiveTo}: ${programs}`,
  );
  return created.id;
}

async function ensureLimits(
  c: StoryClients,
  partnerId: string,
  say: (line: string) => void,
): Promise<void> {
  const { limits, partner } = c.story;
  const view = await c.requester.get<{
    limits: Array<{ scope: string; partnerId: string | null; country: string | null }>;
    supervisorThreshold: string | null;
  }>(`${c.at}/exposure-limits`);
  const has = (scope: string, key: string) =>
    view.limits.some((l) => l.scope === scope && (l.partnerId === key || l.country === key));
  if (!has('partner', partnerId)) {
    await c.fourEyes('exposure-limits', { scope: 'partner', partnerId, amount: limits.partner });
  }
  if (!has('country', partner.country)) {
    await c.fourEyes('exposure-limits', {
      scope: 'country',
      country: partner.country,
      amount: limits.country,
    });
  }
  if (view.supervisorThreshold === null) {
    await c.fourEyes('cross-border-settings', { supervisorThreshold: limits.threshold });
  }
  say(
    `limits ${money(limits.partner, 'IDR')} for the partner, ${money(limits.country, 'IDR')} for ${partner.country}, ` +
      `supervisor above ${money(limits.threshold, 'IDR')}: each asked by ${c.story.requester}, approved by ${c.story.approvers[0]}`,
  );
}

async function approve(
  c: StoryClients,
  facility: Facility,
  say: (line: string) => void,
): Promise<void> {
  const path = `${c.at}/approvals/${facility.approvalRequestId}`;
  const request = await c.approvers[0].get<ApprovalRequest>(path);
  say(`approval request: ${request.summary}`);
  const supervisor = request.payload.supervisor;
  if (supervisor?.needed) say(`a supervisor co-approves: ${supervisor.reasons.join(' and ')}`);
  const deciders = [...c.approvers, ...(supervisor?.needed && c.supervisor ? [c.supervisor] : [])];
  for (const decider of deciders) {
    const outcome = await decider.attempt<ApprovalRequest>('POST', `${path}/approve`, {});
    if (outcome.status === 409) continue;
    if (outcome.status >= 300) {
      throw new CliError(`approving ${facility.id} as ${decider.username}: ${outcome.detail}`);
    }
    say(`  approved by ${decider.username}: request ${outcome.body.status}`);
  }
  const after = await c.approvers[0].get<ApprovalRequest>(path);
  if (after.status !== 'executed') {
    throw new CliError(`the facility request is ${after.status} after every approval`);
  }
}

/**
 * The days pass at each lender as its end of day would have passed them: the business date
 * rolls (one day first, so a cooperative that never closed a day starts from its first), each
 * day from then to yesterday is closed in this process in order, the month end with its
 * revaluation at the closing rate (entered first, through four eyes: a missing rate fails the
 * day) and the 1st with its reversal. The worker starts afterwards and finds nothing due.
 */
export const crossBorderDaysStep: DemoStep = {
  title: 'The days pass to today: end of day, month-end revaluation and its reversal',
  async run(ctx: DemoContext) {
    if (!ctx.serving) return;
    const eodApp = await LedgerApp.open(ctx.database.appUrl, ctx.environment.logLevel, [
      EndOfDayModule,
    ]);
    try {
      const endOfDay = eodApp.context.get(EndOfDayService);
      const days = eodApp.context.get(BusinessDayService);
      for (const story of crossBorderStories) {
        const c = await StoryClients.open(ctx, story);
        const say = (line: string) => ctx.io.out(`  ${story.lender} ${line}`);
        const { id, businessDate: before } = await lenderOf(ctx, story);
        const now = new Date();
        const tz = await eodApp.read(
          async (tx) => (await eodApp.cooperatives.byId(tx, id)).timeZone,
        );
        const today = localDate(now, tz);
        const roll = (at: Date) => eodApp.write((tx) => days.roll(tx, id, at));
        const closed: string[] = [];
        if (compareDates(addDays(before, 1), today) < 0) {
          // The local afternoon of the next day: never later than now.
          await roll(new Date(`${addDays(before, 1)}T06:00:00Z`));
          closed.push(...(await closeDue(endOfDay, id, story.lender)));
        }
        await roll(now);
        if (before !== today) say(`business date ${before} -> ${today}`);
        const facility = await c.facility();
        const drawnOn = facility ? await firstDrawdown(c, facility.id) : null;
        const needed = drawnOn
          ? [...monthEndsBetween(drawnOn, addDays(today, -1)), today]
          : [today];
        for (const rate of await c.enterRates(needed)) {
          say(`rate ${rate}: ${story.requester} asked, ${story.approvers[0]} approved`);
        }
        closed.push(...(await closeDue(endOfDay, id, story.lender)));
        if (closed.length > 0) {
          say(
            `end of day closed ${closed.length} day(s): ${closed[0]} to ${closed[closed.length - 1]}`,
          );
        }
        for (const end of drawnOn ? monthEndsBetween(drawnOn, addDays(today, -1)) : []) {
          await printRevaluation(c, end, say);
        }
      }
    } finally {
      await eodApp.close();
    }
  },
};

async function firstDrawdown(c: StoryClients, facilityId: string): Promise<BusinessDate | null> {
  const { items } = await c.requester.get<{ items: Array<{ drawnOn: BusinessDate }> }>(
    `${c.at}/facilities/${facilityId}/drawdowns`,
  );
  return items.map((d) => d.drawnOn).sort()[0] ?? null;
}

/** Every day due, in order, each chunk here in this process (as `close-day` does). */
async function closeDue(
  endOfDay: EndOfDayService,
  cooperativeId: string,
  code: string,
): Promise<string[]> {
  const closed: string[] = [];
  for (;;) {
    await endOfDay.openNextDue(cooperativeId);
    const pending = (await endOfDay.unfinished()).filter((c) => c.cooperativeId === cooperativeId);
    if (pending.length === 0) return closed;
    const date = pending[0].businessDate;
    if (closed.includes(date))
      throw new CliError(`${code} ${date}: the end of day did not complete`);
    for (const chunk of pending.filter((c) => c.businessDate === date)) {
      try {
        await endOfDay.runChunk(cooperativeId, date, chunk.chunkNo);
      } catch (error) {
        const reason = describeError(error);
        await endOfDay.recordFailure(cooperativeId, date, chunk.chunkNo, reason).catch(() => {});
        throw new CliError(`${code} ${date}: chunk ${chunk.chunkNo} failed: ${reason}`);
      }
    }
    closed.push(date);
  }
}

interface Revaluation {
  currency: string;
  periodEnd: string;
  fxRate: string;
  foreignBalance: string;
  carrying: string;
  revalued: string;
  difference: string;
  entryId: string | null;
  reversalEntryId: string | null;
}

async function printRevaluation(
  c: StoryClients,
  end: BusinessDate,
  say: (line: string) => void,
): Promise<void> {
  const { items } = await c.reader.get<{ items: Revaluation[] }>(
    `${c.at}/fx-revaluations?month=${end.slice(0, 7)}`,
  );
  for (const r of items) {
    say(
      `month-end revaluation ${r.periodEnd}: ${money(r.foreignBalance, r.currency)} at the closing ` +
        `rate ${r.fxRate} = ${money(r.revalued, 'IDR')}, carried at ${money(r.carrying, 'IDR')}: ` +
        `an unrealised ${r.difference.startsWith('-') ? 'loss' : 'gain'} of ` +
        `${money(r.difference.replace(/^-/, ''), 'IDR')} to 4-2103 against 1-1901` +
        (r.reversalEntryId ? `, reversed valued ${addDays(end, 1)}` : ''),
    );
  }
}

interface Repayment {
  paidOn: string;
  amount: string;
  interest: string;
  principal: string;
  fxRate: string;
  principalCarrying: string;
  principalAtRate: string;
  realisedFx: string;
  functionalReceived: string;
  principalOutstanding: string;
}

interface ExposureAmounts {
  currency: string;
  outstanding: string;
  undrawn: string;
  fxRate: string | null;
  functionalOutstanding: string;
  functionalCarrying: string;
}

interface ExposureReport {
  asOf: string;
  by: { country?: Array<{ key: string; label: string; currencies: ExposureAmounts[] }> };
  total: { functionalOutstanding: string; functionalUndrawn: string };
  books: { reconciled: boolean };
}

/**
 * Today: a repayment at today's rate (principal off at the drawdown's rate, the difference
 * realised), then the exposure report as of the month end and today, and the MSME export, as the
 * reader (the auditor at Kupang) sees them.
 */
export const crossBorderRepaymentStep: DemoStep = {
  title: "Cross-border today: a repayment at today's rate, exposure report, MSME export",
  async run(ctx: DemoContext) {
    if (!ctx.serving) return;
    for (const story of crossBorderStories) {
      const c = await StoryClients.open(ctx, story);
      const say = (line: string) => ctx.io.out(`  ${story.lender} ${line}`);
      const facility = await c.facility();
      if (!facility) continue;
      const paid = await c.requester.post<Repayment>(
        `${c.at}/facilities/${facility.id}/repayments`,
        { amount: story.repayment, currency: story.facility.currency },
        `demo-cross-border-repayment-${facility.id}`,
      );
      const cur = story.facility.currency;
      say(
        `repayment of ${money(paid.amount, cur)} on ${paid.paidOn} at ${paid.fxRate}: interest ` +
          `${money(paid.interest, cur)}, principal ${money(paid.principal, cur)} off the receivable at ` +
          `${money(paid.principalCarrying, 'IDR')} (its drawdown's rate), worth ${money(paid.principalAtRate, 'IDR')} ` +
          `today: a realised FX ${paid.realisedFx.startsWith('-') ? 'loss' : 'gain'} of ` +
          `${money(paid.realisedFx.replace(/^-/, ''), 'IDR')} to 4-2103; ${money(paid.functionalReceived, 'IDR')} ` +
          `into the bank; ${money(paid.principalOutstanding, cur)} outstanding`,
      );
      const drawnOn = await firstDrawdown(c, facility.id);
      const today = (await c.requester.get<{ businessDate: BusinessDate }>(c.at)).businessDate;
      const ends = drawnOn ? monthEndsBetween(drawnOn, addDays(today, -1)) : [];
      for (const asOf of [...ends.slice(-1), today]) {
        const report = await c.reader.get<ExposureReport>(
          `${c.at}/exposure-report?asOf=${asOf}&by=country`,
        );
        say(
          `exposure report as of ${asOf} (GET ${c.at}/exposure-report?asOf=${asOf}, as ${story.reader}): ` +
            `outstanding ${money(report.total.functionalOutstanding, 'IDR')}, undrawn ` +
            `${money(report.total.functionalUndrawn, 'IDR')}; the ledger's 1-14 ${report.books.reconciled ? 'agrees' : 'DISAGREES'}`,
        );
        for (const country of report.by.country ?? []) {
          for (const line of country.currencies) {
            say(
              `  ${country.label}: ${money(line.outstanding, line.currency)} at ${line.fxRate ?? '1'} = ` +
                `${money(line.functionalOutstanding, 'IDR')} (carried at ${money(line.functionalCarrying, 'IDR')})`,
            );
          }
        }
        if (!report.books.reconciled) ctx.exitCode = 1;
      }
    }
    await msmeExport(ctx);
  },
};

/** Yohanes Kolo weaves ikat for export; the MSME export shows him by initials only. */
async function msmeExport(ctx: DemoContext): Promise<void> {
  const story = crossBorderStories[0];
  const c = await StoryClients.open(ctx, story);
  const teller = await DemoClient.as(ctx.serving!, 'kupang.teller');
  const found = await teller.get<{ items: Array<{ id: string }> }>(
    `${c.at}/members?q=5371011203850002`,
  );
  if (found.items[0]) {
    await teller.patch(`${c.at}/members/${found.items[0].id}`, {
      businessProfile: {
        sector: 'processing',
        commodity: 'tenun ikat',
        province: '53',
        exportOriented: true,
      },
    });
  }
  const data = await c.reader.get<{
    businesses: Array<{ kind: string; name: string }>;
    financing: Array<{ kind: string; currency: string; drawn: string; outstanding: string }>;
  }>(`${c.at}/msme-export`);
  const partners = data.businesses.filter((b) => b.kind === 'partner-cooperative').length;
  const members = data.businesses.filter((b) => b.kind === 'member-business');
  ctx.io.out(
    `  KSP-KUPANG MSME export for the BIMP-EAGA business centre (GET ${c.at}/msme-export?format=csv): ` +
      `${partners} partner cooperative(s), ${members.length} member business(es) ` +
      `(${members.map((m) => m.name).join(', ')}: initials only, no identity numbers), ` +
      `${data.financing.length} financing line(s)`,
  );
  ctx.report(
    'Reports',
    `exposure-report and msme-export (JSON, or format=csv) for managers, supervisors and auditors, e.g. as ${story.reader}`,
  );
}
