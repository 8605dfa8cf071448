import { type Tx } from '@lumbung/database';
import { CooperativeService, LedgerQueryService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { openingDate } from '../domain/export-request';
import { buildFinancialStatements } from '../domain/financial-statements';
import {
  type PresentedStatements,
  presentStatements,
  statementTables,
} from '../domain/statement-document';
import { statementsCsv } from '../domain/statement-files';
import { type StatementFormat, statementRequest } from '../domain/statement-request';
import { StatementChart } from '../domain/statement-chart';
import { statementsPdf } from '../infrastructure/statement-pdf';
import {
  readCashCounterparts,
  readClosingRates,
  readLeafBalances,
  readResultMovements,
  readRevaluationCarried,
  readStatementChart,
} from '../infrastructure/statement-reader';
import { statementsXlsx } from '../infrastructure/statement-xlsx';

export interface StatementsFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly body: Buffer;
}

const media: Record<StatementFormat, { contentType: string; extension: string }> = {
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
};

/**
 * The financial statements of a period (issue 11): trial balance, financial position, results,
 * changes in equity and cash flows, from the ledger's postings by value date. `read` runs in
 * the caller's REPEATABLE READ transaction, so every figure comes from one snapshot; `file`
 * lays the figures out afterwards, outside it (the api answers JSON as it is, the CLI writes it).
 */
@Injectable()
export class FinancialStatementsService {
  constructor(
    private readonly cooperatives: CooperativeService,
    private readonly ledger: LedgerQueryService,
  ) {}

  async read(
    tx: Tx,
    cooperativeId: string,
    query: { from?: unknown; to?: unknown; format?: unknown },
  ): Promise<{ format: StatementFormat; statements: PresentedStatements }> {
    const cooperative = await this.cooperatives.byId(tx, cooperativeId);
    const { from, to, format } = statementRequest(query, cooperative.businessDate);
    const opening = openingDate(from);
    const fc = cooperative.functionalCurrency;
    const chart = await readStatementChart(tx, cooperativeId);
    const structure = new StatementChart(chart);
    const cashLeaves = chart.filter((a) => a.isLeaf && structure.isCash(a.id)).map((a) => a.id);
    const balances = await readLeafBalances(tx, cooperativeId, opening, to);
    const results = await readResultMovements(tx, cooperativeId, from, to);
    const cash = await readCashCounterparts(tx, cooperativeId, from, to, cashLeaves);
    const rates = await readClosingRates(tx, cooperativeId, fc, [opening, to]);
    const revaluation = await readRevaluationCarried(tx, cooperativeId, opening, to);
    const statements = buildFinancialStatements({
      functionalCurrency: fc,
      from,
      to,
      openingDate: opening,
      chart,
      opening: balances.opening,
      closing: balances.closing,
      results,
      cash,
      openingRates: rates.get(opening)!,
      closingRates: rates.get(to)!,
      openingRevaluation: revaluation.opening,
      closingRevaluation: revaluation.closing,
    });
    const trialBalance = await this.ledger.trialBalance(tx, cooperativeId, to);
    return {
      format,
      statements: presentStatements(
        { cooperative: { code: cooperative.code, name: cooperative.name }, openingDate: opening },
        statements,
        trialBalance,
      ),
    };
  }

  async file(statements: PresentedStatements, format: StatementFormat): Promise<StatementsFile> {
    const { code } = statements.cooperative;
    const fileName = `${code}-financial-statements-${statements.from}-${statements.to}.${media[format].extension}`;
    return {
      fileName,
      contentType: media[format].contentType,
      body: await this.body(statements, format),
    };
  }

  private async body(statements: PresentedStatements, format: StatementFormat): Promise<Buffer> {
    if (format === 'json') return Buffer.from(`${JSON.stringify(statements, null, 2)}\n`, 'utf8');
    const tables = statementTables(statements);
    if (format === 'csv') return Buffer.from(statementsCsv(tables), 'utf8');
    if (format === 'xlsx') return statementsXlsx(tables);
    const { code, name } = statements.cooperative;
    return statementsPdf(
      tables,
      `${name} (${code})`,
      `Laporan Keuangan ${code} ${statements.from} ${statements.to}`,
    );
  }
}
