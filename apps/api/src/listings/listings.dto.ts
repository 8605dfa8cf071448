import { listingFormats } from '@lumbung/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';

// Shapes only: the libs decide what a date, a period or a format may be.

class ListingFormatQuery {
  @ApiPropertyOptional({
    enum: listingFormats,
    default: 'json',
    description: 'json pages through the listing; csv and xlsx hold all of it',
  })
  @IsOptional()
  @IsString()
  format?: string;
}

class ListingPageQuery extends ListingFormatQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100, description: 'json only' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export const defaultListingLimit = 100;

/** A listing as of a day that is over, paged by account or loan number. */
export class ListingAsOfQuery extends ListingPageQuery {
  @ApiPropertyOptional({
    example: '2027-03-31',
    description: 'The day listed, before the business date (default the day before it)',
  })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Cursor: the `next` of the previous page (json only)' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z-]{1,40}$/, { message: 'after must be a cursor from a previous page' })
  after?: string;
}

export class ListingPeriodQuery extends ListingFormatQuery {
  @ApiPropertyOptional({ example: '2027-01-01', description: 'First business date (required)' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: 'Last business date (required)' })
  @IsOptional()
  @IsString()
  to?: string;
}

export class AuditListingQuery extends ListingPageQuery {
  @ApiPropertyOptional({ example: '2027-01-01', description: 'First business date (required)' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: 'Last business date (required)' })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({ description: 'Cursor: the `next` of the previous page (json only)' })
  @IsOptional()
  @IsUUID('all', { message: 'after must be a cursor from a previous page' })
  after?: string;
}
