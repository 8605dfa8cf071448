import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, MaxLength, Min, IsOptional } from 'class-validator';
import { LanguageQuery } from './statement.dto';

const printFormats = ['json', 'pdf'] as const;

export class PassbookPrintQuery extends LanguageQuery {
  @ApiPropertyOptional({ enum: printFormats, default: 'json' })
  @IsOptional()
  @IsIn(printFormats, { message: `format must be one of ${printFormats.join(', ')}` })
  format?: (typeof printFormats)[number];
}

export class PassbookReprintRequest {
  @ApiProperty({
    minimum: 1,
    example: 1,
    description: 'The line the replacement passbook starts at',
  })
  @IsInt({ message: 'fromLine must be a whole number' })
  @Min(1, { message: 'fromLine must be 1 or more' })
  fromLine!: number;

  @ApiProperty({ example: 'Buku lama hilang' })
  @IsString()
  @IsNotEmpty({ message: 'reason is required for a replacement passbook' })
  @MaxLength(1000)
  reason!: string;
}
