import { statementFormats } from '@lumbung/exports';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

// Shapes only: libs/exports checks the period and the format together (every problem named).

export class FinancialStatementsQuery {
  @ApiProperty({ example: '2026-01-01', description: 'First value date of the period' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiProperty({
    example: '2026-12-31',
    description: 'Last value date of the period, no later than the business date',
  })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({ enum: statementFormats, default: 'json' })
  @IsOptional()
  @IsString()
  format?: string;
}
