import { Decimal, Money, ProblemError } from '@lumbung/core';
import type { EntryDraft, PostingOutcome } from '@lumbung/ledger';
import fc from 'fast-check';
import { ledgerViolations, noViolations } from '../support/invariants';
import { LedgerContext } from '../support/ledger-context';

/**
 * Invariants 1 to 6 of DESIGN.md section 3 as a property: random sequences of entries, atomic
 * batches and reversals (some repeating idempotency keys) go through the services, and after
 * each sequence the ledger must satisfy every invariant and agree with a model kept here, which
 * also predicts each command's outcome (posted, replayed, or refused and why).
 */

interface Leaf {
  readonly code: string;
  readonly sign: 1 | -1;
  readonly floor: Decimal | null;
  readonly counterparty: boolean;
  id: string;
}

/** The accounts of every run: floored member savings (one with a minimum), cash, equity, expense. */
const leafTemplate: ReadonlyArray<Omit<Leaf, 'id'>> = [
  { code: '1-1101', sign: 1, floor: new Decimal(0), counterparty: false },
  { code: '3-3901', sign: -1, floor: null, counterparty: false },
  { code: '5-2101', sign: 1, floor: null, counterparty: true },
  { code: '2-1-0001', sign: -1, floor: new Decimal(0), counterparty: false },
  { code: '2-1-0002', sign: -1, floor: new Decimal('25.00'), counterparty: false },
];

interface LineSpec {
  readonly account: number;
  readonly cents: number;
}
interface EntrySpec {
  readonly lines: readonly LineSpec[];
  readonly key: string | undefined;
}
type Command =
  | { readonly kind: 'post'; readonly entry: EntrySpec }
  | { readonly kind: 'batch'; readonly entries: readonly EntrySpec[] }
  | { readonly kind: 'reverse'; readonly target: number; readonly key: string | undefined };

const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('k1', 'k2', 'k3') },
);
const accountArb = fc.nat({ max: leafTemplate.length - 1 });
const centsArb = fc.integer({ min: -150_000, max: 150_000 }).filter((c) => c !== 0);

/** 2 to 4 lines: up to three free ones and a last line that balances them. */
const entryArb: fc.Arbitrary<EntrySpec> = fc
  .record({
    free: fc.array(fc.record({ account: accountArb, cents: centsArb }), {
      minLength: 1,
      maxLength: 3,
    }),
    last: accountArb,
    key: keyArb,
  })
  .filter(({ free }) => free.reduce((sum, l) => sum + l.cents, 0) !== 0)
  .map(({ free, last, key }) => ({
    lines: [...free, { account: last, cents: -free.reduce((sum, l) => sum + l.cents, 0) }],
    key,
  }));

const equity = leafTemplate.findIndex((l) => l.code === '3-3901');

/** Money into a floored account on its normal side, from equity: keeps withdrawals possible. */
const fundingArb: fc.Arbitrary<EntrySpec> = fc
  .record({
    account: fc.constantFrom(...leafTemplate.flatMap((l, i) => (l.floor ? [i] : []))),
    cents: fc.integer({ min: 1, max: 300_000 }),
    key: keyArb,
  })
  .map(({ account, cents, key }) => {
    const amount = cents * leafTemplate[account].sign;
    return {
      lines: [
        { account, cents: amount },
        { account: equity, cents: -amount },
      ],
      key,
    };
  });

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: entryArb.map((entry) => ({ kind: 'post' as const, entry })) },
  { weight: 2, arbitrary: fundingArb.map((entry) => ({ kind: 'post' as const, entry })) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(entryArb, fundingArb), { minLength: 1, maxLength: 5 })
      .map((entries) => ({ kind: 'batch' as const, entries })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ target: fc.nat(), key: keyArb })
      .map(({ target, key }) => ({ kind: 'reverse' as const, target, key })),
  },
);

interface ModelLine {
  readonly accountId: string;
  readonly amount: Decimal;
}
interface ModelEntry {
  readonly id: string;
  readonly lines: readonly ModelLine[];
  readonly key: string | undefined;
  readonly reverses: string | undefined;
}

/** What a write should do: refuse whole, or per draft replay an entry or post these lines. */
type Prediction =
  | { readonly refused: string }
  | {
      readonly outcomes: ReadonlyArray<
        | { readonly replayOf: string }
        | { readonly lines: ReadonlyArray<ModelLine & { balanceAfter: Decimal }> }
      >;
      readonly balances: Map<string, Decimal>;
    };

/** The ledger as it should be: balances, entries, keys and reversals, decided independently. */
class Model {
  readonly balances = new Map<string, Decimal>();
  readonly entries: ModelEntry[] = [];
  readonly keys = new Map<string, string>();
  readonly reversalOf = new Map<string, ModelEntry>();

