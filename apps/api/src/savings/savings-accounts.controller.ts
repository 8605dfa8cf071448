import { type Principal, readerRoles, rolesIn } from '@lumbung/auth';
import { IdempotentRequests, TransactionScope } from '@lumbung/database';
import type { ApprovalRequestView } from '@lumbung/approvals';
import {
  type CashRequest,
  DormancyService,
  type Receipt,
  MemberTransferService,
  SavingsAccountService,
  TellerOperations,
} from '@lumbung/savings';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access';
import { ReasonRequest } from '../auth/users.controller';
import { IdempotencyKey, type IdempotencyInput, MovesMoney } from '../http/idempotency';
import {
  CashRequestBody,
  OpenAccountRequest,
  TransferRequestBody,
  WajibRequestBody,
} from './savings.dto';

/**
 * Members' savings accounts and the teller's operations on them. Every operation that moves
 * money needs an Idempotency-Key: a retry replays the first receipt. 201 with the receipt, or
 * 202 with an approval request when the amount is above the teller limit.
 */
@ApiTags('savings')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class SavingsAccountsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly idempotent: IdempotentRequests,
    private readonly accounts: SavingsAccountService,
    private readonly operations: TellerOperations,
    private readonly transfers: MemberTransferService,
    private readonly dormancy: DormancyService,
  ) {}

  @Post('savings-accounts')
  @Allow('teller', 'manager')
  open(@Param('cooperativeId') cooperativeId: string, @Body() body: OpenAccountRequest) {
    return this.scope.run((tx) => this.accounts.open(tx, cooperativeId, body));
  }

  @Get('savings-accounts/:accountId')
  @Allow(...readerRoles)
  account(@Param('cooperativeId') cooperativeId: string, @Param('accountId') accountId: string) {
    return this.scope.run((tx) => this.accounts.view(tx, cooperativeId, accountId), {
      isolation: 'REPEATABLE READ',
      readOnly: true,
    });
  }

  @Get('members/:memberId/savings-accounts')
  @Allow(...readerRoles)
  ofMember(@Param('cooperativeId') cooperativeId: string, @Param('memberId') memberId: string) {
    return this.scope.run((tx) => this.accounts.ofMember(tx, cooperativeId, memberId), {
      isolation: 'REPEATABLE READ',
      readOnly: true,
    });
  }

  /** A dormant account moves money again only once reactivated, with the reason on record. */
  @Post('savings-accounts/:accountId/reactivation')
  @HttpCode(200)
  @Allow('teller', 'manager')
  reactivate(
    @Param('cooperativeId') cooperativeId: string,
    @Param('accountId') accountId: string,
    @Body() body: ReasonRequest,
  ) {
    return this.scope.run((tx) =>
      this.dormancy.reactivate(tx, cooperativeId, accountId, body.reason),
    );
  }

  @Post('savings-accounts/:accountId/deposits')
  @Allow('teller')
  @MovesMoney()
  deposit(
    @Param('cooperativeId') cooperativeId: string,
    @Param('accountId') accountId: string,
    @Body() body: CashRequestBody,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.cash(cooperativeId, teller, key, { operation: 'deposit', accountId, ...body });
  }

  @Post('savings-accounts/:accountId/withdrawals')
  @Allow('teller')
  @MovesMoney()
  withdraw(
    @Param('cooperativeId') cooperativeId: string,
    @Param('accountId') accountId: string,
    @Body() body: CashRequestBody,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.cash(cooperativeId, teller, key, { operation: 'withdrawal', accountId, ...body });
  }

  @Post('savings-accounts/:accountId/wajib-collections')
  @Allow('teller')
  @MovesMoney()
  collectWajib(
    @Param('cooperativeId') cooperativeId: string,
    @Param('accountId') accountId: string,
    @Body() body: WajibRequestBody,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.cash(cooperativeId, teller, key, {
      operation: 'wajib',
      accountId,
      months: body.months,
    });
  }

  @Post('savings-transfers')
  @Allow('teller')
  @MovesMoney()
  transfer(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: TransferRequestBody,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.transfers.transfer(tx, cooperativeId, teller.userId, body),
      })),
    );
  }

  private cash(
    cooperativeId: string,
    teller: Principal,
    key: IdempotencyInput,
    request: CashRequest,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run<Receipt | ApprovalRequestView>(
        tx,
        { cooperativeId, ...key },
        async () => {
          const outcome = await this.operations.submit(
            tx,
            cooperativeId,
            { userId: teller.userId, roles: rolesIn(teller, cooperativeId) },
            request,
          );
          return outcome.status === 'done'
            ? { status: 201, body: outcome.receipt }
            : { status: 202, body: outcome.approval };
        },
      ),
    );
  }
}
