export { AuditModule } from './audit.module';
export { type AuditEvent, AuditLog, platformScope } from './application/audit-log';
export { maskIdentifier, maskPersonalData } from './domain/masking';
export { type AuditFilter, AuditQuery, type AuditRecord } from './application/audit-query';
export { auditListing } from './domain/audit-listing';
