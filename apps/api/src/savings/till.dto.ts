import { transferDirections } from '@lumbung/savings';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { UuidPageQuery } from '../http/uuid-page.query';

// Amounts and denominations are checked as money by libs/savings (minor units, range), which
// names the field; the DTOs only hold the shape.

export class TillOpenRequest {
  @ApiProperty({ example: 'IDR', description: "The cooperative's functional currency" })
  @IsString()
  currency!: string;

  @ApiProperty({ example: '5000000.00', description: 'Cash taken from the vault; "0" for none' })
  @IsString()
  float!: string;
}

export class TillTransferRequest {
  @ApiProperty({ example: 'IDR' })
  @IsString()
  currency!: string;

  @ApiProperty({ enum: transferDirections })
  @IsIn(transferDirections, { message: `direction must be ${transferDirections.join(' or ')}` })
  direction!: (typeof transferDirections)[number];

  @ApiProperty({ example: '2000000.00' })
  @IsString()
  amount!: string;
}

export class CashCountLine {
  @ApiProperty({ example: '100000', description: 'A note or coin of the currency' })
  @IsString()
  denomination!: string;

  @ApiProperty({ example: 42, minimum: 0 })
  @IsInt()
  @Min(0)
  pieces!: number;
}

export class TillCloseRequest {
  @ApiProperty({ example: 'IDR' })
  @IsString()
  currency!: string;

  @ApiProperty({ type: [CashCountLine], description: 'The cash in the drawer, by denomination' })
  @IsArray()
  @ArrayNotEmpty({ message: 'count must list the cash counted by denomination' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CashCountLine)
  count!: CashCountLine[];
}

export class TillSessionQuery extends UuidPageQuery {
  @ApiPropertyOptional({ example: '2026-11-20', description: 'Default: the current business date' })
  @IsOptional()
  @IsString()
  businessDate?: string;
}
