import { businessSectors, identityTypes, relatedPartyFlags, sexes } from '@lumbung/members';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

// Shapes only: what each value means (a real NIK, a province code) is decided by libs/members,
// which names the same fields.

export class IdentityDocumentBody {
  @ApiProperty({ enum: identityTypes })
  @IsIn(identityTypes, { message: `type must be one of ${identityTypes.join(', ')}` })
  type!: string;

  @ApiProperty({ example: '5371014507900001', description: 'MyKad may be written YYMMDD-PB-NNNG' })
  @IsString()
  @MaxLength(100)
  number!: string;
}

export class BusinessProfileBody {
  @ApiProperty({ enum: businessSectors })
  @IsIn(businessSectors, { message: `sector must be one of ${businessSectors.join(', ')}` })
  sector!: string;

  @ApiPropertyOptional({ example: 'chili' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  commodity?: string;

  @ApiPropertyOptional({ example: '53', description: 'Kemendagri province code (Indonesia)' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  province?: string;

  @ApiPropertyOptional({ example: 'MY', description: 'ISO 3166-1 alpha-2, for a business abroad' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  country?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  exportOriented?: boolean;
}

export class RegisterMemberBody {
  @ApiProperty({ example: 'Maria da Costa' })
  @IsString()
  @MaxLength(1000)
  fullName!: string;

  @ApiProperty({ type: IdentityDocumentBody })
  @IsObject()
  @ValidateNested()
  @Type(() => IdentityDocumentBody)
  identity!: IdentityDocumentBody;

  @ApiPropertyOptional({ example: '1990-07-05', description: 'Taken from a NIK or MyKad' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  birthDate?: string;

  @ApiPropertyOptional({ enum: sexes, description: 'Taken from a NIK or MyKad' })
  @IsOptional()
  @IsIn(sexes, { message: 'sex must be female or male' })
  sex?: string;

  @ApiPropertyOptional({ example: '+6281234567890' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  phone?: string;

  @ApiPropertyOptional({ example: 'Jl. El Tari 5, Oebobo, Kupang' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  address?: string;

  @ApiPropertyOptional({ type: BusinessProfileBody })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BusinessProfileBody)
  businessProfile?: BusinessProfileBody;
}

export class UpdateMemberBody {
  @ApiPropertyOptional({ nullable: true, description: 'null clears it' })
  @ValidateIf((body: UpdateMemberBody) => body.phone !== null && body.phone !== undefined)
  @IsString()
  @MaxLength(100)
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'null clears it' })
  @ValidateIf((body: UpdateMemberBody) => body.address !== null && body.address !== undefined)
  @IsString()
  @MaxLength(1000)
  address?: string | null;

  @ApiPropertyOptional({ type: BusinessProfileBody, description: 'Replaces the whole profile' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BusinessProfileBody)
  businessProfile?: BusinessProfileBody;
}

export class RelatedPartyBody {
  @ApiProperty({ enum: relatedPartyFlags, isArray: true, example: ['family'] })
  @IsArray()
  @IsIn(relatedPartyFlags, {
    each: true,
    message: `flags must each be one of ${relatedPartyFlags.join(', ')}`,
  })
  flags!: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Required with family: whose family' })
  @IsOptional()
  @IsString()
  relatedMemberId?: string | null;

  @ApiProperty({ example: 'spouse of the chair of the board, per the 2026 RAT minutes' })
  @IsString()
  @MaxLength(1000)
  reason!: string;
}

export class MemberSearchQuery {
  @ApiPropertyOptional({ description: 'Part of a name, a member number or an identity number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Cursor: the `next` value of the previous page' })
  @IsOptional()
  @Matches(/^\d{6,18}$/, { message: 'after must be a cursor from a previous page' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
