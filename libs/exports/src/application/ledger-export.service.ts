import { TransactionScope } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { txExportSession } from '../infrastructure/export-session';
import {
  type LedgerExportOptions,
  type LedgerExportRequest,
  type LedgerExportSink,
  type LedgerExportSummary,
  streamLedgerExport,
} from './ledger-export';

/**
 * The ledger export in a Nest application (the api, the worker): streamLedgerExport in a
 * TransactionScope transaction, REPEATABLE READ and read only. A COPY the sink stopped taking
 * (a client that hung up) is cancelled from another pooled connection.
 */
@Injectable()
export class LedgerExportService {
  constructor(
    private readonly scope: TransactionScope,
    private readonly dataSource: DataSource,
  ) {}

  export(
    request: LedgerExportRequest,
    sink: LedgerExportSink,
    options: LedgerExportOptions = {},
  ): Promise<LedgerExportSummary> {
    const cancel = async (processId: number) => {
      await this.dataSource.query('SELECT pg_cancel_backend($1)', [processId]);
    };
    // No retries: a second attempt would write the file again after the first's bytes.
    return this.scope.run(
      (tx) => streamLedgerExport(txExportSession(tx, cancel), request, sink, options),
      { isolation: 'REPEATABLE READ', readOnly: true, retries: 0 },
    );
  }
}
