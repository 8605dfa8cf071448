import type { Environment } from '@lumbung/core';
import type { CliIo } from '../command';
import type { EmbeddedPostgres } from '../embedded-postgres';
import { CliError } from '../errors';
import type { LedgerApp } from '../ledger-app';

/** Where the demo's data lives: the embedded server it started, or DATABASE_URL's. */
export interface DemoDatabase {
  readonly ownerUrl: string;
  readonly appUrl: string;
  readonly ownerIsSeparate: boolean;
  /** Set when the demo started its own PostgreSQL (DATABASE_URL unset). */
  readonly embedded?: EmbeddedPostgres;
}

/**
 * What the demo's steps share: the environment (with the database URLs in force), the ledger
 * once the schema exists, the lines of the closing summary, and the teardown, run last-in
 * first-out on success, failure and SIGINT alike.
 */
export class DemoContext {
  readonly summary: Array<readonly [label: string, text: string]> = [];
  exitCode = 0;
  /** The api's base URL once the demo serves it. */
  serving?: string;
  private openLedger?: LedgerApp;
  private readonly teardown: Array<() => Promise<void>> = [];
  private shuttingDown?: Promise<void>;

  constructor(
    readonly io: CliIo,
    readonly environment: Environment,
    readonly database: DemoDatabase,
    /** JWT_SECRET was unset: the demo made one up, so its tokens are void once it stops. */
    readonly randomJwtSecret = false,
  ) {}

  get ledger(): LedgerApp {
    if (!this.openLedger) throw new CliError('demo step ran before the ledger was opened');
    return this.openLedger;
  }

  useLedger(ledger: LedgerApp): void {
    this.openLedger = ledger;
    this.onShutdown(() => ledger.close());
  }

  /** A line of the closing summary. */
  report(label: string, text: string): void {
    this.summary.push([label, text]);
  }

  /** Registers a teardown task; the last registered runs first. */
  onShutdown(task: () => Promise<void>): void {
    this.teardown.push(task);
  }

  /** Runs every teardown task once, even when one fails. */
  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      for (const task of this.teardown.splice(0).reverse()) {
        await task().catch((error: unknown) =>
          this.io.err(`warning: teardown step failed: ${String(error)}`),
        );
      }
    })();
    return this.shuttingDown;
  }
}

/** One step of `npm run demo`; its output goes under its title. */
export interface DemoStep {
  readonly title: string;
  run(context: DemoContext): Promise<void>;
}