  constructor(private readonly leaves: ReadonlyMap<string, Leaf>) {
    for (const id of leaves.keys()) this.balances.set(id, new Decimal(0));
  }

  predict(
    drafts: ReadonlyArray<{ lines: readonly ModelLine[]; key?: string; reverses?: string }>,
  ): Prediction {
    const keys = drafts.flatMap((d) => (d.key ? [d.key] : []));
    if (new Set(keys).size !== keys.length) return { refused: 'invalid-input' };
    // A key replays only the entry it first posted; other lines under it refuse the call.
    for (const draft of drafts) {
      const replayOf = draft.key ? this.keys.get(draft.key) : undefined;
      if (replayOf && !this.sameEntry(replayOf, draft.lines, draft.reverses)) {
        return { refused: 'idempotency-key-reused' };
      }
    }
    const balances = new Map(this.balances);
    const outcomes = [];
    for (const draft of drafts) {
      const replayOf = draft.key ? this.keys.get(draft.key) : undefined;
      if (replayOf) {
        outcomes.push({ replayOf });
        continue;
      }
      const lines = [];
      for (const line of draft.lines) {
        const leaf = this.leaves.get(line.accountId)!;
        const after = balances.get(line.accountId)!.plus(line.amount);
        const withdraws = line.amount.times(leaf.sign).isNegative();
        if (leaf.floor && withdraws && after.times(leaf.sign).lt(leaf.floor)) {
          return { refused: 'insufficient-funds' };
        }
        balances.set(line.accountId, after);
        lines.push({ ...line, balanceAfter: after });
      }
      outcomes.push({ lines });
    }
    return { outcomes, balances };
  }

  private sameEntry(
    id: string,
    lines: readonly ModelLine[],
    reverses: string | undefined,
  ): boolean {
    const earlier = this.entries.find((e) => e.id === id)!;
    const text = (ls: readonly ModelLine[]) =>
      ls.map((l) => `${l.accountId}:${fixed(l.amount)}`).join('|');
    return text(earlier.lines) === text(lines) && earlier.reverses === reverses;
  }

  record(entry: ModelEntry): void {
    this.entries.push(entry);
    if (entry.key) this.keys.set(entry.key, entry.id);
    if (entry.reverses) this.reversalOf.set(entry.reverses, entry);
  }

  moveTo(balances: ReadonlyMap<string, Decimal>): void {
    balances.forEach((balance, id) => this.balances.set(id, balance));
  }
}

const fixed = (d: Decimal): string => d.toFixed(2);

