import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export class OpenBankAccountBody {
  @ApiProperty({ example: 'Bank NTT' })
  @IsString()
  bankName!: string;

  @ApiProperty({ example: '001.02.03456-7' })
  @IsString()
  accountNumber!: string;

  @ApiProperty({ example: 'KSP Kupang Sejahtera' })
  @IsString()
  accountName!: string;

  @ApiPropertyOptional({
    example: '1-1201',
    description: 'An existing leaf under 1-12 to register; a new leaf 1-12-NNNN when omitted',
  })
  @IsOptional()
  @IsString()
  ledgerAccountCode?: string;
}

export class ToleranceQuery {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 10,
    default: 3,
    description: 'How many days a posting’s value date may be from the statement line’s',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  toleranceDays?: number;
}

export class ReconciliationQuery {
  @ApiProperty({ example: '2026-11-01' })
  @Matches(datePattern, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-30' })
  @Matches(datePattern, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;
}
