import { Decimal } from '@lumbung/core';
import type { ValueTransformer } from 'typeorm';

/**
 * NUMERIC columns travel as strings in both directions (pg returns NUMERIC as text);
 * a JavaScript number never holds an amount.
 */
export const numericTransformer: ValueTransformer = {
  to(value: Decimal | string | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return value instanceof Decimal ? value.toFixed() : value;
  },
  from(value: string | null): Decimal | null {
    return value === null ? null : new Decimal(value);
  },
};
