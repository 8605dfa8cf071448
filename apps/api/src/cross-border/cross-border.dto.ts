import {
  exposureScopes,
  settlementKinds,
  facilityCurrencies,
  facilitySectors,
  facilityStatuses,
  facilityTermKeys,
  financingPrograms,
  partnerStatuses,
  programKinds,
  renewalKinds,
} from '@lumbung/cross-border';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { UuidPageQuery } from '../http/uuid-page.query';

// Shapes only: what each value means (a country, a currency, a rate) is decided by
// libs/cross-border, which names the same fields.

export class PartnerRequest {
  @ApiProperty({ example: 'TL', description: 'ISO 3166-1 alpha-2; a country abroad' })
  @IsString()
  @MaxLength(10)
  country!: string;

  @ApiProperty({ example: 'Cooperativa de Crédito Hadomi Dili' })
  @IsString()
  @MaxLength(1000)
  legalName!: string;

  @ApiProperty({ example: 'TL-COOP-2019-0042' })
  @IsString()
  @MaxLength(1000)
  registryNumber!: string;

  @ApiProperty({ example: 'USD' })
  @IsString()
  @MaxLength(10)
  functionalCurrency!: string;

  @ApiProperty({ example: [{ fullName: 'Joana da Costa', position: 'Presidente' }] })
  @IsArray()
  officers!: unknown[];

  @ApiPropertyOptional({ default: false, description: 'An affiliated cooperative (BMPP)' })
  @IsOptional()
  @IsBoolean()
  relatedParty?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The partner’s own cooperative on Lumbung, when it keeps its books here too',
  })
  @IsOptional()
  @IsString()
  lumbungCooperativeId?: string;
}

export class PartnerChangeRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  legalName?: string;

  @ApiPropertyOptional({ example: [{ fullName: 'Joana da Costa', position: 'Presidente' }] })
  @IsOptional()
  @IsArray()
  officers?: unknown[];

  @ApiPropertyOptional({ enum: partnerStatuses })
  @IsOptional()
  @IsIn(partnerStatuses, { message: `status must be one of ${partnerStatuses.join(', ')}` })
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  relatedParty?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Set once, never changed' })
  @IsOptional()
  @IsString()
  lumbungCooperativeId?: string;
}

export class AgreementRequest {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  partnerId!: string;

  @ApiProperty({ example: 'PKS/KPG-DIL/2026/01' })
  @IsString()
  @MaxLength(1000)
  reference!: string;

  @ApiProperty({ example: 'Pembiayaan petani kopi Ermera melalui koperasi mitra' })
  @IsString()
  @MaxLength(1000)
  title!: string;

  @ApiProperty({ example: '2026-10-01' })
  @IsString()
  signedOn!: string;

  @ApiProperty({ example: '2026-10-01' })
  @IsString()
  effectiveFrom!: string;

  @ApiProperty({ example: '2029-09-30' })
  @IsString()
  effectiveTo!: string;

  @ApiPropertyOptional({ enum: renewalKinds, default: 'none' })
  @IsOptional()
  @IsString()
  renewal?: string;

  @ApiPropertyOptional({ example: 12, description: 'With automatic renewal' })
  @IsOptional()
  @IsInt()
  renewalMonths?: number;

  @ApiProperty({
    example: [{ kind: 'financing', commodities: ['coffee'] }, { kind: 'training' }],
    description: `kind: ${programKinds.join(', ')}`,
  })
  @IsArray()
  programs!: unknown[];
}

export class AgreementListQuery extends UuidPageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerId must be a UUID' })
  partnerId?: string;
}

