export { AuditModule } from './audit.module';
export { type AuditEvent, AuditLog, platformScope } from './application/audit-log';
export { maskIdentifier, maskPersonalData } from './domain/masking';
