import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** One line: a leaf by code and either a debit or a credit (checked with the whole journal). */
export class JournalLineBody {
  @ApiProperty({ example: '5-2107' })
  @IsString()
  accountCode!: string;

  @ApiPropertyOptional({ example: '25000.00', description: 'Decimal string; or credit' })
  @IsOptional()
  @IsString()
  debit?: string;

  @ApiPropertyOptional({ example: '25000.00', description: 'Decimal string; or debit' })
  @IsOptional()
  @IsString()
  credit?: string;

  @ApiProperty({ example: 'IDR', description: "The account's currency, the functional one" })
  @IsString()
  currency!: string;

  @ApiPropertyOptional({
    enum: ['member', 'non_member', 'partner_cooperative'],
    description: 'Required on income and expense accounts',
  })
  @IsOptional()
  @IsString()
  counterpartyClass?: string;

  @ApiPropertyOptional({
    example: { program: 'operasional', region: 'NTT' },
    description: 'agreementId (UUID), program, sector, commodity, region',
  })
  @IsOptional()
  @IsObject()
  dimensions?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Defaults to the attachment reference' })
  @IsOptional()
  @IsString()
  memo?: string;
}

export class JournalDraftBody {
  @ApiProperty({ example: 'Biaya administrasi bank November' })
  @IsString()
  description!: string;

  @ApiProperty({
    example: 'Rekening koran BRI 11/2026 hal. 3',
    description: 'The document the cooperative keeps for this journal (number or URL)',
  })
  @IsString()
  attachmentReference!: string;

  @ApiPropertyOptional({
    example: '2026-11-18',
    description: 'Back-dating inside an open month; the business date of approval when omitted',
  })
  @IsOptional()
  @IsString()
  valueDate?: string;

  @ApiProperty({ type: [JournalLineBody] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => JournalLineBody)
  lines!: JournalLineBody[];
}

export class JournalListQuery {
  @ApiPropertyOptional({ enum: ['pending', 'posted', 'rejected', 'cancelled'] })
  @IsOptional()
  @IsIn(['pending', 'posted', 'rejected', 'cancelled'])
  status?: string;

  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @IsOptional()
  @IsUUID()
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
