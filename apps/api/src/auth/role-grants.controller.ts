import { platformScope } from '@lumbung/audit';
import { type Principal, RoleGrantRegister, RoleGrantService } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { RoleGrantRequest } from '../approvals/approvals.dto';
import { Allow, Authenticated, CurrentPrincipal, PlatformAdmin } from './access';
import { ReasonRequest } from './users.controller';

/** Asking for roles (four eyes), who holds which, and taking a role away (at once). */
@ApiTags('role grants')
@Controller()
export class RoleGrantsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly grants: RoleGrantService,
    private readonly register: RoleGrantRegister,
  ) {}

  /** Admins, and managers for their own cooperative; 202: the grant waits for a second person. */
  @Post('role-grants')
  @HttpCode(202)
  @Authenticated()
  ask(@Body() body: RoleGrantRequest, @CurrentPrincipal() principal: Principal) {
    return this.scope.run((tx) => this.grants.request(tx, principal, body));
  }

  @Get('cooperatives/:cooperativeId/role-grants')
  @ApiParam({ name: 'cooperativeId', format: 'uuid' })
  @Allow('manager', 'supervisor', 'auditor', 'admin')
  list(@Param('cooperativeId') cooperativeId: string) {
    return this.scope.run((tx) => this.register.list(tx, cooperativeId), { readOnly: true });
  }

  @Post('cooperatives/:cooperativeId/role-grants/:grantId/revoke')
  @HttpCode(200)
  @ApiParam({ name: 'cooperativeId', format: 'uuid' })
  @Allow('manager', 'admin')
  revoke(
    @Param('cooperativeId') cooperativeId: string,
    @Param('grantId') grantId: string,
    @Body() body: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) =>
      this.register.revoke(tx, cooperativeId, grantId, {
        userId: principal.userId,
        reason: body.reason,
      }),
    );
  }

  @Get('role-grants')
  @PlatformAdmin()
  platformList() {
    return this.scope.run((tx) => this.register.list(tx, platformScope), { readOnly: true });
  }

  @Post('role-grants/:grantId/revoke')
  @HttpCode(200)
  @PlatformAdmin()
  platformRevoke(
    @Param('grantId') grantId: string,
    @Body() body: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scope.run((tx) =>
      this.register.revoke(tx, platformScope, grantId, {
        userId: principal.userId,
        reason: body.reason,
      }),
    );
  }
}
