import { TransactionScope } from '@lumbung/database';
import { LoanPortfolioReports, type PortfolioReport, portfolioReportCsv } from '@lumbung/loans';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access';
import { PortfolioQueryDto } from './loan-portfolio.dto';

const readOnly = { isolation: 'REPEATABLE READ', readOnly: true } as const;

/**
 * The loan portfolio as of a date for managers, supervisors and auditors: by product, grade,
 * sector, commodity and region, PAR 1/30/90, the NPL ratio and its health band, and provision
 * adequacy, read as of the date in one snapshot. JSON by default, `format=csv` to download.
 */
@ApiTags('loans')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class LoanPortfolioController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly reports: LoanPortfolioReports,
  ) {}

  @Get('loan-portfolio')
  @Allow('manager', 'supervisor', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  async portfolio(
    @Param('cooperativeId') cooperativeId: string,
    @Query() query: PortfolioQueryDto,
  ): Promise<PortfolioReport | StreamableFile> {
    const { format, report } = await this.scope.run(async (tx) => {
      const parsed = await this.reports.parse(tx, cooperativeId, query);
      return {
        format: parsed.format,
        report: await this.reports.report(tx, cooperativeId, parsed.asOf),
      };
    }, readOnly);
    if (format === 'json') return report;
    const body = Buffer.from(portfolioReportCsv(report), 'utf8');
    return new StreamableFile(body, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${report.cooperative.code}-loan-portfolio-${report.asOf}.csv"`,
      length: body.length,
    });
  }
}
