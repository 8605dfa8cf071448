import { decideAccess } from './access';
import type { Principal } from './principal';

const kupang = '01a20000-0000-7000-8000-000000000001';
const dili = '01a20000-0000-7000-8000-000000000002';
const platform = '00000000-0000-0000-0000-000000000000';

function principal(...grants: Array<[string, Principal['grants'][number]['role']]>): Principal {
  return {
    userId: 'u',
    username: 'u',
    displayName: 'U',
    sessionId: 's',
    grants: grants.map(([cooperativeId, role]) => ({ cooperativeId, role, validUntil: null })),
  };
}

describe('decideAccess', () => {
  const teller = principal([kupang, 'teller']);
  const admin = principal([platform, 'admin']);
  const managers = { kind: 'cooperative', roles: ['manager'] } as const;

  it('lets anyone through a public route and no one unauthenticated through the rest', () => {
    expect(decideAccess({ kind: 'public' }, undefined, undefined)).toBe('allow');
    expect(decideAccess({ kind: 'authenticated' }, undefined, undefined)).toBe('unauthenticated');
    expect(decideAccess(managers, undefined, kupang)).toBe('unauthenticated');
  });

  it('refuses a route that declares no rule, even to admins', () => {
    expect(decideAccess(undefined, admin, undefined)).toBe('forbidden');
  });

  it('hides a cooperative from someone without a role there, forbids a role that does not fit', () => {
    expect(decideAccess(managers, teller, dili)).toBe('hidden');
    expect(decideAccess(managers, teller, kupang)).toBe('forbidden');
    expect(decideAccess(managers, principal([kupang, 'manager']), kupang)).toBe('allow');
  });

  it('lets platform admins into cooperatives only where the route names admin', () => {
    expect(decideAccess(managers, admin, kupang)).toBe('hidden');
    expect(decideAccess({ kind: 'cooperative', roles: ['admin'] }, admin, kupang)).toBe('allow');
    expect(decideAccess({ kind: 'platform' }, admin, undefined)).toBe('allow');
    expect(decideAccess({ kind: 'platform' }, teller, undefined)).toBe('forbidden');
  });

  it('refuses a cooperative rule on a route without a cooperative', () => {
    expect(decideAccess(managers, principal([kupang, 'manager']), undefined)).toBe('forbidden');
  });
});
