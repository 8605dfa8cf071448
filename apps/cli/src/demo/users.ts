import type { Role } from '@lumbung/auth';
import { ensureUserWithRoles } from '../user-roles';
import type { DemoStep } from './context';

/** One password for every demo login: it is printed, so it protects nothing. */
export const demoPassword = 'lumbung-demo-password';

export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** The cooperative's code; null for the platform-wide admin. */
  readonly cooperative: string | null;
  /** Why the user is there, when the role alone does not say. */
  readonly note?: string;
}

const kupang = (
  role: Role,
  extra: Partial<Pick<DemoUser, 'username' | 'displayName' | 'note'>> = {},
): DemoUser => ({
  username: `kupang.${role}`,
  displayName: `Demo ${role}, KSP-KUPANG`,
  role,
  cooperative: 'KSP-KUPANG',
  ...extra,
});

const makassarManager = (suffix: string, note?: string): DemoUser => ({
  username: `makassar.manager${suffix}`,
  displayName: `Demo manager${suffix}, KSP-MAKASSAR`,
  role: 'manager',
  cooperative: 'KSP-MAKASSAR',
  ...(note ? { note } : {}),
});

/** The user who reads the books over HTTP in the services step. */
export const demoReader = kupang('auditor', { note: 'for a year from the first demo run' });

/** The platform admin, and one login per role at KSP-KUPANG. */
export const demoUsers: readonly DemoUser[] = [
  { username: 'admin', displayName: 'Demo platform admin', role: 'admin', cooperative: null },
  kupang('teller'),
  kupang('manager'),
  kupang('manager', {
    username: 'kupang.manager2',
    displayName: 'Demo second manager, KSP-KUPANG',
    note: 'four eyes need two managers',
  }),
  kupang('manager', {
    username: 'kupang.manager3',
    displayName: 'Demo third manager, KSP-KUPANG',
    note: 'a facility abroad needs two managers besides the one asking',
  }),
  kupang('supervisor'),
  demoReader,
  makassarManager('', 'asks for the Sabah facility'),
  makassarManager('2'),
  makassarManager('3'),
];

/** The same calendar day a year on (28 February after 29 February), as YYYY-MM-DD in UTC. */
export function oneYearAfter(now: Date): string {
  const next = new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), now.getUTCDate()));
  if (next.getUTCMonth() !== now.getUTCMonth()) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

export function describeDemoUser(user: DemoUser): string {
  const where = user.cooperative
    ? `${user.role} at ${user.cooperative}`
    : `${user.role}, platform-wide`;
  return user.note ? `${where} (${user.note})` : where;
}

/** Creates the missing demo users and grants; existing users and grants are left as they are. */
export const usersStep: DemoStep = {
  title: 'Demo users, one per role',
  async run(ctx) {
    const { ledger, io } = ctx;
    // An auditor's grant must end: the engagement of the demo lasts a year from its first run.
    const auditUntil = oneYearAfter(new Date());
    let created = 0;
    for (const demo of demoUsers) {
      const outcome = await ledger.write(async (tx) => {
        const cooperative = demo.cooperative
          ? await ledger.cooperativeByCode(tx, demo.cooperative)
          : null;
        const validUntil = demo.role === 'auditor' ? auditUntil : undefined;
        return ensureUserWithRoles(
          ledger,
          tx,
          { username: demo.username, displayName: demo.displayName, password: demoPassword },
          [{ role: demo.role, cooperative, validUntil }],
        );
      });
      if (outcome.created) created++;
      const [{ grant }] = outcome.roles;
      io.out(
        `  ${demo.username.padEnd(18)} ${(outcome.created ? 'created' : 'exists').padEnd(8)}` +
          `${describeDemoUser(demo)}${grant ? '' : ', already granted'}`,
      );
    }
    io.out(`  Password of each: ${demoPassword} (a demo password: never use it for real data)`);
    ctx.report(
      'Users',
      `${demoUsers.length} demo users: ${created} created, ${demoUsers.length - created} already there`,
    );
  },
};
