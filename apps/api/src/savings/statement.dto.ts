import {
  type Language,
  type StatementFormat,
  statementFormats,
  statementLanguages,
} from '@lumbung/savings';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The language of headers, descriptions and money on paper; Indonesian unless asked. */
export class LanguageQuery {
  @ApiPropertyOptional({ enum: statementLanguages, default: 'id' })
  @IsOptional()
  @IsIn(statementLanguages, { message: `lang must be one of ${statementLanguages.join(', ')}` })
  lang?: Language;
}

export class StatementQuery extends LanguageQuery {
  @ApiProperty({ example: '2026-11-01', description: 'First value date of the period' })
  @Matches(datePattern, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last value date of the period' })
  @Matches(datePattern, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ enum: statementFormats, default: 'json' })
  @IsOptional()
  @IsIn(statementFormats, { message: `format must be one of ${statementFormats.join(', ')}` })
  format?: StatementFormat;
}
