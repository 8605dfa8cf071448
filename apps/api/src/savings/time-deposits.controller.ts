import { type Principal, readerRoles } from '@lumbung/auth';
import { IdempotentRequests, TransactionScope } from '@lumbung/database';
import { TimeDepositService } from '@lumbung/savings';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Allow, CurrentPrincipal } from '../auth/access';
import { IdempotencyKey, type IdempotencyInput, MovesMoney } from '../http/idempotency';
import { CashRequestBody } from './savings.dto';

export class PlacementBody extends CashRequestBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'memberId must be a member id (uuid)' })
  memberId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId must be a time deposit product id (uuid)' })
  productId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Fund from this voluntary account; cash when absent',
  })
  @IsOptional()
  @IsUUID('all', { message: 'fromAccountId must be a savings account id (uuid)' })
  fromAccountId?: string;
}

export class SettleBody {
  @ApiPropertyOptional({ description: 'End before maturity: the penalty applies, no interest' })
  @IsOptional()
  @IsBoolean({ message: 'early must be true or false' })
  early?: boolean;
}

/** Simpanan berjangka: placing, settling at maturity (or early), reading the placements. */
@ApiTags('savings')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/time-deposits')
export class TimeDepositsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly idempotent: IdempotentRequests,
    private readonly deposits: TimeDepositService,
  ) {}

  @Post()
  @Allow('teller')
  @MovesMoney()
  place(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: PlacementBody,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.deposits.place(tx, cooperativeId, teller.userId, body),
      })),
    );
  }

  @Post(':accountId/settlement')
  @Allow('teller')
  @MovesMoney()
  settle(
    @Param('cooperativeId') cooperativeId: string,
    @Param('accountId') accountId: string,
    @Body() body: SettleBody,
    @CurrentPrincipal() teller: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 201,
        body: await this.deposits.settle(tx, cooperativeId, teller.userId, accountId, {
          early: body.early === true,
        }),
      })),
    );
  }

  @Get(':accountId')
  @Allow(...readerRoles)
  view(@Param('cooperativeId') cooperativeId: string, @Param('accountId') accountId: string) {
    return this.scope.run((tx) => this.deposits.view(tx, cooperativeId, accountId), {
      isolation: 'REPEATABLE READ',
      readOnly: true,
    });
  }
}
