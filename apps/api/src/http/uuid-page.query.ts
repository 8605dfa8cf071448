import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** Cursor paging over UUIDv7 ids (time-ordered): `after` is the last id of the previous page. */
export class UuidPageQuery {
  @ApiPropertyOptional({ description: 'Cursor: the `next` value of the previous page' })
  @IsOptional()
  @IsUUID('all', { message: 'after must be a cursor from a previous page' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
