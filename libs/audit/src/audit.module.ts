import { Global, Module } from '@nestjs/common';
import { AuditLog } from './application/audit-log';
import { AuditQuery } from './application/audit-query';

@Global()
@Module({ providers: [AuditLog, AuditQuery], exports: [AuditLog, AuditQuery] })
export class AuditModule {}
