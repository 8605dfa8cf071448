import { AuditLog, platformScope } from '@lumbung/audit';
import { Clock, TooManyRequestsError, UnauthenticatedError, uuidv7 } from '@lumbung/core';
import { TransactionScope, type Tx } from '@lumbung/database';
import { Inject, Injectable } from '@nestjs/common';
import { LoginThrottle } from '../domain/login-throttle';
import type { Principal } from '../domain/principal';
import { epochSeconds } from '../domain/seconds';
import { signAccessToken, verifyAccessToken } from '../infrastructure/jwt';
import { decoyHash, passwordMatches } from '../infrastructure/passwords';
import { newRefreshToken, refreshTokenHash } from '../infrastructure/refresh-tokens';
import {
  AUTH_OPTIONS,
  type AuthOptions,
  defaultAccessTokenSeconds,
  defaultSessionHours,
} from './auth-options';
import { PrincipalLoader } from './principal-loader';

export interface IssuedTokens {
  readonly tokenType: 'Bearer';
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshExpiresAt: string;
}

const wrongCredentials = () =>
  new UnauthenticatedError(
    'invalid-credentials',
    'Invalid credentials',
    'The username or password is wrong',
  );

const refreshRefused = () =>
  new UnauthenticatedError(
    'invalid-refresh-token',
    'Invalid refresh token',
    'The refresh token is unknown, used, expired or revoked; log in again',
  );

/** Logging in, refreshing, logging out, and turning a bearer token into a principal. */
@Injectable()
export class AuthenticationService {
  private readonly throttle = new LoginThrottle();

  constructor(
    private readonly scope: TransactionScope,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly principals: PrincipalLoader,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /** One answer for an unknown user, a wrong password and a disabled user: nothing to enumerate. */
  async login(rawUsername: string, password: string, address: string): Promise<IssuedTokens> {
    const username = rawUsername.trim().toLowerCase();
    const verdict = this.throttle.check(username, address, this.clock.now().getTime());
    if (!verdict.allowed) {
      throw new TooManyRequestsError(
        `Too many failed logins; try again in ${verdict.retryAfterSeconds} s`,
        verdict.retryAfterSeconds,
      );
    }
    const outcome = await this.scope.run(async (tx) => {
      const [user] = await tx.query<{ id: string; password_hash: string; disabled: boolean }>(
        `SELECT id, password_hash, disabled FROM app_user WHERE username = $1`,
        [username],
      );
      const matches = await passwordMatches(user?.password_hash ?? (await decoyHash()), password);
      if (!user || !matches || user.disabled) {
        await this.audit.record(tx, {
          cooperativeId: platformScope,
          action: 'auth.login.failed',
          targetType: 'user',
          targetId: user?.id ?? username,
          after: { username, address, disabled: user?.disabled ?? undefined },
          actorId: user?.id,
        });
        return undefined;
      }
      const tokens = await this.openSession(tx, user.id);
      await this.audit.record(tx, {
        cooperativeId: platformScope,
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        after: { username, address },
        actorId: user.id,
      });
      return tokens;
    });
    if (!outcome) {
      this.throttle.recordFailure(username, address, this.clock.now().getTime());
      throw wrongCredentials();
    }
    this.throttle.recordSuccess(username);
    return outcome;
  }

  /**
   * Rotates the refresh token. Presenting one that was already rotated means two parties hold
   * it: the session ends for both (OAuth 2.0 Security BCP, refresh token reuse detection).
   */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const hash = refreshTokenHash(refreshToken);
    const outcome = await this.scope.run(async (tx) => {
      const [session] = await tx.query<{ id: string; user_id: string; current: boolean }>(
        `SELECT s.id, s.user_id, s.refresh_hash = $1 AS current
           FROM auth_session s JOIN app_user u ON u.id = s.user_id
          WHERE (s.refresh_hash = $1 OR s.previous_refresh_hash = $1)
            AND s.revoked_at IS NULL AND s.expires_at > $2 AND NOT u.disabled
          FOR UPDATE OF s`,
        [hash, this.clock.now()],
      );
      if (!session) return undefined;
      if (!session.current) {
        await this.endSession(tx, session.id, session.user_id, 'auth.refresh.reused');
        return 'reused' as const;
      }
      const next = newRefreshToken();
      // A CTE: TypeORM returns the rows of a SELECT, not of an UPDATE ... RETURNING.
      const [{ expires_at }] = await tx.query<{ expires_at: Date }>(
        `WITH rotated AS (
           UPDATE auth_session SET refresh_hash = $2, previous_refresh_hash = $3,
                  refreshed_at = clock_timestamp() WHERE id = $1
           RETURNING expires_at)
         SELECT expires_at FROM rotated`,
        [session.id, refreshTokenHash(next), hash],
      );
      return this.tokens(session.user_id, session.id, next, expires_at);
    });
    if (outcome === undefined || outcome === 'reused') throw refreshRefused();
    return outcome;
  }

  async logout(principal: Principal): Promise<void> {
    await this.scope.run((tx) =>
      this.endSession(tx, principal.sessionId, principal.userId, 'auth.logout'),
    );
  }

  /** The caller behind `Authorization: Bearer <token>`, or undefined for any bad token. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const secret = this.requireSecret();
    const now = this.clock.now();
    const claims = verifyAccessToken(secret, token, epochSeconds(now));
    if (!claims) return undefined;
    return this.scope.run(
      (tx) => this.principals.load(tx, { userId: claims.sub, sessionId: claims.sid }, now),
      { readOnly: true },
    );
  }

  private async openSession(tx: Tx, userId: string): Promise<IssuedTokens> {
    const sessionId = uuidv7();
    const refreshToken = newRefreshToken();
    const hours = this.options.sessionHours ?? defaultSessionHours;
    const expiresAt = new Date(this.clock.now().getTime() + hours * 3_600_000);
    await tx.query(
      `INSERT INTO auth_session (id, user_id, refresh_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [sessionId, userId, refreshTokenHash(refreshToken), expiresAt],
    );
    return this.tokens(userId, sessionId, refreshToken, expiresAt);
  }

  private tokens(
    userId: string,
    sessionId: string,
    refreshToken: string,
    refreshExpiresAt: Date,
  ): IssuedTokens {
    const iat = epochSeconds(this.clock.now());
    const expiresIn = this.options.accessTokenSeconds ?? defaultAccessTokenSeconds;
    const accessToken = signAccessToken(this.requireSecret(), {
      sub: userId,
      sid: sessionId,
      iat,
      exp: iat + expiresIn,
    });
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn,
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
    };
  }

  private async endSession(tx: Tx, sessionId: string, userId: string, action: string) {
    await tx.query(
      `UPDATE auth_session SET revoked_at = clock_timestamp() WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
    await this.audit.record(tx, {
      cooperativeId: platformScope,
      action,
      targetType: 'session',
      targetId: sessionId,
      actorId: userId,
    });
  }

  private requireSecret(): string {
    if (!this.options.jwtSecret) throw new Error('JWT_SECRET is not configured for this process');
    return this.options.jwtSecret;
  }
}
