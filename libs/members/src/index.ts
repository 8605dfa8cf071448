export { MembersModule } from './members.module';
export { MemberDirectory } from './application/member-directory';
export { type ImportedMember, MemberImport } from './application/member-import.service';
export {
  parseRegistration,
  type Registration,
  type RegistrationInput,
} from './domain/member-details';
export { type MemberProfileChange, MemberProfiles } from './application/member-profiles.service';
export {
  type MemberPage,
  MemberQueries,
  type MemberSearch,
} from './application/member-queries.service';
export { MemberRegistration, type NewMember } from './application/member-registration.service';
export { RelatedParties, type RelatedPartyChange } from './application/related-parties.service';
export { type MemberSummary, type MemberView } from './application/member-view';
export {
  type BusinessProfile,
  type BusinessProfileInput,
  type BusinessSector,
  businessSectors,
} from './domain/business-profile';
export { type IdentityType, identityTypes } from './domain/identity-document';
export { type MemberStatus, memberStatuses } from './domain/member-status';
export { type RelatedPartyFlag, relatedPartyFlags } from './domain/related-party';
export { type Sex, sexes } from './domain/sex';
export { indonesianProvinces } from './domain/indonesian-provinces';
