import { LedgerModule } from '@lumbung/ledger';
import { Module } from '@nestjs/common';
import { MemberDirectory } from './application/member-directory';
import { MemberImport } from './application/member-import.service';
import { MemberProfiles } from './application/member-profiles.service';
import { MemberQueries } from './application/member-queries.service';
import { MemberRegistration } from './application/member-registration.service';
import { RelatedParties } from './application/related-parties.service';

const services = [
  MemberDirectory,
  MemberImport,
  MemberProfiles,
  MemberQueries,
  MemberRegistration,
  RelatedParties,
];

/** Members of a cooperative: needs DatabaseModule and AuditModule registered by the application. */
@Module({ imports: [LedgerModule], providers: services, exports: services })
export class MembersModule {}