describe('ledger invariants under random commands', () => {
  let ctx: LedgerContext;
  let run = 0;
  let commandsRun = 0;
  let posted = 0;
  let refused = 0;

  beforeAll(async () => {
    ctx = await LedgerContext.start();
  });

  afterAll(async () => {
    await ctx.close();
  });

  async function ledgerOf(): Promise<{ coopId: string; leaves: Map<string, Leaf> }> {
    run += 1;
    const coop = await ctx.cooperative(`KSP-PROP-${run}`);
    const leaves = new Map<string, Leaf>();
    for (const template of leafTemplate) {
      const id = template.code.startsWith('2-1-')
        ? await ctx.savingsAccount(coop.id, template.code, template.floor!.toFixed(2))
        : await ctx.accountId(coop.id, template.code);
      leaves.set(id, { ...template, id });
    }
    return { coopId: coop.id, leaves };
  }

  it('keeps every invariant and matches the model after any sequence of commands', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(commandArb, { minLength: 1, maxLength: 20, size: 'medium' }),
        async (commands) => {
          const { coopId, leaves } = await ledgerOf();
          const byIndex = [...leaves.values()];
          const model = new Model(leaves);

          const linesOf = (spec: EntrySpec): ModelLine[] =>
            spec.lines.map((l) => ({
              accountId: byIndex[l.account].id,
              amount: new Decimal(l.cents).div(100),
            }));
          const draftOf = (lines: readonly ModelLine[], key: string | undefined): EntryDraft => ({
            description: 'property',
            source: { type: 'test.property' },
            idempotencyKey: key,
            postings: lines.map((l) => ({
              accountId: l.accountId,
              amount: Money.of(l.amount, 'IDR'),
              counterpartyClass: leaves.get(l.accountId)!.counterparty ? 'non_member' : undefined,
            })),
          });

          /** Runs one write, holds it to the prediction, and moves the model as it did. */
          async function check(
            step: string,
            prediction: Prediction,
            write: () => Promise<PostingOutcome[]>,
            reverses?: string,
            keys: ReadonlyArray<string | undefined> = [],
          ): Promise<void> {
            commandsRun += 1;
            const result = await write().then(
              (outcomes) => ({ outcomes }),
              (error: unknown) => {
                if (error instanceof ProblemError) return { refused: error.slug };
                throw error;
              },
            );
            if ('refused' in prediction || 'refused' in result) {
              expect({ step, ...result }).toEqual({ step, ...prediction });
              refused += 1;
              return;
            }
            expect(result.outcomes).toHaveLength(prediction.outcomes.length);
            prediction.outcomes.forEach((expected, i) => {
              const actual = result.outcomes[i];
              if ('replayOf' in expected) {
                expect({ step, i, replayed: actual.replayed, id: actual.entry.id }).toEqual({
                  step,
                  i,
                  replayed: true,
                  id: expected.replayOf,
                });
                return;
              }
              expect({ step, i, replayed: actual.replayed }).toEqual({ step, i, replayed: false });
              expect(
                actual.entry.postings.map((p) => [p.accountId, p.amount, p.balanceAfter]),
              ).toEqual(
                expected.lines.map((l) => [l.accountId, fixed(l.amount), fixed(l.balanceAfter)]),
              );
              expect(actual.entry.reversesEntryId).toBe(reverses ?? null);
              posted += 1;
            });
            prediction.outcomes.forEach((expected, i) => {
              if ('lines' in expected) {
                model.record({
                  id: result.outcomes[i].entry.id,
                  lines: expected.lines,
                  key: keys[i],
                  reverses,
                });
              }
            });
            model.moveTo(prediction.balances);
          }

          for (const [n, command] of commands.entries()) {
            const step = `${n}: ${JSON.stringify(command)}`;
            if (command.kind === 'post' || command.kind === 'batch') {
              const specs = command.kind === 'post' ? [command.entry] : command.entries;
              const drafts = specs.map((spec) => ({ lines: linesOf(spec), key: spec.key }));
              await check(
                step,
                model.predict(drafts),
                async () => {
                  const built = drafts.map((d) => draftOf(d.lines, d.key));
                  return ctx.run((tx) =>
                    command.kind === 'post'
                      ? ctx.posting.post(tx, coopId, built[0]).then((o) => [o])
                      : ctx.posting.postBatch(tx, coopId, built),
                  );
                },
                undefined,
                drafts.map((d) => d.key),
              );
              continue;
            }
            if (model.entries.length === 0) continue;
            const target = model.entries[command.target % model.entries.length];
            const reverse = () =>
              ctx.run((tx) =>
                ctx.reversals
                  .reverse(tx, coopId, target.id, {
                    reason: 'property',
                    idempotencyKey: command.key,
                  })
                  .then((o) => [o]),
              );
            const existing = model.reversalOf.get(target.id);
            let prediction: Prediction;
            if (target.reverses) {
              prediction = { refused: 'reversal-not-allowed' };
            } else if (existing && !(command.key && existing.key === command.key)) {
              prediction = { refused: 'entry-already-reversed' };
            } else {
              const mirrored = target.lines.map((l) => ({ ...l, amount: l.amount.negated() }));
              prediction = model.predict([
                { lines: mirrored, key: command.key, reverses: target.id },
              ]);
            }
            await check(step, prediction, reverse, target.id, [command.key]);
          }

          await ctx.owner(async (owner) => {
            expect(await ledgerViolations(owner, coopId)).toEqual(noViolations);
            const { rows: balances } = await owner.query<{
              account_id: string;
              balance: string;
              version: string;
            }>(
              `SELECT account_id, balance::text, version::text FROM ledger_balance
              WHERE cooperative_id = $1 AND account_id = ANY($2::uuid[])`,
              [coopId, [...leaves.keys()]],
            );
            const versions = new Map<string, number>();
            for (const entry of model.entries) {
              for (const line of entry.lines) {
                versions.set(line.accountId, (versions.get(line.accountId) ?? 0) + 1);
              }
            }
            expect(
              Object.fromEntries(
                balances.map((b) => [b.account_id, [fixed(new Decimal(b.balance)), b.version]]),
              ),
            ).toEqual(
              Object.fromEntries(
                [...model.balances].map(([id, balance]) => [
                  id,
                  [fixed(balance), String(versions.get(id) ?? 0)],
                ]),
              ),
            );
            const { rows: entries } = await owner.query<{
              id: string;
              idempotency_key: string | null;
              reverses_entry_id: string | null;
            }>(
              `SELECT id, idempotency_key, reverses_entry_id FROM journal_entry WHERE cooperative_id = $1`,
              [coopId],
            );
            const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
            expect(entries.sort(byId)).toEqual(
              model.entries
                .map((e) => ({
                  id: e.id,
                  idempotency_key: e.key ?? null,
                  reverses_entry_id: e.reverses ?? null,
                }))
                .sort(byId),
            );
          });
        },
      ),
      { numRuns: 40 },
    );
    // A property that refuses (or posts) everything would prove little.
    expect(posted).toBeGreaterThan(commandsRun / 10);
    expect(refused).toBeGreaterThan(0);
  }, 120_000);
});
