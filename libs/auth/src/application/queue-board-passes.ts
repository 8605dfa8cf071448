import { AuditLog, platformScope } from '@lumbung/audit';
import { Clock } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, type Principal } from '../domain/principal';
import { epochSeconds } from '../domain/seconds';
import { signToken, verifyToken } from '../infrastructure/jwt';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { PrincipalLoader } from './principal-loader';

/** A browser cannot send a bearer token to a page it navigates to: the board gets a cookie. */
export const queueBoardPassSeconds = 300;

export interface QueueBoardPass {
  readonly token: string;
  readonly expiresIn: number;
}

/** What the board's gate makes of a pass: let the admin in, or refuse with 401 or 403. */
export type QueueBoardAdmission =
  | { readonly verdict: 'allow'; readonly principal: Principal }
  | { readonly verdict: 'unauthenticated' | 'forbidden' };

/**
 * Short-lived passes for the read-only queue board. A pass names the admin's login session, so
 * logging out, being disabled or losing the admin role closes the board at the next request,
 * as it does every other route.
 */
@Injectable()
export class QueueBoardPasses {
  constructor(
    private readonly scope: TransactionScope,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly principals: PrincipalLoader,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /** For an admin the access rules already let through; recorded like any admin action. */
  async issue(admin: Principal): Promise<QueueBoardPass> {
    const iat = epochSeconds(this.clock.now());
    const exp = iat + queueBoardPassSeconds;
    const token = signToken(this.secret(), 'queue-board', {
      sub: admin.userId,
      sid: admin.sessionId,
      iat,
      exp,
    });
    await this.scope.run((tx) =>
      this.audit.record(tx, {
        cooperativeId: platformScope,
        action: 'auth.queue-board.open',
        targetType: 'session',
        targetId: admin.sessionId,
        after: { expiresAt: new Date(exp * 1000).toISOString() },
        actorId: admin.userId,
      }),
    );
    return { token, expiresIn: queueBoardPassSeconds };
  }

  async admit(token: string | undefined): Promise<QueueBoardAdmission> {
    const now = this.clock.now();
    const claims = token
      ? verifyToken(this.secret(), 'queue-board', token, epochSeconds(now))
      : undefined;
    if (!claims) return { verdict: 'unauthenticated' };
    const principal = await this.scope.run(
      (tx) => this.principals.load(tx, { userId: claims.sub, sessionId: claims.sid }, now),
      { readOnly: true },
    );
    if (!principal) return { verdict: 'unauthenticated' };
    return isAdmin(principal) ? { verdict: 'allow', principal } : { verdict: 'forbidden' };
  }

  private secret(): string {
    if (!this.options.jwtSecret) throw new Error('JWT_SECRET is not configured for this process');
    return this.options.jwtSecret;
  }
}
