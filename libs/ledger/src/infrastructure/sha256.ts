import { createHash } from 'node:crypto';
import type { Digest } from '../domain/chain-block';

/** The journal's digest: SHA-256 of the UTF-8 bytes, lower-case hex. */
export const sha256Hex: Digest = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
