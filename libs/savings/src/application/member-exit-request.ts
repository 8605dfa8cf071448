import { type FieldProblem, InvalidInputError } from '@lumbung/core';
import { type IdentityType, identityTypes } from '@lumbung/members';
import { type ExitReason, exitReasons } from '../domain/member-exit';

/**
 * Someone the savings of a deceased member are paid to. The identity document is kept as stated
 * (an heir need not be a member, and may hold any document the cooperative accepts), flattened
 * to `identityNumber` so the audit log masks it.
 */
export interface Heir {
  readonly name: string;
  readonly relationship: string;
  readonly documentType?: IdentityType;
  readonly identityNumber?: string;
}

export interface MemberExitRequest {
  readonly memberId: string;
  readonly reason: ExitReason;
  readonly note: string;
  /** Required on death, refused on exit: the member is paid in person. */
  readonly heirs: readonly Heir[];
}

const maxHeirs = 20;
type Raw = Record<string, unknown>;

const asRecord = (input: unknown): Raw =>
  (typeof input === 'object' && input !== null ? input : {}) as Raw;

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().replace(/\s+/g, ' ');
  return trimmed.length >= 1 && trimmed.length <= max ? trimmed : undefined;
}

function parseHeir(input: unknown, at: string, problems: FieldProblem[]): Heir {
  const raw = asRecord(input);
  const name = text(raw.name, 200);
  const relationship = text(raw.relationship, 100);
  if (!name) problems.push({ field: `${at}.name`, message: '1 to 200 characters' });
  if (!relationship) problems.push({ field: `${at}.relationship`, message: '1 to 100 characters' });
  if (raw.identity === undefined || raw.identity === null) {
    return { name: name ?? '', relationship: relationship ?? '' };
  }
  const identity = asRecord(raw.identity);
  const documentType = identityTypes.find((type) => type === identity.type);
  const identityNumber = text(identity.number, 40);
  if (!documentType) {
    problems.push({ field: `${at}.identity.type`, message: `one of ${identityTypes.join(', ')}` });
  }
  if (!identityNumber) {
    problems.push({ field: `${at}.identity.number`, message: '1 to 40 characters' });
  }
  return { name: name ?? '', relationship: relationship ?? '', documentType, identityNumber };
}

/** Checks an exit or death as submitted; the heirs go with death only. */
export function parseMemberExitRequest(input: unknown): MemberExitRequest {
  const raw = asRecord(input);
  const problems: FieldProblem[] = [];
  const reason = exitReasons.find((r) => r === raw.reason);
  if (!reason) problems.push({ field: 'reason', message: exitReasons.join(' or ') });
  const note = text(raw.note, 1000);
  if (!note) problems.push({ field: 'note', message: '1 to 1000 characters' });
  const heirsGiven = Array.isArray(raw.heirs) ? raw.heirs : [];
  if (raw.heirs !== undefined && !Array.isArray(raw.heirs)) {
    problems.push({ field: 'heirs', message: 'a list of heirs' });
  } else if (reason === 'death' && (heirsGiven.length === 0 || heirsGiven.length > maxHeirs)) {
    problems.push({ field: 'heirs', message: `1 to ${maxHeirs} heirs: the savings are theirs` });
  } else if (reason === 'exit' && heirsGiven.length > 0) {
    problems.push({
      field: 'heirs',
      message: 'only on death: a member who exits is paid in person',
    });
  }
  const heirs = heirsGiven.map((heir, i) => parseHeir(heir, `heirs[${i}]`, problems));
  if (problems.length > 0) throw new InvalidInputError('The exit is not valid', problems);
  return { memberId: String(raw.memberId), reason: reason!, note: note!, heirs };
}
