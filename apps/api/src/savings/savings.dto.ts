import { productKinds } from '@lumbung/savings';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const decimal = /^-?\d+(\.\d+)?$/;
const decimalMessage = (field: string) => `${field} must be a decimal string such as "150000.00"`;

export class ProductChangeRequest {
  @ApiProperty({ example: 'SUKARELA' })
  @IsString()
  code!: string;

  @ApiProperty({ enum: productKinds })
  @IsIn(productKinds, { message: `kind must be one of ${productKinds.join(', ')}` })
  kind!: string;

  @ApiProperty({ example: 'Tabungan Sukarela' })
  @IsString()
  name!: string;

  @ApiProperty({ example: 'IDR' })
  @IsString()
  currency!: string;

  @ApiProperty({
    description: 'The kind’s rules (README, Savings)',
    example: {
      annualRate: '0.04',
      rateRange: { min: '0.02', max: '0.06' },
      minimumBalance: '10000.00',
      dayCount: 'actual/365',
      dormantAfterDays: 365,
      withholding: null,
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
  @MaxLength(1000)
  reason?: string;
}

export class SettingsChangeRequest {
  @ApiProperty({ nullable: true, example: '10000000.00' })
  @IsOptional()
  @Matches(decimal, { message: decimalMessage('tellerLimit') })
  tellerLimit!: string | null;

  @ApiProperty({ nullable: true, example: '500000000.00' })
  @IsOptional()
  @Matches(decimal, { message: decimalMessage('cashReportThreshold') })
  cashReportThreshold!: string | null;

  @ApiPropertyOptional({ nullable: true, example: '100.00', description: 'Cash unit; null: none' })
  @IsOptional()
  @Matches(decimal, { message: decimalMessage('cashRoundingUnit') })
  cashRoundingUnit?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class OpenAccountRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'memberId must be a member id (uuid)' })
  memberId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId must be a product id (uuid)' })
  productId!: string;
}

export class CashRequestBody {
  @ApiProperty({ example: '150000.00' })
  @IsString()
  @IsNotEmpty()
  amount!: string;

  @ApiProperty({ example: 'IDR' })
  @IsString()
  @IsNotEmpty()
  currency!: string;
}

export class WajibRequestBody {
  @ApiProperty({ minimum: 1, maximum: 120, example: 3 })
  @IsInt({ message: 'months must be a whole number' })
  @Min(1)
  @Max(120)
  months!: number;
}

export class TransferRequestBody extends CashRequestBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'fromAccountId must be a savings account id (uuid)' })
  fromAccountId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'toAccountId must be a savings account id (uuid)' })
  toAccountId!: string;
}

export class DateRangeQuery {
  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}
