import { createHash, randomBytes } from 'node:crypto';

/** Opaque and random: a refresh token means something only through its row. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the hash is stored, so a read of the table yields no usable token. */
export function refreshTokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
