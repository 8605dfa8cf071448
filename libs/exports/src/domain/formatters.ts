import { BeancountFormatter } from './beancount-journal';
import { CsvLedgerFormatter } from './csv-ledger';
import type { LedgerExportFormat } from './export-format';
import { HledgerFormatter } from './hledger-journal';
import { JsonlLedgerFormatter } from './jsonl-ledger';
import type { LedgerFormatter } from './ledger-formatter';

/** The formats written as text; XLSX goes through its package (xlsx-ledger.ts). */
export type TextLedgerFormat = Exclude<LedgerExportFormat, 'xlsx'>;

/** A new formatter (they keep state between batches): one per export. */
export function ledgerFormatter(format: TextLedgerFormat): LedgerFormatter {
  switch (format) {
    case 'csv':
      return new CsvLedgerFormatter();
    case 'jsonl':
      return new JsonlLedgerFormatter();
    case 'hledger':
      return new HledgerFormatter();
    case 'beancount':
      return new BeancountFormatter();
  }
}
