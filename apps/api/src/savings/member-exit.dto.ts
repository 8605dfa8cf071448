import { identityTypes } from '@lumbung/members';
import { exitReasons } from '@lumbung/savings';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

// Shapes only: which reasons need heirs, and the limits, are decided by libs/savings.

export class HeirIdentityBody {
  @ApiProperty({ enum: identityTypes })
  @IsIn(identityTypes, { message: `type must be one of ${identityTypes.join(', ')}` })
  type!: string;

  @ApiProperty({ example: '5371014507900001' })
  @IsString()
  @MaxLength(100)
  number!: string;
}

export class HeirBody {
  @ApiProperty({ example: 'Maria Soares' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'spouse' })
  @IsString()
  @MaxLength(100)
  relationship!: string;

  @ApiPropertyOptional({ type: HeirIdentityBody })
  @IsOptional()
  @ValidateNested()
  @Type(() => HeirIdentityBody)
  identity?: HeirIdentityBody;
}

export class MemberExitBody {
  @ApiProperty({ enum: exitReasons, description: 'death pays the heirs' })
  @IsIn(exitReasons, { message: `reason must be one of ${exitReasons.join(', ')}` })
  reason!: string;

  @ApiProperty({ example: 'Moved to Dili; letter of resignation dated 2026-11-02' })
  @IsString()
  @MaxLength(1000)
  note!: string;

  @ApiPropertyOptional({ type: [HeirBody], description: 'Required on death, refused on exit' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => HeirBody)
  heirs?: HeirBody[];
}
