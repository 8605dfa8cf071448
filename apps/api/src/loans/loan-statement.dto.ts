import { type LoanStatementFormat, loanStatementFormats } from '@lumbung/loans';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { LanguageQuery } from '../savings/statement.dto';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The savings statement's query, with the period optional: a loan's whole life by default. */
export class LoanStatementQuery extends LanguageQuery {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'First value date; default the day the loan was applied for',
  })
  @IsOptional()
  @Matches(datePattern, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({
    example: '2027-04-30',
    description: 'Last value date; default the business date',
  })
  @IsOptional()
  @Matches(datePattern, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: loanStatementFormats, default: 'json' })
  @IsOptional()
  @IsIn(loanStatementFormats, {
    message: `format must be one of ${loanStatementFormats.join(', ')}`,
  })
  format?: LoanStatementFormat;
}
