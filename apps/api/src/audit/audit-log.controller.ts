import { AuditQuery, platformScope } from '@lumbung/audit';
import { TransactionScope } from '@lumbung/database';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Allow, PlatformAdmin } from '../auth/access';

export class AuditLogQuery {
  @ApiPropertyOptional({
    description: 'Exact action, or a prefix ending in a dot',
    example: 'auth.',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.-]{0,99}$/, { message: 'action must be an action name or prefix' })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a user id (uuid)' })
  actorId?: string;

  @ApiPropertyOptional({ example: 'accounting_period' })
  @IsOptional()
  @Matches(/^[a-z_]{1,64}$/, { message: 'targetType must be a lowercase type name' })
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[\w.:-]{1,100}$/, { message: 'targetId must be an id' })
  targetId?: string;

  @ApiPropertyOptional({ description: 'From this instant (ISO 8601), inclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 instant' })
  from?: Date;

  @ApiPropertyOptional({ description: 'Up to this instant (ISO 8601), exclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 instant' })
  to?: Date;

  @ApiPropertyOptional({ description: 'Cursor: the `next` value of the previous page' })
  @IsOptional()
  @IsUUID('all', { message: 'after must be a cursor from a previous page' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** The audit log is read here and nowhere changed: there is no route that writes to it. */
@ApiTags('audit')
@Controller()
export class AuditLogController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly audit: AuditQuery,
  ) {}

  @Get('cooperatives/:cooperativeId/audit-log')
  @ApiParam({ name: 'cooperativeId', format: 'uuid' })
  @Allow('auditor', 'supervisor')
  cooperative(@Param('cooperativeId') cooperativeId: string, @Query() query: AuditLogQuery) {
    return this.search(cooperativeId, query);
  }

  /** Logins, users and platform roles: events that belong to no one cooperative. */
  @Get('audit-log')
  @PlatformAdmin()
  platform(@Query() query: AuditLogQuery) {
    return this.search(platformScope, query);
  }

  private search(cooperativeId: string, query: AuditLogQuery) {
    return this.scope.run(
      (tx) => this.audit.search(tx, cooperativeId, { ...query, limit: query.limit ?? 100 }),
      { readOnly: true },
    );
  }
}
