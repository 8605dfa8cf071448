import { collectibilityPresets, loanGrades } from '@lumbung/loans';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class CollectibilityChangeRequest {
  @ApiProperty({ enum: collectibilityPresets, example: 'cooperative' })
  @IsIn(collectibilityPresets)
  preset!: string;

  @ApiPropertyOptional({
    description:
      'Provision (PPAP) rate per grade of the preset as a fraction; default DOMAIN.md: lancar 0.005, dalam-perhatian-khusus 0.03, kurang-lancar 0.1, diragukan 0.5, macet 1',
    example: { lancar: '0.005', 'kurang-lancar': '0.1', diragukan: '0.5', macet: '1' },
  })
  @IsOptional()
  @IsObject()
  provisionRates?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Credit per collateral class as a fraction of its valuation',
    example: { 'cash-deposit': '1', land: '0.8', vehicle: '0.5' },
  })
  @IsOptional()
  @IsObject()
  collateralCredit?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class DowngradeRequestBody {
  @ApiProperty({ enum: loanGrades, example: 'diragukan' })
  @IsIn(loanGrades)
  grade!: string;

  @ApiProperty({ example: 'Usaha peminjam tutup sejak banjir' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
