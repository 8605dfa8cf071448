import {
  type CooperativeRole,
  cooperativeRoles,
  minPasswordLength,
  normaliseUsername,
} from '@lumbung/auth';
import { type BusinessDate, localDate } from '@lumbung/core';
import { cooperativeCodeArg, dateArg, parseCommandArgs, required } from '../args';
import type { CliIo, Command } from '../command';
import { databaseTarget } from '../environment';
import { CliError, UsageError } from '../errors';
import { type LedgerApp, withLedger } from '../ledger-app';
import { readNewPassword } from '../password-input';
import {
  describeRole,
  ensureUserWithRoles,
  findUser,
  type UserOutcome,
  type WantedRole,
} from '../user-roles';

const help = `Usage: lumbung create-user --username USER [--name "Display Name"]
                           [--admin] [--role ROLE --cooperative CODE [--until YYYY-MM-DD]]

Creates a user who can log in to the api, and grants the roles asked for. The password is the
first line of stdin when stdin is piped (\`printf '%s\\n' "$PW" | lumbung create-user ...\`), or
is asked twice without echo on a terminal; it needs ${minPasswordLength} characters or more. There
is no --password option: arguments end up in shell history and in ps.

When the user exists already, only the roles are granted: no password is read, the password
and display name stay as they are. A role the user holds already is kept as it is, so running
the same command again changes nothing. Grants made here take effect at once: the operator's
CLI is the root of trust and needs no second person to confirm (the api's grants do).

Options:
  --username USER      3-64 characters: letters, digits, dot, dash or underscore
  --name NAME          display name of a new user (default: the username)
  --admin              grant the platform-wide admin role
  --role ROLE          grant a cooperative role: ${cooperativeRoles.join(', ')}
  --cooperative CODE   the cooperative of --role, e.g. KSP-KUPANG
  --until DATE         the --role grant ends at the start of DATE (00:00 UTC); required for auditor
  -h, --help           this help

Prints the user's id and what was granted, never the password. Exits 0 on success, 1 otherwise.

Environment:
  DATABASE_URL   application role (required)`;

interface CreateUserRequest {
  readonly username: string;
  readonly displayName: string;
  readonly admin: boolean;
  readonly role?: { role: CooperativeRole; code: string; until?: BusinessDate };
}

function parseRequest(args: readonly string[]): CreateUserRequest | 'help' {
  const values = parseCommandArgs('create-user', args, {
    username: { type: 'string' },
    name: { type: 'string' },
    admin: { type: 'boolean' },
    role: { type: 'string' },
    cooperative: { type: 'string' },
    until: { type: 'string' },
  });
  if (values.help) return 'help';
  // Refused before any password prompt, not after one was typed.
  const username = normaliseUsername(required('create-user', 'username', values.username));
  const displayName =
    values.name === undefined ? username : required('create-user', 'name', values.name);
  return {
    username,
    displayName,
    admin: values.admin === true,
    role: roleArgs(values.role, values.cooperative, values.until),
  };
}

function roleArgs(
  role: string | undefined,
  cooperative: string | undefined,
  until: string | undefined,
): CreateUserRequest['role'] {
  if (role === undefined) {
    if (cooperative !== undefined || until !== undefined) {
      throw new UsageError('--cooperative and --until go with --role', 'create-user');
    }
    return undefined;
  }
  if (role === 'admin') {
    throw new UsageError('admin is platform-wide: grant it with --admin', 'create-user');
  }
  if (!(cooperativeRoles as readonly string[]).includes(role)) {
    throw new UsageError(
      `--role must be one of ${cooperativeRoles.join(', ')}, got "${role}"`,
      'create-user',
    );
  }
  const code = cooperativeCodeArg('create-user', cooperative);
  if (until === undefined) {
    if (role === 'auditor') {
      throw new UsageError(
        "--until is required for auditor: an auditor's access ends with the engagement",
        'create-user',
      );
    }
    return { role: role as CooperativeRole, code };
  }
  const date = dateArg('create-user', 'until', until);
  if (date <= localDate(new Date(), 'UTC')) {
    throw new UsageError(`--until must lie in the future, got "${date}"`, 'create-user');
  }
  return { role: role as CooperativeRole, code, until: date };
}

async function createUser(ledger: LedgerApp, request: CreateUserRequest): Promise<UserOutcome> {
  // Everything that can be refused is checked before anyone types a password.
  const { existing, wanted } = await ledger.read(async (tx) => {
    const wanted: WantedRole[] = request.admin ? [{ role: 'admin', cooperative: null }] : [];
    if (request.role) {
      const cooperative = await ledger.cooperativeByCode(tx, request.role.code);
      wanted.push({ role: request.role.role, cooperative, validUntil: request.role.until });
    }
    return { existing: await findUser(ledger, tx, request.username), wanted };
  });
  if (existing && wanted.length === 0) {
    throw new CliError(
      `user ${existing.username} exists already (id ${existing.id}); ` +
        'to grant it a role, add --role ROLE --cooperative CODE or --admin',
    );
  }
  const password = existing ? undefined : await readNewPassword(request.username);
  return ledger.write((tx) =>
    ensureUserWithRoles(
      ledger,
      tx,
      { username: request.username, displayName: request.displayName, password },
      wanted,
    ),
  );
}

function printOutcome(io: CliIo, outcome: UserOutcome): void {
  const { user } = outcome;
  io.out(
    outcome.created
      ? `User ${user.username}: created, id ${user.id}, display name "${user.displayName}"`
      : `User ${user.username}: exists, id ${user.id}; password and display name unchanged`,
  );
  for (const { wanted, grant } of outcome.roles) {
    const until = grant?.validUntil ? ` until ${grant.validUntil}` : '';
    io.out(
      `Role ${describeRole(wanted)}${until}: ${grant ? `granted (grant ${grant.id})` : 'already held, kept as it is'}`,
    );
  }
  if (outcome.roles.length === 0) io.out('Roles: none yet (grant them with --role or --admin)');
}

export const createUserCommand: Command = {
  name: 'create-user',
  summary: 'create a user who can log in, and grant roles (also to an existing user)',
  help,
  async run(args, { io, env }) {
    const request = parseRequest(args);
    if (request === 'help') {
      io.out(help);
      return 0;
    }
    const target = databaseTarget(env, io, { warnWhenShared: false });
    const outcome = await withLedger(target.appUrl, target.environment.logLevel, (ledger) =>
      createUser(ledger, request),
    );
    printOutcome(io, outcome);
    return 0;
  },
};
