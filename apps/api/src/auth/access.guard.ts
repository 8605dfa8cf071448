import {
  type AccessRule,
  AuthenticationService,
  decideAccess,
  type Principal,
} from '@lumbung/auth';
import {
  currentRequestContext,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '@lumbung/core';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { accessRuleKey, type AuthenticatedRequest } from './access';

const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * Runs before every route (a global guard): who is calling, and may they call this route in
 * this cooperative? A route that declares no access rule is refused to everyone.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(accessRuleKey, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule?.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.principalOf(request);
    const cooperativeId = request.params.cooperativeId as string | undefined;
    switch (decideAccess(rule, principal, cooperativeId)) {
      case 'allow':
        request.principal = principal;
        return true;
      case 'unauthenticated':
        throw new UnauthenticatedError(
          'unauthenticated',
          'Unauthenticated',
          'A valid bearer token is required: POST /auth/login',
        );
      case 'hidden':
        throw new NotFoundError('cooperative', String(cooperativeId));
      case 'forbidden':
        throw new ForbiddenError(
          'forbidden',
          'Forbidden',
          rule ? 'Your roles do not allow this' : 'This route has no access rule',
        );
    }
  }

  private async principalOf(request: AuthenticatedRequest): Promise<Principal | undefined> {
    const match = bearer.exec(request.header('authorization') ?? '');
    if (!match) return undefined;
    const principal = await this.authentication.authenticate(match[1]);
    const context = currentRequestContext();
    if (principal && context) context.actorId = principal.userId;
    return principal;
  }
}
