import { exposureDimensions, reportFormats } from '@lumbung/cross-border';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

// Shapes only: libs/cross-border decides what a date, a dimension or a format may be.

export class ReportQueryDto {
  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Value date the books are read to, not after the business date (default it)',
  })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiPropertyOptional({ enum: reportFormats, default: 'json' })
  @IsOptional()
  @IsString()
  format?: string;
}

export class ExposureReportQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    example: 'country,partner',
    description: `Dimensions, separated by commas: ${exposureDimensions.join(', ')} (default all)`,
  })
  @IsOptional()
  @IsString()
  by?: string;
}
