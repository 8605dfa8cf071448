import { readerRoles } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import {
  MemberProfiles,
  MemberQueries,
  MemberRegistration,
  RelatedParties,
} from '@lumbung/members';
import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access';
import {
  MemberSearchQuery,
  RegisterMemberBody,
  RelatedPartyBody,
  UpdateMemberBody,
} from './members.dto';

const defaultPageSize = 50;

/** Members (anggota): registered by tellers and managers, read by everyone who reads the books. */
@ApiTags('members')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId/members')
export class MembersController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly registration: MemberRegistration,
    private readonly queries: MemberQueries,
    private readonly profiles: MemberProfiles,
    private readonly relatedParties: RelatedParties,
  ) {}

  @Post()
  @Allow('teller', 'manager')
  register(@Param('cooperativeId') cooperativeId: string, @Body() body: RegisterMemberBody) {
    return this.scope.run((tx) => this.registration.register(tx, cooperativeId, body));
  }

  @Get()
  @Allow(...readerRoles)
  search(@Param('cooperativeId') cooperativeId: string, @Query() query: MemberSearchQuery) {
    return this.scope.run(
      (tx) =>
        this.queries.search(tx, cooperativeId, { ...query, limit: query.limit ?? defaultPageSize }),
      { readOnly: true },
    );
  }

  @Get(':memberId')
  @Allow(...readerRoles)
  get(@Param('cooperativeId') cooperativeId: string, @Param('memberId') memberId: string) {
    return this.scope.run((tx) => this.queries.get(tx, cooperativeId, memberId), {
      readOnly: true,
    });
  }

  @Patch(':memberId')
  @Allow('teller', 'manager')
  update(
    @Param('cooperativeId') cooperativeId: string,
    @Param('memberId') memberId: string,
    @Body() body: UpdateMemberBody,
  ) {
    return this.scope.run((tx) => this.profiles.update(tx, cooperativeId, memberId, body));
  }

  /** Manager only: the flags decide lending limits and who must approve a loan. */
  @Put(':memberId/related-party')
  @Allow('manager')
  setRelatedParty(
    @Param('cooperativeId') cooperativeId: string,
    @Param('memberId') memberId: string,
    @Body() body: RelatedPartyBody,
  ) {
    return this.scope.run((tx) => this.relatedParties.set(tx, cooperativeId, memberId, body));
  }
}
