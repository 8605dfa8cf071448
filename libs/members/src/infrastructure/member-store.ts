import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { MemberSummary, MemberView } from '../application/member-view';
import type { BusinessProfile } from '../domain/business-profile';
import type { ContactChange, Registration } from '../domain/member-details';
import type { MemberStatus } from '../domain/member-status';
import type { RelatedParty } from '../domain/related-party';

interface MemberRow {
  cooperative_id: string;
  id: string;
  member_number: string;
  full_name: string;
  birth_date: BusinessDate | null;
  sex: MemberView['sex'];
  identity_type: MemberView['identity']['type'];
  identity_number: string;
  phone: string | null;
  address: string | null;
  join_date: BusinessDate;
  status: MemberStatus;
  related_party: MemberView['relatedParty']['flags'];
  related_member_id: string | null;
  created_at: Date;
  updated_at: Date;
  sector: BusinessProfile['sector'] | null;
  commodity: string | null;
  province: string | null;
  country: string | null;
  export_oriented: boolean | null;
}

const selectMember = `
  SELECT m.*, p.sector, p.commodity, p.province, p.country, p.export_oriented
    FROM member m
    LEFT JOIN member_business_profile p
      ON p.cooperative_id = m.cooperative_id AND p.member_id = m.id`;

function view(row: MemberRow): MemberView {
  return {
    id: row.id,
    cooperativeId: row.cooperative_id,
    memberNumber: row.member_number,
    fullName: row.full_name,
    birthDate: row.birth_date,
    sex: row.sex,
    identity: { type: row.identity_type, number: row.identity_number },
    phone: row.phone,
    address: row.address,
    joinDate: row.join_date,
    status: row.status,
    relatedParty: { flags: row.related_party, relatedMemberId: row.related_member_id },
    businessProfile: row.sector
      ? {
          sector: row.sector,
          commodity: row.commodity,
          province: row.province,
          country: row.country,
          exportOriented: row.export_oriented ?? false,
        }
      : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Locks the cooperative's counter row until commit: concurrent registrations queue here. */
export async function takeMemberNumber(tx: Tx, cooperativeId: string): Promise<string> {
  const [row] = await tx.query<{ last_number: string }>(
    `INSERT INTO member_number_sequence AS s (cooperative_id, last_number) VALUES ($1, 1)
     ON CONFLICT (cooperative_id) DO UPDATE SET last_number = s.last_number + 1
     RETURNING last_number`,
    [cooperativeId],
  );
  return row.last_number.padStart(6, '0');
}

export async function insertMember(
  tx: Tx,
  member: { cooperativeId: string; id: string; memberNumber: string; joinDate: BusinessDate },
  registration: Registration,
): Promise<void> {
  await tx.query(
    `INSERT INTO member (cooperative_id, id, member_number, full_name, birth_date, sex,
                         identity_type, identity_number, phone, address, join_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      member.cooperativeId,
      member.id,
      member.memberNumber,
      registration.fullName,
      registration.birthDate,
      registration.sex,
      registration.identity.type,
      registration.identity.number,
      registration.phone,
      registration.address,
      member.joinDate,
    ],
  );
}

export async function saveBusinessProfile(
  tx: Tx,
  cooperativeId: string,
  memberId: string,
  profile: BusinessProfile,
): Promise<void> {
  await tx.query(
    `INSERT INTO member_business_profile AS p (cooperative_id, member_id, sector, commodity,
                                               province, country, export_oriented)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (cooperative_id, member_id) DO UPDATE
       SET sector = EXCLUDED.sector, commodity = EXCLUDED.commodity,
           province = EXCLUDED.province, country = EXCLUDED.country,
           export_oriented = EXCLUDED.export_oriented, updated_at = clock_timestamp()`,
    [
      cooperativeId,
      memberId,
      profile.sector,
      profile.commodity,
      profile.province,
      profile.country,
      profile.exportOriented,
    ],
  );
}

export async function readMember(
  tx: Tx,
  cooperativeId: string,
  memberId: string,
): Promise<MemberView | undefined> {
  const [row] = await tx.query<MemberRow>(
    `${selectMember} WHERE m.cooperative_id = $1 AND m.id = $2`,
    [cooperativeId, memberId],
  );
  return row && view(row);
}

export async function readSummary(
  tx: Tx,
  cooperativeId: string,
  memberId: string,
  lock: boolean,
): Promise<MemberSummary | undefined> {
  const [row] = await tx.query<Pick<MemberRow, 'id' | 'member_number' | 'full_name' | 'status'>>(
    `SELECT id, member_number, full_name, status FROM member
      WHERE cooperative_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [cooperativeId, memberId],
  );
  return (
    row && {
      id: row.id,
      memberNumber: row.member_number,
      fullName: row.full_name,
      status: row.status,
    }
  );
}

export async function updateContact(
  tx: Tx,
  cooperativeId: string,
  memberId: string,
  change: ContactChange,
): Promise<void> {
  await tx.query(
    `UPDATE member
        SET phone = CASE WHEN $3 THEN $4 ELSE phone END,
            address = CASE WHEN $5 THEN $6 ELSE address END,
            updated_at = clock_timestamp()
      WHERE cooperative_id = $1 AND id = $2`,
    [
      cooperativeId,
      memberId,
      change.phone !== undefined,
      change.phone ?? null,
      change.address !== undefined,
      change.address ?? null,
    ],
  );
}

export async function updateRelatedParty(
  tx: Tx,
  cooperativeId: string,
  memberId: string,
  party: RelatedParty,
): Promise<void> {
  await tx.query(
    `UPDATE member SET related_party = $3, related_member_id = $4, updated_at = clock_timestamp()
      WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, memberId, party.flags, party.relatedMemberId],
  );
}

export async function updateStatus(
  tx: Tx,
  cooperativeId: string,
  memberId: string,
  status: MemberStatus,
): Promise<void> {
  await tx.query(
    `UPDATE member SET status = $3, updated_at = clock_timestamp()
      WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, memberId, status],
  );
}

export interface MemberMatch {
  /** Lower-cased LIKE pattern, already escaped. */
  readonly namePattern: string | null;
  readonly memberNumber: string | null;
  readonly identityNumbers: readonly string[];
}

/** One page in member-number order; numbers compare as numbers (length first). */
export async function searchMembers(
  tx: Tx,
  cooperativeId: string,
  match: MemberMatch | null,
  after: string | null,
  limit: number,
): Promise<MemberView[]> {
  const rows = await tx.query<MemberRow>(
    `${selectMember}
      WHERE m.cooperative_id = $1
        AND ($2::text IS NULL
             OR (length(m.member_number), m.member_number) > (length($2), $2))
        AND ($3::boolean
             OR lower(m.full_name) LIKE $4
             OR m.member_number = $5
             OR m.identity_number = ANY ($6::text[]))
      ORDER BY length(m.member_number), m.member_number
      LIMIT $7`,
    [
      cooperativeId,
      after,
      match === null,
      match?.namePattern ?? null,
      match?.memberNumber ?? null,
      match?.identityNumbers ?? [],
      limit,
    ],
  );
  return rows.map(view);
}

/**
 * After members arrive with their numbers from another system (a cut-over), registration goes on
 * from the highest of them, never handing out one already taken.
 */
export async function advanceMemberNumber(
  tx: Tx,
  cooperativeId: string,
  atLeast: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO member_number_sequence AS s (cooperative_id, last_number) VALUES ($1, $2)
     ON CONFLICT (cooperative_id) DO UPDATE SET last_number = greatest(s.last_number, $2)`,
    [cooperativeId, atLeast],
  );
}
