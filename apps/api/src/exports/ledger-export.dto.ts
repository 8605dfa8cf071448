import { ledgerExportFormats } from '@lumbung/exports';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';

/** Checked as a whole by ledgerExportRange (every problem named at once); here only declared. */
class LedgerExportPeriod {
  @ApiProperty({ example: '2026-01-01', description: 'First value date of the range' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last value date of the range' })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiProperty({ enum: ledgerExportFormats })
  @IsOptional()
  @IsString()
  format?: string;
}

/** The streamed export's query; `wholeBlocks` a query string flag. */
export class LedgerExportQuery extends LedgerExportPeriod {
  @ApiProperty({
    required: false,
    enum: ['true', 'false'],
    description:
      'Widen to whole chain blocks with every hashed column, for verify-chain --export (jsonl only)',
  })
  @IsOptional()
  @IsString()
  wholeBlocks?: string;
}

/** The streamed export's inputs as the body of an export job; `wholeBlocks` a JSON boolean. */
export class LedgerExportJobRequest extends LedgerExportPeriod {
  @ApiProperty({
    required: false,
    description: 'Widen to whole chain blocks, for verify-chain --export (jsonl only)',
  })
  @IsOptional()
  @IsBoolean()
  wholeBlocks?: boolean;
}
