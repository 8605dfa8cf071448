import { interestMethods } from '@lumbung/loans';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString } from 'class-validator';

// Shapes only: libs/loans decides what a term, a rate or a method may be.

export class RestructuringRequestBody {
  @ApiProperty({
    example: 18,
    description: 'Instalments of the new schedule, from the day approved',
  })
  @IsInt({ message: 'instalments must be a whole number' })
  instalments!: number;

  @ApiPropertyOptional({
    example: '0.008',
    description: 'Per the loan’s rate unit, at most the product maximum; default the loan’s rate',
  })
  @IsOptional()
  @IsString()
  rate?: string;

  @ApiPropertyOptional({ enum: interestMethods, description: 'Default the loan’s method' })
  @IsOptional()
  @IsString()
  method?: string;

  @ApiPropertyOptional({ example: 0, description: 'Interest-only instalments at the start' })
  @IsOptional()
  @IsInt({ message: 'graceInstalments must be a whole number' })
  graceInstalments?: number;

  @ApiPropertyOptional({
    default: false,
    description:
      'Interest accrued and unpaid on the day becomes principal of the new schedule; otherwise it stays owed where it fell due',
  })
  @IsOptional()
  @IsBoolean()
  capitaliseInterest?: boolean;

  @ApiProperty({ example: 'Gagal panen: angsuran diperpanjang 18 bulan' })
  @IsString()
  reason!: string;
}
