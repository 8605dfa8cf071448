import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, ValidateNested } from 'class-validator';

/** The file set as CSV text, one property a file (docs/cutover.md). */
export class CutoverFilesBody {
  @ApiProperty({ description: 'members.csv' })
  @IsString()
  members!: string;

  @ApiProperty({ description: 'savings.csv' })
  @IsString()
  savings!: string;

  @ApiProperty({ description: 'loans.csv' })
  @IsString()
  loans!: string;

  @ApiProperty({ description: 'loan-schedule.csv' })
  @IsString()
  loanSchedule!: string;

  @ApiProperty({ description: 'collateral.csv' })
  @IsString()
  collateral!: string;

  @ApiProperty({ description: 'gl.csv' })
  @IsString()
  gl!: string;
}

export class CutoverBody {
  @ApiProperty({ example: '2026-07-01', description: 'The first of a month, the business date' })
  @IsString()
  cutoverDate!: string;

  @ApiProperty({ type: CutoverFilesBody })
  @ValidateNested()
  @Type(() => CutoverFilesBody)
  files!: CutoverFilesBody;
}
