import { type DynamicModule, Module } from '@nestjs/common';
import { ApprovalsModule } from '@lumbung/approvals';
import { LedgerModule } from '@lumbung/ledger';
import { AUTH_OPTIONS, type AuthOptions } from './application/auth-options';
import { AuthenticationService } from './application/authentication.service';
import { PrincipalLoader } from './application/principal-loader';
import { QueueBoardPasses } from './application/queue-board-passes';
import { RoleGrantRegister } from './application/role-grant-register';
import { RoleGrantExecutor } from './application/role-grant.executor';
import { RoleGrantService } from './application/role-grant.service';
import { UserService } from './application/user.service';

const services = [
  AuthenticationService,
  PrincipalLoader,
  QueueBoardPasses,
  RoleGrantRegister,
  RoleGrantService,
  UserService,
];

/** Users, role grants and tokens: needs DatabaseModule and AuditModule registered. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions = {}): DynamicModule {
    return {
      module: AuthModule,
      imports: [LedgerModule, ApprovalsModule],
      providers: [...services, RoleGrantExecutor, { provide: AUTH_OPTIONS, useValue: options }],
      exports: services,
    };
  }
}
