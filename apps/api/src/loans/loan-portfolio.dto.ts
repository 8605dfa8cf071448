import { portfolioReportFormats } from '@lumbung/loans';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

// Shapes only: libs/loans decides what a date or a format may be.

export class PortfolioQueryDto {
  @ApiPropertyOptional({
    example: '2027-03-25',
    description: 'The day reported, before the business date (default the day before it)',
  })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiPropertyOptional({ enum: portfolioReportFormats, default: 'json' })
  @IsOptional()
  @IsString()
  format?: string;
}
