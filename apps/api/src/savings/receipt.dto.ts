import { type ReceiptFormat, receiptFormats } from '@lumbung/savings';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LanguageQuery } from './statement.dto';

export class ReceiptQuery extends LanguageQuery {
  @ApiPropertyOptional({ enum: receiptFormats, default: 'json' })
  @IsOptional()
  @IsIn(receiptFormats, { message: `format must be one of ${receiptFormats.join(', ')}` })
  format?: ReceiptFormat;
}
