import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export class AsOfQuery {
  @ApiPropertyOptional({
    description: 'Value date the balance runs to (YYYY-MM-DD); live balance when omitted',
  })
  @IsOptional()
  @Matches(datePattern, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string;
}

export class PageQuery {
  @ApiPropertyOptional({ description: 'Cursor: the `next` value of the previous page' })
  @IsOptional()
  @Matches(/^[\w.-]{1,64}$/, { message: 'after must be a cursor from a previous page' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
