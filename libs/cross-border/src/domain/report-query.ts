import type { BusinessDate } from '@lumbung/core';
import {
  type ExposureDimension,
  exposureDimensions,
  type ReportFormat,
  reportFormats,
} from './exposure-report';
import { asRecord, Fields } from './fields';

export interface ReportQuery {
  /** The value date the books are read to; the business date when not given. */
  readonly asOf: BusinessDate;
  readonly format: ReportFormat;
}

export interface ExposureQuery extends ReportQuery {
  readonly by: readonly ExposureDimension[];
}

/** `asOf` (not after the business date) and `format`; every problem named, one 400. */
function readReportQuery(fields: Fields, raw: Record<string, unknown>, today: BusinessDate) {
  return {
    asOf: raw.asOf === undefined ? today : fields.pastDate(raw.asOf, 'asOf', today),
    format: raw.format === undefined ? 'json' : fields.oneOf(raw.format, 'format', reportFormats),
  };
}

export function parseReportQuery(input: unknown, today: BusinessDate): ReportQuery {
  const fields = new Fields();
  const query = readReportQuery(fields, asRecord(input), today);
  fields.throwIfAny('The report query is not valid');
  return query;
}

/** As `parseReportQuery`, with `by`: dimensions separated by commas, all of them when omitted. */
export function parseExposureQuery(input: unknown, today: BusinessDate): ExposureQuery {
  const raw = asRecord(input);
  const fields = new Fields();
  const query = readReportQuery(fields, raw, today);
  let by: ExposureDimension[] = [...exposureDimensions];
  if (raw.by !== undefined) {
    const asked = typeof raw.by === 'string' ? raw.by.split(',').map((d) => d.trim()) : [];
    const unknown = asked.filter((d) => !(exposureDimensions as readonly string[]).includes(d));
    if (asked.length === 0 || unknown.length > 0) {
      fields.add('by', `one or more of ${exposureDimensions.join(', ')}, separated by commas`);
    } else {
      by = exposureDimensions.filter((d) => asked.includes(d));
    }
  }
  fields.throwIfAny('The report query is not valid');
  return { ...query, by };
}
