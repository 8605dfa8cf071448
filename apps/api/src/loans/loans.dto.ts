import { collateralDocuments, collateralKinds, loanSectors, loanStatuses } from '@lumbung/loans';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const decimal = /^\d+(\.\d+)?$/;

export class LoanProductChangeRequest {
  @ApiProperty({ example: 'MODAL-USAHA' })
  @IsString()
  code!: string;

  @ApiProperty({ example: 'Pinjaman Modal Usaha' })
  @IsString()
  name!: string;

  @ApiProperty({ example: 'IDR' })
  @IsString()
  currency!: string;

  @ApiProperty({
    description: 'The lending rules (README, Loans)',
    example: {
      method: 'flat',
      ratePer: 'month',
      rate: '0.01',
      maxRate: '0.015',
      frequency: { unit: 'month', every: 1 },
      minTerm: 3,
      maxTerm: 36,
      minAmount: '500000',
      maxAmount: '50000000',
      fees: [{ kind: 'provisi', basis: 'percent', value: '0.01', treatment: 'deducted' }],
      penalty: { basis: 'rate', value: '0.001', per: 'day', graceDays: 3 },
      roundingUnit: '100',
    },
  })
  @IsObject()
  terms!: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['active', 'retired'] })
  @IsOptional()
  @IsIn(['active', 'retired'])
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class LendingLimitsRequest {
  @ApiProperty({
    example: '0.10',
    description: 'Related parties together, fraction of own capital',
  })
  @IsString()
  relatedPartyLimit!: string;

  @ApiPropertyOptional({ example: '0.20', nullable: true })
  @IsOptional()
  @IsString()
  singleBorrowerLimit?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class LoanApplicationRequest {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  memberId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsString()
  productId!: string;

  @ApiProperty({ example: '9000000.00' })
  @IsString()
  amount!: string;

  @ApiProperty({
    example: 12,
    description: 'The number of instalments, within the product’s terms',
  })
  @IsInt({ message: 'instalments must be a whole number' })
  instalments!: number;

  @ApiPropertyOptional({
    example: '0.01',
    description: 'Per the product’s rate unit; default the product rate',
  })
  @IsOptional()
  @IsString()
  rate?: string;

  @ApiProperty({ example: 'Mesin tempel untuk perahu' })
  @IsString()
  purpose!: string;

  @ApiProperty({ enum: loanSectors })
  @IsString()
  sector!: string;

  @ApiPropertyOptional({ example: 'fish' })
  @IsOptional()
  @IsString()
  commodity?: string;

  @ApiPropertyOptional({
    example: '53',
    description:
      'Where the business is: a Kemendagri province code, or an ISO country code abroad; default the member’s business profile',
  })
  @IsOptional()
  @IsString()
  region?: string;

  @ApiPropertyOptional({
    example: [
      {
        kind: 'vehicle',
        description: 'Sepeda motor Honda 2019',
        documentType: 'bpkb',
        documentNumber: 'BPKB-DH-1234',
        valuation: '12000000',
        inCustody: true,
      },
    ],
    description: `kind: ${collateralKinds.join(', ')}; documentType: ${collateralDocuments.join(', ')}`,
  })
  @IsOptional()
  @IsArray()
  collateral?: unknown[];

  @ApiPropertyOptional({
    example: [{ fullName: 'Maria Bere', relationship: 'spouse' }],
  })
  @IsOptional()
  @IsArray()
  guarantors?: unknown[];
}

export class LoanListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({ enum: loanStatuses })
  @IsOptional()
  @IsIn(loanStatuses)
  status?: (typeof loanStatuses)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'The cursor from the previous page' })
  @IsOptional()
  @IsUUID()
  after?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class MoneyChannelRequest {
  @ApiProperty({ enum: ['cash', 'savings'] })
  @IsIn(['cash', 'savings'], { message: 'channel must be cash or savings' })
  channel!: 'cash' | 'savings';

  @ApiPropertyOptional({ format: 'uuid', description: 'The member’s sukarela account' })
  @IsOptional()
  @IsString()
  savingsAccountId?: string;
}

export class RepaymentRequestBody extends MoneyChannelRequest {
  @ApiProperty({ example: '840000.00' })
  @Matches(decimal, { message: 'amount must be a decimal string such as "840000.00"' })
  amount!: string;
}

export class PayoffRequestBody extends MoneyChannelRequest {
  @ApiPropertyOptional({ example: '5100000.00', description: 'When given, must equal the quote' })
  @IsOptional()
  @Matches(decimal, { message: 'amount must be a decimal string such as "5100000.00"' })
  amount?: string;
}

export class DateQuery {
  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsString()
  date?: string;
}
