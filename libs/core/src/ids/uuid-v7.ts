import { randomBytes } from 'node:crypto';

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then randomness. Time-ordered ids keep
 * B-tree inserts at the right edge of the index.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  const millis = BigInt(now);
  for (let i = 0; i < 6; i++) {
    bytes[i] = Number((millis >> BigInt(8 * (5 - i))) & 0xffn);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const nilUuid = '00000000-0000-0000-0000-000000000000';

/** Versions 1-8 and the nil UUID (RFC 9562 section 5.9), which names the platform scope. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && (uuidPattern.test(value) || value === nilUuid);
}
