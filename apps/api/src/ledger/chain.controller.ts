import { ChainVerificationService, type Cooperative, parseChainHead } from '@lumbung/ledger';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { readerRoles } from '@lumbung/auth';
import { Allow } from '../auth/access';
import { CooperativeScopeGuard, ScopedCooperative } from './cooperative-scope.guard';

export class VerificationQuery {
  @ApiPropertyOptional({
    description: 'A chain head kept earlier, `<block sequence>:<hash>`: is it still included?',
    example: '12:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  @IsOptional()
  @IsString()
  head?: string;
}

/**
 * The tamper-evident journal for auditors (DESIGN.md section 3, Sealing). Read only; findings
 * are the answer, not an error, so a verification with findings is still 200 with `ok: false`.
 */
@ApiTags('chain')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Allow(...readerRoles)
@UseGuards(CooperativeScopeGuard)
@Controller('cooperatives/:cooperativeId/chain')
export class ChainController {
  constructor(private readonly chain: ChainVerificationService) {}

  @Get('verification')
  @ApiOkResponse({
    description: 'Every block recomputed; findings list what is wrong, if anything',
  })
  verification(@ScopedCooperative() cooperative: Cooperative, @Query() query: VerificationQuery) {
    const kept = query.head === undefined ? undefined : parseChainHead(query.head, 'head');
    return this.chain.verify(cooperative.id, kept);
  }

  @Get('head')
  @ApiOkResponse({
    description: 'The latest sealed block; keep `<sequence>:<hash>` outside Lumbung',
  })
  async head(@ScopedCooperative() cooperative: Cooperative) {
    const head = await this.chain.head(cooperative.id);
    return { ...head, head: `${head.sequence}:${head.hash}` };
  }
}
