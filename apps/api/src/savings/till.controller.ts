import { createHash } from 'node:crypto';
import type { ApprovalRequestView } from '@lumbung/approvals';
import { type Principal } from '@lumbung/auth';
import { IdempotentRequests, TransactionScope, type Tx } from '@lumbung/database';
import { type TillSession, TillService, type TillTeller } from '@lumbung/savings';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access';
import { IdempotencyKey, type IdempotencyInput, MovesMoney } from '../http/idempotency';
import {
  TillCloseRequest,
  TillOpenRequest,
  TillSessionQuery,
  TillTransferRequest,
} from './till.dto';

const tellerOf = (principal: Principal): TillTeller => ({
  userId: principal.userId,
  username: principal.username,
});

/**
 * The vault and the tellers' tills. A teller acts on their own till only (`tills/mine`); opening,
 * transfers and the close move cash, so each needs an Idempotency-Key and a retry replays the
 * first response. A close whose count differs from the book answers 202 with the approval
 * request a manager must decide.
 */
@ApiTags('tills')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class TillController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly idempotent: IdempotentRequests,
    private readonly tills: TillService,
  ) {}

  @Post('tills/mine/open')
  @Allow('teller')
  @MovesMoney()
  open(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: TillOpenRequest,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.once(cooperativeId, teller, key, async (tx) => ({
      status: 201,
      body: await this.tills.open(tx, cooperativeId, tellerOf(teller), body),
    }));
  }

  @Post('tills/mine/transfers')
  @Allow('teller')
  @MovesMoney()
  transfer(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: TillTransferRequest,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.once(cooperativeId, teller, key, async (tx) => ({
      status: 201,
      body: await this.tills.transfer(tx, cooperativeId, tellerOf(teller), body),
    }));
  }

  @Post('tills/mine/close')
  @Allow('teller')
  @MovesMoney()
  close(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: TillCloseRequest,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.once<TillSession | ApprovalRequestView>(cooperativeId, teller, key, async (tx) => {
      const outcome = await this.tills.close(tx, cooperativeId, tellerOf(teller), body);
      return outcome.status === 'closed'
        ? { status: 200, body: outcome.session }
        : { status: 202, body: outcome.approval };
    });
  }

  @Get('tills/mine')
  @Allow('teller')
  async mine(@Param('cooperativeId') cooperativeId: string, @CurrentPrincipal() teller: Principal) {
    const items = await this.scope.run(
      (tx) => this.tills.current(tx, cooperativeId, teller.userId),
      { readOnly: true },
    );
    return { items };
  }

  @Get('till-sessions')
  @Allow('manager', 'supervisor', 'auditor')
  sessions(@Param('cooperativeId') cooperativeId: string, @Query() query: TillSessionQuery) {
    return this.scope.run((tx) => this.tills.sessions(tx, cooperativeId, query), {
      isolation: 'REPEATABLE READ',
      readOnly: true,
    });
  }

  /**
   * The request hash also binds the teller: the route names no till, so the same key and body
   * from another teller is another request (refused as a reused key), never a replay of theirs.
   */
  private once<T>(
    cooperativeId: string,
    teller: Principal,
    key: IdempotencyInput,
    work: (tx: Tx) => Promise<{ status: number; body: T }>,
  ) {
    const requestHash = createHash('sha256')
      .update(`${key.requestHash}\n${teller.userId}`)
      .digest('hex');
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, key: key.key, requestHash }, () => work(tx)),
    );
  }
}
