import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token says: who, which login session, until when. Roles are not in it. */
export interface AccessClaims {
  readonly sub: string;
  readonly sid: string;
  readonly iat: number;
  readonly exp: number;
}

/**
 * What a token is for, carried in its `typ` claim and checked on every verification: one secret
 * signs them all, so without it a queue-board pass would work as a bearer token and back.
 */
export type TokenPurpose = 'access' | 'queue-board';

const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const issuer = 'lumbung';

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

function signature(secret: string, signingInput: string): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

export function signAccessToken(secret: string, claims: AccessClaims): string {
  return signToken(secret, 'access', claims);
}

export function verifyAccessToken(
  secret: string,
  token: string,
  nowSeconds: number,
): AccessClaims | undefined {
  return verifyToken(secret, 'access', token, nowSeconds);
}

export function signToken(secret: string, purpose: TokenPurpose, claims: AccessClaims): string {
  const body = base64url(JSON.stringify({ ...claims, iss: issuer, typ: purpose }));
  const input = `${header}.${body}`;
  return `${input}.${signature(secret, input).toString('base64url')}`;
}

/**
 * HS256 only, decided here and not by the token: a token naming another algorithm (`none`,
 * RS256 with the secret as a key) is refused before its signature is even looked at.
 */
export function verifyToken(
  secret: string,
  purpose: TokenPurpose,
  token: string,
  nowSeconds: number,
): AccessClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, sig] = parts;
  const given = Buffer.from(sig, 'base64url');
  const expected = signature(secret, `${head}.${body}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const decodedHeader = parseJson(head);
  if (decodedHeader?.alg !== 'HS256' || decodedHeader.typ !== 'JWT') return undefined;
  const claims = parseJson(body);
  if (claims?.iss !== issuer || claims.typ !== purpose) return undefined;
  const { sub, sid, iat, exp } = claims;
  if (typeof sub !== 'string' || typeof sid !== 'string') return undefined;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= nowSeconds) return undefined;
  return { sub, sid, iat, exp };
}

function parseJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
