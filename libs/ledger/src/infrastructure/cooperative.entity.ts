import type { Decimal } from '@lumbung/core';
import { numericTransformer } from '@lumbung/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'cooperative' })
export class CooperativeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('char', { length: 2 })
  country!: string;

  @Column('text', { name: 'time_zone' })
  timeZone!: string;

  @Column('char', { name: 'functional_currency', length: 3 })
  functionalCurrency!: string;

  /** `date` columns stay 'YYYY-MM-DD' strings: no JavaScript Date and no time zone drift. */
  @Column('date', { name: 'business_date' })
  businessDate!: string;

  @Column({ type: 'integer', name: 'lock_key', insert: false, update: false })
  lockKey!: number;

  @Column('numeric', { name: 'rounding_unit', transformer: numericTransformer })
  roundingUnit!: Decimal;

  @Column('text', { name: 'rounding_mode' })
  roundingMode!: string;

  @Column('text', { name: 'chart_template' })
  chartTemplate!: string;

  @Column('integer', { name: 'chart_version' })
  chartVersion!: number;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;
}
