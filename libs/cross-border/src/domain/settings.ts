import { asRecord, Fields } from './fields';

/** A cooperative's cross-border settings, in its functional currency. */
export interface CrossBorderSettings {
  /**
   * Facilities whose functional equivalent is above this also need a supervisor's approval;
   * null: not set, so every facility needs one.
   */
  readonly supervisorThreshold: string | null;
}

export function parseSettings(input: unknown, functionalCurrency: string): CrossBorderSettings {
  const raw = asRecord(input);
  const fields = new Fields();
  const threshold = fields.money(
    raw.supervisorThreshold,
    functionalCurrency,
    'supervisorThreshold',
    {
      positive: false,
    },
  );
  fields.throwIfAny('The cross-border settings are not valid');
  return { supervisorThreshold: threshold!.toString() };
}
