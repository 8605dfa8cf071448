import { Logger } from '@nestjs/common';
import { LedgerExportQueue } from './ledger-export-queue';

describe('LedgerExportQueue', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(new Logger()));

  it('leaves the export to the reconciler at once when Redis is not there', async () => {
    // Nothing listens on port 1: the connection is refused, and the reconciler will find the export.
    const queue = new LedgerExportQueue('redis://127.0.0.1:1', 'lumbung-unit');
    try {
      const started = Date.now();
      await expect(queue.enqueueFirstAttempt('cooperative', 'export')).resolves.toBeUndefined();
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await queue.onModuleDestroy();
    }
  });
});
