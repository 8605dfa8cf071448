import type { StatementTable } from '../domain/statement-document';
import { statementSheetXml } from '../domain/statement-files';
import { XlsxPackage } from './xlsx-package';

/** The statements as a workbook, one worksheet each, through the ledger export's writer. */
export async function statementsXlsx(tables: readonly StatementTable[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const workbook = new XlsxPackage(async (bytes) => {
    chunks.push(Buffer.from(bytes));
  });
  for (const table of tables) {
    workbook.sheet(table.sheet);
    workbook.rows(statementSheetXml(table));
  }
  await workbook.finish();
  return Buffer.concat(chunks);
}
