import { AuditLog, platformScope } from '@lumbung/audit';
import { ConflictError, isUuid, NotFoundError, uuidv7 } from '@lumbung/core';
import { sqlState, sqlStates, type Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { checkPassword, normaliseUsername } from '../domain/credentials';
import { hashPassword } from '../infrastructure/passwords';

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
}

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly disabled: boolean;
  readonly createdAt: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  disabled: boolean;
  created_at: Date;
}

const columns = 'id, username, display_name, disabled, created_at';

function view(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
  };
}

/** People who may log in. A user holds no role until a grant is confirmed for them. */
@Injectable()
export class UserService {
  constructor(private readonly audit: AuditLog) {}

  async create(tx: Tx, user: NewUser, actorId?: string): Promise<UserView> {
    const username = normaliseUsername(user.username);
    checkPassword(user.password);
    const passwordHash = await hashPassword(user.password);
    let row: UserRow;
    try {
      [row] = await tx.query<UserRow>(
        `INSERT INTO app_user (id, username, display_name, password_hash)
         VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
        [uuidv7(), username, user.displayName.trim(), passwordHash],
      );
    } catch (error) {
      if (sqlState(error) === sqlStates.uniqueViolation) {
        throw new ConflictError('username-taken', 'Username taken', `${username} is taken`);
      }
      throw error;
    }
    const created = view(row);
    await this.audit.record(tx, {
      cooperativeId: platformScope,
      action: 'auth.user.create',
      targetType: 'user',
      targetId: created.id,
      after: created,
      actorId,
    });
    return created;
  }

  /** Ends every session at once: the next request of a disabled user is refused. */
  async disable(tx: Tx, userId: string, actorId: string, reason: string): Promise<UserView> {
    const before = await this.byId(tx, userId);
    const [row] = await tx.query<UserRow>(
      `WITH changed AS (
         UPDATE app_user SET disabled = true, disabled_at = clock_timestamp()
          WHERE id = $1 AND NOT disabled RETURNING ${columns})
       SELECT * FROM changed`,
      [userId],
    );
    if (!row)
      throw new ConflictError(
        'user-already-disabled',
        'User already disabled',
        `${userId} is disabled already`,
      );
    const after = view(row);
    await this.audit.record(tx, {
      cooperativeId: platformScope,
      action: 'auth.user.disable',
      targetType: 'user',
      targetId: userId,
      before,
      after,
      reason,
      actorId,
    });
    return after;
  }

  async byId(tx: Tx, userId: string): Promise<UserView> {
    if (!isUuid(userId)) throw new NotFoundError('user', userId);
    const [row] = await tx.query<UserRow>(`SELECT ${columns} FROM app_user WHERE id = $1`, [
      userId,
    ]);
    if (!row) throw new NotFoundError('user', userId);
    return view(row);
  }

  async byUsername(tx: Tx, username: string): Promise<UserView> {
    const [row] = await tx.query<UserRow>(`SELECT ${columns} FROM app_user WHERE username = $1`, [
      username.trim().toLowerCase(),
    ]);
    if (!row) throw new NotFoundError('user', username);
    return view(row);
  }

  async list(
    tx: Tx,
    page: { after?: string; limit: number },
  ): Promise<{ items: UserView[]; next: string | null }> {
    const rows = await tx.query<UserRow>(
      `SELECT ${columns} FROM app_user WHERE $1::text IS NULL OR username > $1
        ORDER BY username LIMIT $2`,
      [page.after ?? null, page.limit],
    );
    const items = rows.map(view);
    return { items, next: items.length === page.limit ? items[items.length - 1].username : null };
  }
}