export class FxRatesRequest {
  @ApiProperty({
    example: [
      {
        date: '2026-11-20',
        base: 'USD',
        quote: 'IDR',
        rate: '16250.5',
        source: 'Bank Indonesia JISDOR',
      },
    ],
    description: 'rate: units of quote per one base, at most 10 decimals',
  })
  @IsArray()
  rates!: unknown[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class FxRateListQuery extends UuidPageQuery {
  @ApiPropertyOptional({ example: '2026-11-20' })
  @IsOptional()
  @IsString()
  date?: string;

  @ApiPropertyOptional({ example: 'USD', description: 'Rates with this currency on either side' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  currency?: string;
}

export class ExposureLimitRequest {
  @ApiProperty({ enum: exposureScopes })
  @IsString()
  scope!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'With scope partner' })
  @IsOptional()
  @IsString()
  partnerId?: string;

  @ApiPropertyOptional({ example: 'TL', description: 'With scope country' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  country?: string;

  @ApiProperty({ example: '2000000000.00', description: 'In the functional currency' })
  @IsString()
  amount!: string;

  @ApiPropertyOptional({ example: 'IDR', description: 'When given, the functional currency' })
  @IsOptional()
  @IsString()
  currency?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class CrossBorderSettingsRequest {
  @ApiProperty({
    example: '1000000000.00',
    description: 'Facilities above this equivalent also need a supervisor',
  })
  @IsString()
  supervisorThreshold!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class FacilityRequestBody {
  @ApiProperty({ format: 'uuid', description: 'The borrower: always a partner cooperative' })
  @IsString()
  partnerId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsString()
  agreementId!: string;

  @ApiPropertyOptional({ enum: financingPrograms, default: 'financing' })
  @IsOptional()
  @IsString()
  program?: string;

  @ApiProperty({ enum: facilityCurrencies })
  @IsString()
  currency!: string;

  @ApiProperty({ example: '100000.00' })
  @IsString()
  limit!: string;

  @ApiProperty({ example: 24, description: 'Number of instalments' })
  @IsInt({ message: 'instalments must be a whole number' })
  instalments!: number;

  @ApiProperty({
    example: { method: 'annuity', ratePer: 'year', rate: '0.08' },
    description: `The loans schedule engine's terms: ${facilityTermKeys.join(', ')}`,
  })
  @IsObject()
  terms!: Record<string, unknown>;

  @ApiProperty({ example: 'Modal kerja petani kopi anggota koperasi mitra' })
  @IsString()
  @MaxLength(1000)
  purpose!: string;

  @ApiProperty({ enum: facilitySectors })
  @IsString()
  sector!: string;

  @ApiPropertyOptional({ example: 'coffee' })
  @IsOptional()
  @IsString()
  commodity?: string;
}

export class FacilityListQuery extends UuidPageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerId must be a UUID' })
  partnerId?: string;

  @ApiPropertyOptional({ enum: facilityStatuses })
  @IsOptional()
  @IsIn(facilityStatuses, { message: `status must be one of ${facilityStatuses.join(', ')}` })
  status?: (typeof facilityStatuses)[number];
}

export class DrawdownBody {
  @ApiProperty({ example: '25000.00', description: "In the facility's currency" })
  @IsString()
  amount!: string;

  @ApiProperty({ example: 'USD', description: "The facility's currency" })
  @IsString()
  currency!: string;
}

export class FacilityRepaymentBody {
  @ApiProperty({
    example: '1200.00',
    description: 'Interest due, then principal due, then principal of later instalments',
  })
  @IsString()
  amount!: string;

  @ApiProperty({ example: 'USD', description: "The facility's currency" })
  @IsString()
  currency!: string;

  @ApiPropertyOptional({ example: '50.00', description: 'A fee, to fee income' })
  @IsOptional()
  @IsString()
  fee?: string;
}

export class RevaluationQuery {
  @ApiProperty({ example: '2026-11', description: 'The month revalued, YYYY-MM' })
  @IsString()
  month!: string;
}

export class SettlementBody {
  @ApiProperty({ format: 'uuid', description: 'The id the lender’s drawdown or repayment gave' })
  @IsString()
  settlementId!: string;

  @ApiProperty({ format: 'uuid', description: 'The lender, as a partner of this cooperative' })
  @IsString()
  partnerId!: string;

  @ApiProperty({ enum: settlementKinds })
  @IsString()
  kind!: string;

  @ApiProperty({ example: '60000.00' })
  @IsString()
  amount!: string;

  @ApiProperty({ example: 'USD', description: 'This cooperative’s functional currency' })
  @IsString()
  currency!: string;

  @ApiPropertyOptional({ example: '400.00', description: 'Of a repayment: the interest in it' })
  @IsOptional()
  @IsString()
  interest?: string;
}

export class ReconciliationQuery {
  @ApiProperty({ format: 'uuid', description: 'A partner linked to a cooperative on Lumbung' })
  @IsString()
  partnerId!: string;
}
