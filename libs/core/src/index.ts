export { Decimal, type DecimalValue, isPlainDecimalString, toDecimal } from './money/decimal';
export { type Currency, currency, findCurrency, knownCurrencies } from './money/currency';
export {
  type RoundingMode,
  type RoundingRule,
  roundingModes,
  roundingRule,
  roundToScale,
  roundToUnit,
} from './money/rounding';
export { Money } from './money/money';
export { allocate } from './money/allocate';
export {
  type BusinessDate,
  addDays,
  businessDate,
  compareDates,
  daysBetween,
  isBusinessDate,
  isValidTimeZone,
  localDate,
  monthEnd,
  monthStart,
} from './time/business-date';
export { Clock, SettableClock, SystemClock } from './time/clock';
export {
  ConflictError,
  type FieldProblem,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  ProblemError,
  problemTypePrefix,
  RuleViolationError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthenticatedError,
} from './errors/problems';
export { isUuid, uuidv7 } from './ids/uuid-v7';
export {
  type Environment,
  EnvironmentError,
  type LogLevel,
  logLevels,
  readEnvironment,
} from './config/environment';
export {
  currentRequestContext,
  type RequestContext,
  runWithRequestContext,
} from './context/request-context';
export { createLogger, PinoNestLogger } from './logging/logger';
export {
  formatAmount,
  formatDate,
  formatMoney,
  localDateTime,
  localTimestamp,
  type PrintLanguage,
  printLanguages,
} from './text/print-format';
export {
  type Column,
  fitColumn,
  leftColumn,
  rightColumn,
  rowWidth,
  type TextRow,
} from './text/columns';
export { csvField, csvRecords, inertText } from './text/csv';
export { CsvSyntaxError, csvRecordsOf } from './text/csv-read';
export {
  type Listing,
  type ListingColumn,
  type ListingColumnKind,
  type ListingContext,
  listingAsOfQuery,
  listingContextFacts,
  listingCsv,
  type ListingFormat,
  listingFormats,
  listingPeriodQuery,
  numberColumn,
  textColumn,
} from './text/listing';
export {
  a4,
  a5,
  courierAdvance,
  pdfDocument,
  type PdfPage,
  type PdfText,
} from './text/pdf-document';
