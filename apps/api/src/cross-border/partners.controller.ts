import { readerRoles } from '@lumbung/auth';
import { CooperationAgreements, PartnerCooperatives } from '@lumbung/cross-border';
import { TransactionScope } from '@lumbung/database';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access';
import { UuidPageQuery } from '../http/uuid-page.query';
import {
  AgreementListQuery,
  AgreementRequest,
  PartnerChangeRequest,
  PartnerRequest,
} from './cross-border.dto';

/**
 * Partner cooperatives abroad and the cooperation agreements with them, onboarded by a manager
 * (or a platform admin, who onboards partners for cooperatives); audited, no second approver:
 * nothing here moves money, and every facility to a partner goes through four eyes.
 */
@ApiTags('cross-border')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class PartnersController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly partners: PartnerCooperatives,
    private readonly agreements: CooperationAgreements,
  ) {}

  @Post('partners')
  @Allow('manager', 'admin')
  create(@Param('cooperativeId') cooperativeId: string, @Body() body: PartnerRequest) {
    return this.scope.run((tx) => this.partners.create(tx, cooperativeId, body));
  }

  @Get('partners')
  @Allow(...readerRoles)
  list(@Param('cooperativeId') cooperativeId: string, @Query() query: UuidPageQuery) {
    return this.scope.run((tx) => this.partners.list(tx, cooperativeId, query), {
      readOnly: true,
    });
  }

  @Get('partners/:partnerId')
  @Allow(...readerRoles)
  get(@Param('cooperativeId') cooperativeId: string, @Param('partnerId') partnerId: string) {
    return this.scope.run((tx) => this.partners.require(tx, cooperativeId, partnerId), {
      readOnly: true,
    });
  }

  /** Officers, status, legal name and the related-party flag; identity fields never change. */
  @Patch('partners/:partnerId')
  @Allow('manager', 'admin')
  update(
    @Param('cooperativeId') cooperativeId: string,
    @Param('partnerId') partnerId: string,
    @Body() body: PartnerChangeRequest,
  ) {
    return this.scope.run((tx) => this.partners.update(tx, cooperativeId, partnerId, body));
  }

  @Post('agreements')
  @Allow('manager', 'admin')
  createAgreement(@Param('cooperativeId') cooperativeId: string, @Body() body: AgreementRequest) {
    return this.scope.run((tx) => this.agreements.create(tx, cooperativeId, body));
  }

  @Get('agreements')
  @Allow(...readerRoles)
  agreementList(@Param('cooperativeId') cooperativeId: string, @Query() query: AgreementListQuery) {
    return this.scope.run((tx) => this.agreements.list(tx, cooperativeId, query), {
      readOnly: true,
    });
  }

  @Get('agreements/:agreementId')
  @Allow(...readerRoles)
  agreement(
    @Param('cooperativeId') cooperativeId: string,
    @Param('agreementId') agreementId: string,
  ) {
    return this.scope.run((tx) => this.agreements.view(tx, cooperativeId, agreementId), {
      readOnly: true,
    });
  }
}
