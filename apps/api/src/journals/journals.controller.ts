import { type Principal, readerRoles } from '@lumbung/auth';
import { IdempotentRequests, TransactionScope } from '@lumbung/database';
import { ManualJournalService } from '@lumbung/ledger';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { actorIn } from '../approvals/actor';
import { Allow, CurrentPrincipal } from '../auth/access';
import { IdempotencyKey, type IdempotencyInput, MovesMoney } from '../http/idempotency';
import { JournalDraftBody, JournalListQuery } from './journals.dto';

/**
 * Manual journals (BKM, BKK, BM vouchers): a teller or manager drafts one (202, an approval
 * request with the journal's id); a manager other than the maker approves it through
 * `POST .../approvals/{id}/approve`, which posts it with the next voucher number of its type.
 */
@ApiTags('journals')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/journals')
export class JournalsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly idempotent: IdempotentRequests,
    private readonly journals: ManualJournalService,
  ) {}

  @Post()
  @Allow('teller', 'manager')
  @MovesMoney()
  draft(
    @Param('cooperativeId') cooperativeId: string,
    @Body() body: JournalDraftBody,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key: IdempotencyInput,
  ) {
    return this.scope.run((tx) =>
      this.idempotent.run(tx, { cooperativeId, ...key }, async () => ({
        status: 202,
        body: await this.journals.draft(tx, cooperativeId, actorIn(principal, cooperativeId), body),
      })),
    );
  }

  @Get()
  @Allow(...readerRoles)
  list(@Param('cooperativeId') cooperativeId: string, @Query() query: JournalListQuery) {
    return this.scope.run((tx) => this.journals.list(tx, cooperativeId, query), {
      readOnly: true,
    });
  }

  @Get(':journalId')
  @Allow(...readerRoles)
  journal(@Param('cooperativeId') cooperativeId: string, @Param('journalId') journalId: string) {
    return this.scope.run((tx) => this.journals.get(tx, cooperativeId, journalId), {
      readOnly: true,
    });
  }
}
