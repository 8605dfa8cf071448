import { AuditModule } from '@lumbung/audit';
import { AuthenticationService, AuthModule } from '@lumbung/auth';
import { DatabaseModule } from '@lumbung/database';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { buildCliOnce, type CliResult, runBuiltCli } from './cli-process';

const password = 'kata sandi yang cukup panjang';
const nilCooperative = '00000000-0000-0000-0000-000000000000';

@Module({})
class LoginModule {}

/** create-user as an operator runs it, the password piped in, against this suite's database. */
describe('lumbung create-user', () => {
  let db: TestDatabase;

  const createUser = (args: string[], stdin?: string): Promise<CliResult> =>
    runBuiltCli(db, ['create-user', ...args], { stdin });

  async function owner<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: db.ownerUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** The live grants of a user, as `role@cooperative code` (`admin@platform`). */
  async function grantsOf(username: string): Promise<string[]> {
    const { rows } = await owner((o) =>
      o.query<{ grant: string }>(
        `SELECT g.role || '@' || coalesce(c.code, 'platform') AS grant
           FROM role_grant g JOIN app_user u ON u.id = g.user_id
           LEFT JOIN cooperative c ON c.id = g.cooperative_id
          WHERE u.username = $1 AND g.revoked_at IS NULL ORDER BY 1`,
        [username],
      ),
    );
    return rows.map((r) => r.grant);
  }

  async function userCount(username: string): Promise<number> {
    const { rows } = await owner((o) =>
      o.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE username = $1`, [
        username,
      ]),
    );
    return rows[0].n;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await buildCliOnce();
    expect((await runBuiltCli(db, ['seed'])).code).toBe(0);
  }, 240_000);

  afterAll(async () => {
    await db?.drop();
  });

  describe('a new teller, the password piped in', () => {
    let result: CliResult;
    let login: INestApplicationContext;

    beforeAll(async () => {
      const args = ['--username', 'Ina.Ndun', '--name', 'Ina Ndun'];
      result = await createUser(
        [...args, '--role', 'teller', '--cooperative', 'ksp-kupang'],
        `${password}\nignored\n`,
      );
      login = await NestFactory.createApplicationContext(
        {
          module: LoginModule,
          imports: [
            DatabaseModule.forRoot({ url: db.appUrl, applicationName: 'test-login' }),
            AuditModule,
            AuthModule.forRoot({ jwtSecret: 'x'.repeat(32) }),
          ],
        },
        { logger: false },
      );
    });

    afterAll(() => login?.close());

    it('says what was done, and never shows the password', () => {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(
        /^User ina\.ndun: created, id [0-9a-f-]{36}, display name "Ina Ndun"\nRole teller at KSP-KUPANG: granted \(grant [0-9a-f-]{36}\)\n$/,
      );
      expect(result.stdout + result.stderr).not.toContain(password);
    });

    it('stores an argon2id hash and the teller grant, made by an operator', async () => {
      const { rows } = await owner((o) =>
        o.query(
          `SELECT u.display_name, u.password_hash LIKE '$argon2id$%' AS argon2id,
                  g.requested_by, g.confirmed_by, g.valid_until
             FROM app_user u JOIN role_grant g ON g.user_id = u.id WHERE u.username = 'ina.ndun'`,
        ),
      );
      expect(rows).toEqual([
        {
          display_name: 'Ina Ndun',
          argon2id: true,
          requested_by: null,
          confirmed_by: null,
          valid_until: null,
        },
      ]);
    });

    it('lets the user log in with the first line of stdin', async () => {
      const tokens = await login
        .get(AuthenticationService)
        .login('ina.ndun', password, '127.0.0.1');
      expect(tokens).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
      await expect(
        login.get(AuthenticationService).login('ina.ndun', 'ignored', '127.0.0.1'),
      ).rejects.toThrow('The username or password is wrong');
    });

    it('grants an existing user another role without asking for a password', async () => {
      const again = await createUser([
        '--username',
        'ina.ndun',
        '--role',
        'auditor',
        '--cooperative',
        'KOP-DILI',
        '--until',
        '2099-12-31',
        '--admin',
      ]);
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout.split('\n')).toEqual([
        expect.stringMatching(
          /^User ina\.ndun: exists, id [0-9a-f-]{36}; password and display name unchanged$/,
        ),
        expect.stringMatching(/^Role admin \(platform-wide\): granted \(grant [0-9a-f-]{36}\)$/),
        expect.stringMatching(
          /^Role auditor at KOP-DILI until 2099-12-31T00:00:00\.000Z: granted \(grant /,
        ),
        '',
      ]);
      expect(await grantsOf('ina.ndun')).toEqual([
        'admin@platform',
        'auditor@KOP-DILI',
        'teller@KSP-KUPANG',
      ]);
      const { rows } = await owner((o) =>
        o.query(`SELECT cooperative_id FROM role_grant WHERE role = 'admin'`),
      );
      expect(rows).toEqual([{ cooperative_id: nilCooperative }]);
    });

    it('keeps a role held already, so running it again changes nothing', async () => {
      const again = await createUser(
        ['--username', 'ina.ndun', '--role', 'teller', '--cooperative', 'KSP-KUPANG'],
        'a different password\n',
      );
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).toContain('Role teller at KSP-KUPANG: already held, kept as it is');
      expect(await grantsOf('ina.ndun')).toHaveLength(3);
      await expect(
        login.get(AuthenticationService).login('ina.ndun', password, '127.0.0.1'),
      ).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('refuses an existing user when no role is asked', async () => {
      const again = await createUser(['--username', 'ina.ndun'], `${password}\n`);
      expect(again.code).toBe(1);
      expect(again.stdout).toBe('');
      expect(again.stderr).toMatch(
        /^lumbung create-user: user ina\.ndun exists already \(id [0-9a-f-]{36}\); to grant it a role, add --role ROLE --cooperative CODE or --admin\n$/,
      );
    });
  });

  it('creates a user without roles, named by the username', async () => {
    const result = await createUser(['--username', 'yohana'], `${password}\n`);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/display name "yohana"\nRoles: none yet/);
    expect(await grantsOf('yohana')).toEqual([]);
  });

  it.each([
    [
      'an auditor without --until',
      ['--role', 'auditor', '--cooperative', 'KSP-KUPANG'],
      "--until is required for auditor: an auditor's access ends with the engagement (see: lumbung create-user --help)",
    ],
    [
      'an unknown cooperative',
      ['--role', 'teller', '--cooperative', 'KSP-ENDE'],
      'no cooperative with code KSP-ENDE (known: KOP-DILI, KSP-KUPANG, KSP-MAKASSAR, RPB-SABAH)',
    ],
    [
      'a role that does not exist',
      ['--role', 'bendahara', '--cooperative', 'KSP-KUPANG'],
      '--role must be one of teller, manager, supervisor, auditor, got "bendahara" (see: lumbung create-user --help)',
    ],
  ])('refuses %s, creating nobody', async (_case, args, message) => {
    const result = await createUser(['--username', 'maria', ...args], `${password}\n`);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `lumbung create-user: ${message}\n` });
    expect(await userCount('maria')).toBe(0);
  });

  it.each([
    ['a weak password', 'pendek\n', 'the password must be at least 12 characters'],
    ['a password too long', `${'x'.repeat(257)}\n`, 'password must be 12 to 256 characters'],
    ['no password at all', '', 'no password on stdin'],
    ['an invalid username', `${password}\n`, 'username is not valid'],
  ])('refuses %s in one line, creating nobody', async (what, stdin, message) => {
    const username = what === 'an invalid username' ? 'ma' : 'maria';
    const result = await createUser(['--username', username], stdin);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(await userCount('maria')).toBe(0);
  });
});
