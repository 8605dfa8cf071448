import {
  type BusinessDate,
  Clock,
  currency as currencyOf,
  Decimal,
  type FieldProblem,
  InvalidInputError,
  isPlainDecimalString,
  isUuid,
  isValidTimeZone,
  localDate,
  NotFoundError,
  type RoundingMode,
  roundingModes,
  uuidv7,
} from '@lumbung/core';
import { AuditLog } from '@lumbung/audit';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { kspChartTemplate } from '../domain/chart-template';
import { CooperativeEntity } from '../infrastructure/cooperative.entity';
import { ChartService } from './chart.service';

export interface NewCooperative {
  readonly code: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2: ID, TL, MY. */
  readonly country: string;
  /** IANA zone, e.g. Asia/Makassar for Kupang and Makassar, Asia/Dili, Asia/Kuching. */
  readonly timeZone: string;
  readonly functionalCurrency: string;
  /** Defaults to today in the cooperative's time zone. */
  readonly businessDate?: BusinessDate;
  readonly roundingUnit?: string;
  readonly roundingMode?: RoundingMode;
}

export interface Cooperative {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly timeZone: string;
  readonly functionalCurrency: string;
  readonly businessDate: BusinessDate;
  readonly rounding: { readonly unit: string; readonly mode: RoundingMode };
  readonly chart: { readonly template: string; readonly version: number };
}

const codePattern = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

@Injectable()
export class CooperativeService {
  constructor(
    private readonly charts: ChartService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Registers a cooperative with the KSP chart of accounts, in the caller's transaction. */
  async create(tx: Tx, input: NewCooperative): Promise<Cooperative> {
    validate(input);
    const entity = tx.manager.create(CooperativeEntity, {
      id: uuidv7(),
      code: input.code,
      name: input.name,
      country: input.country,
      timeZone: input.timeZone,
      functionalCurrency: input.functionalCurrency,
      businessDate: input.businessDate ?? localDate(this.clock.now(), input.timeZone),
      roundingUnit: new Decimal(input.roundingUnit ?? '1'),
      roundingMode: input.roundingMode ?? 'half-up',
      chartTemplate: kspChartTemplate.name,
      chartVersion: 0,
    });
    await tx.manager.insert(CooperativeEntity, entity);
    await this.charts.applyTemplate(tx, entity.id, kspChartTemplate);
    const created = await this.byId(tx, entity.id);
    await this.audit.record(tx, {
      cooperativeId: created.id,
      action: 'ledger.cooperative.create',
      targetType: 'cooperative',
      targetId: created.id,
      after: created,
    });
    return created;
  }

  async byId(tx: Tx, id: string): Promise<Cooperative> {
    const found = isUuid(id) ? await tx.manager.findOneBy(CooperativeEntity, { id }) : null;
    if (!found) throw new NotFoundError('Cooperative', id);
    return toCooperative(found);
  }

  async byCode(tx: Tx, code: string): Promise<Cooperative> {
    const found = await tx.manager.findOneBy(CooperativeEntity, { code });
    if (!found) throw new NotFoundError('Cooperative', code);
    return toCooperative(found);
  }

  async all(tx: Tx): Promise<Cooperative[]> {
    const found = await tx.manager.find(CooperativeEntity, { order: { code: 'ASC' } });
    return found.map(toCooperative);
  }
}

function validate(input: NewCooperative): void {
  const problems: FieldProblem[] = [];
  if (!codePattern.test(input.code)) {
    problems.push({ field: 'code', message: 'upper-case letters, digits and dashes, 2 to 32' });
  }
  if (!input.name || input.name.length > 200)
    problems.push({ field: 'name', message: '1 to 200 characters' });
  if (!/^[A-Z]{2}$/.test(input.country))
    problems.push({ field: 'country', message: 'ISO 3166-1 alpha-2' });
  if (!isValidTimeZone(input.timeZone))
    problems.push({ field: 'timeZone', message: 'an IANA time zone' });
  if (
    input.roundingUnit !== undefined &&
    !(isPlainDecimalString(input.roundingUnit) && new Decimal(input.roundingUnit).gt(0))
  ) {
    problems.push({ field: 'roundingUnit', message: 'a positive decimal string such as "100"' });
  }
  if (input.roundingMode && !roundingModes.includes(input.roundingMode)) {
    problems.push({ field: 'roundingMode', message: `one of ${roundingModes.join(', ')}` });
  }
  if (problems.length > 0) throw new InvalidInputError('Invalid cooperative', problems);
  currencyOf(input.functionalCurrency, 'functionalCurrency');
}

function toCooperative(entity: CooperativeEntity): Cooperative {
  return {
    id: entity.id,
    code: entity.code,
    name: entity.name,
    country: entity.country,
    timeZone: entity.timeZone,
    functionalCurrency: entity.functionalCurrency,
    businessDate: entity.businessDate as BusinessDate,
    rounding: { unit: entity.roundingUnit.toFixed(), mode: entity.roundingMode as RoundingMode },
    chart: { template: entity.chartTemplate, version: entity.chartVersion },
  };
}
