import { Decimal, Money, RuleViolationError } from '@lumbung/core';
import { asRecord, Fields } from './fields';

export const exposureScopes = ['partner', 'country'] as const;
export type ExposureScope = (typeof exposureScopes)[number];

/** A limit on what is lent to one partner, or to all partners in one country. */
export type ExposureLimitChange =
  | { readonly scope: 'partner'; readonly partnerId: string; readonly amount: string }
  | { readonly scope: 'country'; readonly country: string; readonly amount: string };

/**
 * A limit in the lender's functional currency; zero stops new facilities. Negative amounts and
 * other currencies are refused.
 */
export function parseExposureLimit(
  input: unknown,
  functionalCurrency: string,
): ExposureLimitChange {
  const raw = asRecord(input);
  const fields = new Fields();
  const scope = fields.oneOf(raw.scope, 'scope', exposureScopes);
  if (raw.currency !== undefined && raw.currency !== functionalCurrency) {
    fields.add('currency', `limits are held in the functional currency ${functionalCurrency}`);
  }
  const amount =
    fields.money(raw.amount, functionalCurrency, 'amount', { positive: false })?.toString() ?? '0';
  let change: ExposureLimitChange;
  if (scope === 'partner') {
    if (raw.country !== undefined) fields.add('country', 'only with scope country');
    change = { scope, partnerId: fields.uuid(raw.partnerId, 'partnerId'), amount };
  } else {
    if (raw.partnerId !== undefined) fields.add('partnerId', 'only with scope partner');
    change = { scope, country: fields.country(raw.country, 'country'), amount };
  }
  fields.throwIfAny('The exposure limit is not valid');
  return change;
}

/** One limit's figures for a facility request, all in the functional currency. */
export interface ExposureLine {
  readonly scope: ExposureScope;
  /** The partner id or the country code. */
  readonly key: string;
  /** As set through approval; null when none is set (nothing may be lent then). */
  readonly limit: string | null;
  /**
   * What own capital allows, whatever the limit says: all of it for a country or an unrelated
   * partner, the related-party fraction of it for a related partner.
   */
  readonly capitalCap: string;
  /** The lesser of limit and capitalCap: what the exposure may reach. */
  readonly allowed: string;
  /** Open facilities (requested, approved) other than this one, at the day's rates. */
  readonly current: string;
  readonly requested: string;
  readonly after: string;
  readonly within: boolean;
}

export interface ExposureCheck {
  readonly currency: string;
  /** Own capital (modal sendiri); below zero counts as zero. */
  readonly ownCapital: Decimal;
  /** The related-party limit as a fraction of own capital (lending limits, at most 0.10). */
  readonly relatedPartyFraction: string;
  readonly relatedParty: boolean;
  readonly requested: Decimal;
  readonly partner: {
    readonly key: string;
    readonly limit: Decimal | null;
    readonly current: Decimal;
  };
  readonly country: {
    readonly key: string;
    readonly limit: Decimal | null;
    readonly current: Decimal;
  };
}

/** The partner and country figures of a facility, each judged against its limit and own capital. */
export function exposureLines(check: ExposureCheck): ExposureLine[] {
  const scale = Money.zero(check.currency).currency.minorUnits;
  const capital = Decimal.max(check.ownCapital, 0);
  const line = (
    scope: ExposureScope,
    figures: ExposureCheck['partner'],
    capitalCap: Decimal,
  ): ExposureLine => {
    const allowed =
      figures.limit === null ? new Decimal(0) : Decimal.min(figures.limit, capitalCap);
    const after = figures.current.plus(check.requested);
    return {
      scope,
      key: figures.key,
      limit: figures.limit?.toFixed(scale) ?? null,
      capitalCap: capitalCap.toFixed(scale),
      allowed: allowed.toFixed(scale),
      current: figures.current.toFixed(scale),
      requested: check.requested.toFixed(scale),
      after: after.toFixed(scale),
      within: figures.limit !== null && after.lte(allowed),
    };
  };
  const partnerCap = check.relatedParty
    ? capital.times(check.relatedPartyFraction).toDecimalPlaces(scale, Decimal.ROUND_DOWN)
    : capital;
  return [line('partner', check.partner, partnerCap), line('country', check.country, capital)];
}

/** 422 `exposure-limit`, with every line's figures, when any line is not within. */
export function exposureRefusal(
  lines: readonly ExposureLine[],
  currency: string,
  ownCapital: Decimal,
  refused = 'The facility is refused',
): RuleViolationError | null {
  const breached = lines.filter((l) => !l.within);
  if (breached.length === 0) return null;
  const describe = (l: ExposureLine) =>
    l.limit === null
      ? `no ${l.scope} exposure limit is set for ${l.key}`
      : `${l.scope} ${l.key} would reach ${l.after} ${currency}, above the ${l.allowed} allowed (limit ${l.limit}, own capital allows ${l.capitalCap})`;
  return new RuleViolationError(
    'exposure-limit',
    'Exposure limit exceeded',
    `${refused}: ${breached.map(describe).join('; ')}`,
    {
      currency,
      ownCapital: Decimal.max(ownCapital, 0).toFixed(Money.zero(currency).currency.minorUnits),
      exposure: lines,
    },
  );
}
