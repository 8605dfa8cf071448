import {
  CrossBorderReports,
  exposureReportCsv,
  type ExposureReport,
  type MsmeExport,
  msmeExportCsv,
} from '@lumbung/cross-border';
import { TransactionScope } from '@lumbung/database';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access';
import { ExposureReportQueryDto, ReportQueryDto } from './reports.dto';

const readOnly = { isolation: 'REPEATABLE READ', readOnly: true } as const;

function csvFile(text: string, fileName: string): StreamableFile {
  const body = Buffer.from(text, 'utf8');
  return new StreamableFile(body, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${fileName}"`,
    length: body.length,
  });
}

/**
 * Cross-border reports for managers, supervisors and auditors, read from the books by value date
 * in one snapshot: the exposure as of a date (by country, partner, agreement, program, sector and
 * commodity; facility and functional currency) and the export of export-oriented MSME data for
 * regional business-centre platforms. JSON by default, `format=csv` to download.
 */
@ApiTags('cross-border')
@ApiParam({ name: 'cooperativeId', format: 'uuid' })
@Controller('cooperatives/:cooperativeId')
export class CrossBorderReportsController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly reports: CrossBorderReports,
  ) {}

  @Get('exposure-report')
  @Allow('manager', 'supervisor', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  async exposure(
    @Param('cooperativeId') cooperativeId: string,
    @Query() query: ExposureReportQueryDto,
  ): Promise<ExposureReport | StreamableFile> {
    const { format, report } = await this.scope.run(async (tx) => {
      const parsed = await this.reports.exposureQuery(tx, cooperativeId, query);
      return {
        format: parsed.format,
        report: await this.reports.exposure(tx, cooperativeId, parsed),
      };
    }, readOnly);
    if (format === 'json') return report;
    return csvFile(
      exposureReportCsv(report),
      `${report.cooperative.code}-exposure-${report.asOf}.csv`,
    );
  }

  @Get('msme-export')
  @Allow('manager', 'supervisor', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  async msme(
    @Param('cooperativeId') cooperativeId: string,
    @Query() query: ReportQueryDto,
  ): Promise<MsmeExport | StreamableFile> {
    const { format, data } = await this.scope.run(async (tx) => {
      const parsed = await this.reports.reportQuery(tx, cooperativeId, query);
      return {
        format: parsed.format,
        data: await this.reports.msmeExport(tx, cooperativeId, parsed),
      };
    }, readOnly);
    if (format === 'json') return data;
    return csvFile(msmeExportCsv(data), `${data.cooperative.code}-msme-${data.asOf}.csv`);
  }
}
