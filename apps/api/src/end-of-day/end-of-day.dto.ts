import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class EndOfDayRunRequest {
  @ApiPropertyOptional({
    example: '2026-11-20',
    description: 'The business date to close. Default: the day before the business date',
  })
  @IsOptional()
  @IsString()
  date?: string;
}
