import { approvalStatuses, type ApprovalStatus } from '@lumbung/approvals';
import { roles } from '@lumbung/auth';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { UuidPageQuery } from '../http/uuid-page.query';

export class ApprovalListQuery extends UuidPageQuery {
  @ApiPropertyOptional({ enum: approvalStatuses })
  @IsOptional()
  @IsIn(approvalStatuses)
  status?: ApprovalStatus;

  @ApiPropertyOptional({ example: 'ledger.period.reopen' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.-]{0,99}$/, { message: 'type must be an action type' })
  type?: string;
}

export class DecisionRequest {
  @ApiPropertyOptional({ example: 'checked against the signed minutes' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class RejectionRequest {
  @ApiProperty({ example: 'the teller has not finished training' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class RoleGrantRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a user id (uuid)' })
  userId!: string;

  @ApiProperty({ enum: roles })
  @IsIn(roles, { message: `role must be one of ${roles.join(', ')}` })
  role!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for every role but admin' })
  @IsOptional()
  @IsUUID('all', { message: 'cooperativeId must be a cooperative id (uuid)' })
  cooperativeId?: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: 'Required for auditors' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  validUntil?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ReopenRequest {
  @ApiProperty({ example: 'a deposit of 28 October was posted to the wrong member' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class RuleChangeRequest {
  @ApiProperty({
    example: [
      { minEquivalent: '0', requiredApprovals: 1, approverRoles: ['manager'] },
      { minEquivalent: '50000000', requiredApprovals: 2, approverRoles: ['manager', 'supervisor'] },
    ],
  })
  @IsArray()
  tiers!: unknown[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
