/** The general-ledger export formats of DESIGN.md section 4. */
export const ledgerExportFormats = ['csv', 'jsonl', 'xlsx', 'hledger', 'beancount'] as const;
export type LedgerExportFormat = (typeof ledgerExportFormats)[number];

export function isLedgerExportFormat(value: unknown): value is LedgerExportFormat {
  return typeof value === 'string' && (ledgerExportFormats as readonly string[]).includes(value);
}

/** What a file of each format is sent as, and how its name ends. */
export const ledgerExportMedia: Record<
  LedgerExportFormat,
  { readonly contentType: string; readonly extension: string }
> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  jsonl: { contentType: 'application/jsonl; charset=utf-8', extension: 'jsonl' },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  hledger: { contentType: 'text/plain; charset=utf-8', extension: 'journal' },
  beancount: { contentType: 'text/plain; charset=utf-8', extension: 'beancount' },
};

/** `KSP-KUPANG-ledger-2026-01-01-2026-12-31.journal`: the file name an export is offered under. */
export function ledgerExportFileName(
  cooperativeCode: string,
  from: string,
  to: string,
  format: LedgerExportFormat,
): string {
  return `${cooperativeCode}-ledger-${from}-${to}.${ledgerExportMedia[format].extension}`;
}
