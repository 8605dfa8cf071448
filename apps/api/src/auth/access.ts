import type { AccessRule, Principal, Role } from '@lumbung/auth';
import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';

export const accessRuleKey = 'lumbung:access-rule';

export type AuthenticatedRequest = Request & { principal?: Principal };

const declare = (rule: AccessRule) => SetMetadata(accessRuleKey, rule);

/** Anyone, logged in or not (health, login). */
export const Public = () => declare({ kind: 'public' });

/** Any logged-in user, whatever their roles (their own profile, logout). */
export const Authenticated = () =>
  applyDecorators(declare({ kind: 'authenticated' }), ApiBearerAuth());

/** Platform operations: admins only. */
export const PlatformAdmin = () => applyDecorators(declare({ kind: 'platform' }), ApiBearerAuth());

/** Callers holding one of these roles in the route's cooperative (`admin`: platform admins too). */
export const Allow = (...roles: Role[]) =>
  applyDecorators(declare({ kind: 'cooperative', roles }), ApiBearerAuth());

/** The authenticated caller; only on routes that are not public. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);
