export { AuthModule } from './auth.module';
export { type AuthOptions } from './application/auth-options';
export { AuthenticationService, type IssuedTokens } from './application/authentication.service';
export {
  type QueueBoardAdmission,
  type QueueBoardPass,
  queueBoardPassSeconds,
  QueueBoardPasses,
} from './application/queue-board-passes';
export {
  type GrantEntry,
  type GrantStatus,
  RoleGrantRegister,
} from './application/role-grant-register';
export { roleGrantType } from './application/role-grant.executor';
export { type GrantAsk, RoleGrantService } from './application/role-grant.service';
export { type GrantRecord } from './application/role-grant.store';
export { type NewUser, UserService, type UserView } from './application/user.service';
export { type AccessDecision, type AccessRule, decideAccess } from './domain/access';
export { minPasswordLength, normaliseUsername } from './domain/credentials';
export { isAdmin, type LiveGrant, type Principal, rolesIn } from './domain/principal';
export {
  type CooperativeRole,
  cooperativeRoles,
  isRole,
  readerRoles,
  type Role,
  roles,
} from './domain/roles';
