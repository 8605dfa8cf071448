import { AuditModule } from '@lumbung/audit';
import { AuthModule, RoleGrantService, UserService } from '@lumbung/auth';
import { type LogLevel, NotFoundError } from '@lumbung/core';
import { DatabaseModule, TransactionScope, type Tx } from '@lumbung/database';
import {
  ChartService,
  type Cooperative,
  CooperativeService,
  LedgerModule,
  LedgerQueryService,
  PostingService,
} from '@lumbung/ledger';
import {
  type DynamicModule,
  type INestApplicationContext,
  type LogLevel as NestLogLevel,
  Module,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliError, describeError } from './errors';
import { describeUrl } from './environment';

@Module({})
class CliModule {}

type ModuleImport = Type | DynamicModule;

/** `extra`: what one command needs beyond the ledger and auth (close-day: the end of day). */
function cliModule(appUrl: string, extra: readonly ModuleImport[] = []): DynamicModule {
  return {
    module: CliModule,
    imports: [
      DatabaseModule.forRoot({ url: appUrl, applicationName: 'lumbung-cli', poolSize: 4 }),
      AuditModule,
      LedgerModule,
      // No JWT secret: the cli creates users and grants roles, it never issues tokens.
      AuthModule.forRoot({}),
      ...extra,
    ],
  };
}

/** Nest stays quiet on a terminal meant for results, unless LOG_LEVEL asks for detail. */
function nestLogger(level: LogLevel): NestLogLevel[] | false {
  return level === 'debug' || level === 'trace' ? ['error', 'warn', 'log', 'debug'] : false;
}

/**
 * The ledger, its users and their roles as the CLI uses them: a Nest standalone application
 * context on DATABASE_URL, the application role (the owner only when DATABASE_OWNER_URL is
 * unset, with a warning).
 */
export class LedgerApp {
  private constructor(private readonly app: INestApplicationContext) {}

  static async open(
    appUrl: string,
    logLevel: LogLevel = 'info',
    extraModules: readonly ModuleImport[] = [],
  ): Promise<LedgerApp> {
    try {
      const app = await NestFactory.createApplicationContext(cliModule(appUrl, extraModules), {
        logger: nestLogger(logLevel),
        // Nest would otherwise abort the process on a failed start, before our error line.
        abortOnError: false,
      });
      return new LedgerApp(app);
    } catch (error) {
      throw new CliError(
        `cannot connect to the database as ${describeUrl(appUrl)}: ${describeError(error)}`,
      );
    }
  }

  get scope(): TransactionScope {
    return this.app.get(TransactionScope);
  }
  get cooperatives(): CooperativeService {
    return this.app.get(CooperativeService);
  }
  get charts(): ChartService {
    return this.app.get(ChartService);
  }
  get posting(): PostingService {
    return this.app.get(PostingService);
  }
  get queries(): LedgerQueryService {
    return this.app.get(LedgerQueryService);
  }
  get users(): UserService {
    return this.app.get(UserService);
  }
  get roleGrants(): RoleGrantService {
    return this.app.get(RoleGrantService);
  }
  /** The application context itself, for a later step that needs another provider. */
  get context(): INestApplicationContext {
    return this.app;
  }

  /** One use case, one READ COMMITTED transaction. */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.scope.run(work);
  }

  /** Reports read in REPEATABLE READ, read only (DESIGN.md section 3, Transactions). */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.scope.run(work, { isolation: 'REPEATABLE READ', readOnly: true });
  }

  /** The cooperative with this code, or a one-line error that lists the codes there are. */
  async cooperativeByCode(tx: Tx, code: string): Promise<Cooperative> {
    try {
      return await this.cooperatives.byCode(tx, code);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const known = (await this.cooperatives.all(tx)).map((c) => c.code);
      throw new CliError(
        `no cooperative with code ${code} (${known.length ? `known: ${known.join(', ')}` : 'none yet: run seed'})`,
      );
    }
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/** Opens the ledger, runs `work`, and always closes the pool. */
export async function withLedger<T>(
  appUrl: string,
  logLevel: LogLevel,
  work: (ledger: LedgerApp) => Promise<T>,
  extraModules: readonly ModuleImport[] = [],
): Promise<T> {
  const ledger = await LedgerApp.open(appUrl, logLevel, extraModules);
  try {
    return await work(ledger);
  } finally {
    await ledger.close();
  }
}
