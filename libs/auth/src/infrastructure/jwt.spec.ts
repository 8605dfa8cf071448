import { signAccessToken, signToken, verifyAccessToken, verifyToken } from './jwt';

const secret = 's'.repeat(32);
const claims = { sub: 'user', sid: 'session', iat: 1_000, exp: 1_900 };

describe('access tokens', () => {
  it('verifies its own tokens until they expire', () => {
    const token = signAccessToken(secret, claims);
    expect(verifyAccessToken(secret, token, 1_899)).toEqual(claims);
    expect(verifyAccessToken(secret, token, 1_900)).toBeUndefined();
  });

  it('refuses another secret, a changed body, and garbage', () => {
    const token = signAccessToken(secret, claims);
    expect(verifyAccessToken('t'.repeat(32), token, 1_000)).toBeUndefined();
    const [head, , sig] = token.split('.');
    const body = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
    expect(verifyAccessToken(secret, `${head}.${body}.${sig}`, 1_000)).toBeUndefined();
    for (const garbage of ['', 'a.b', 'a.b.c', '...', `${head}.${body}`]) {
      expect(verifyAccessToken(secret, garbage, 1_000)).toBeUndefined();
    }
  });
});

describe('token purposes', () => {
  it('keeps an access token and a queue-board pass from standing in for each other', () => {
    const pass = signToken(secret, 'queue-board', claims);
    expect(verifyToken(secret, 'queue-board', pass, 1_000)).toEqual(claims);
    expect(verifyAccessToken(secret, pass, 1_000)).toBeUndefined();
    const access = signAccessToken(secret, claims);
    expect(verifyToken(secret, 'queue-board', access, 1_000)).toBeUndefined();
  });
});
