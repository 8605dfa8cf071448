import { type Principal } from '@lumbung/auth';
import { IdempotentRequests, TransactionScope } from '@lumbung/database';
import { CutoverService } from '@lumbung/onboarding';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access';
import { IdempotencyKey, type IdempotencyInput, MovesMoney } from '../http/idempotency';
import { CutoverBody } from './cutover.dto';

/**
 * Going live (docs/cutover.md): a manager checks the opening files (every problem by file, row
 * and column, nothing written) and commits them once. Managers only: the commit moves money, so
 * never an admin. Bodies are JSON within the api's 100 KB limit; larger file sets go through
 * the CLI (`cutover`).
 */
@ApiTags('cutover')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/cutover')
export class CutoverController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly idempotent: IdempotentRequests,
    private readonly cutover: CutoverService,
  ) {}

  @Post('dry-run')
  @HttpCode(200)
  @Allow('manager')
  dryRun(@Param('cooperativeId') cooperativeId: string, @Body() body: CutoverBody) {
    return this.scope.run((tx) => this.cutover.dryRun(tx, cooperativeId, body), {
      isolation: 'REPEATABLE READ',
      readOnly: true,
    });
  }

  @Post()
  @Allow('manager')
  @MovesMoney()
  commit(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: CutoverBody,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.cutover.commit(tx, cooperativeId, body, { actorId: principal.userId }),
      })),
    );
  }
}
