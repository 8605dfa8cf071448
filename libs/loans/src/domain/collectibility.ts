import {
  type BusinessDate,
  compareDates,
  daysBetween,
  Decimal,
  type FieldProblem,
  InvalidInputError,
  isPlainDecimalString,
} from '@lumbung/core';
import type { InstalmentDue } from './allocation';

/**
 * Collectibility (kolektibilitas), DOMAIN.md Loans: every grade either preset knows, best first.
 * `dalam-perhatian-khusus` (special mention) exists only in the bank preset.
 */
export const loanGrades = [
  'lancar',
  'dalam-perhatian-khusus',
  'kurang-lancar',
  'diragukan',
  'macet',
] as const;
export type LoanGrade = (typeof loanGrades)[number];

export const collectibilityPresets = ['cooperative', 'bank'] as const;
export type CollectibilityPreset = (typeof collectibilityPresets)[number];

/**
 * Each preset's grades, best first, with the days past due each starts at.
 * - cooperative (Permen 14/2009; Juknis 15/2021): lancar 0-90, kurang lancar 91-180, diragukan
 *   181-270, macet over 270;
 * - bank (POJK 40/2019): lancar 0, dalam perhatian khusus 1-90, kurang lancar 91-120, diragukan
 *   121-180, macet over 180.
 */
const bands: Readonly<Record<CollectibilityPreset, readonly { grade: LoanGrade; from: number }[]>> =
  {
    cooperative: [
      { grade: 'lancar', from: 0 },
      { grade: 'kurang-lancar', from: 91 },
      { grade: 'diragukan', from: 181 },
      { grade: 'macet', from: 271 },
    ],
    bank: [
      { grade: 'lancar', from: 0 },
      { grade: 'dalam-perhatian-khusus', from: 1 },
      { grade: 'kurang-lancar', from: 91 },
      { grade: 'diragukan', from: 121 },
      { grade: 'macet', from: 181 },
    ],
  };

/** The preset's grades, best first. */
export function gradesOf(preset: CollectibilityPreset): LoanGrade[] {
  return bands[preset].map((band) => band.grade);
}

/** The first day past due at which each grade of the preset begins. */
export function gradeBands(
  preset: CollectibilityPreset,
): readonly { grade: LoanGrade; from: number }[] {
  return bands[preset];
}

/** How bad a grade is: 0 for lancar, 4 for macet, the same scale under both presets. */
export function severity(grade: LoanGrade): number {
  return loanGrades.indexOf(grade);
}

export function isWorse(a: LoanGrade, b: LoanGrade): boolean {
  return severity(a) > severity(b);
}

export function worseOf(a: LoanGrade, b: LoanGrade): LoanGrade {
  return isWorse(b, a) ? b : a;
}

/**
 * The grade `grade` counts as under `preset`: itself when the preset has it, else the next worse
 * grade the preset has (a manual `dalam-perhatian-khusus` kept after a switch to the cooperative
 * preset counts as `kurang-lancar`: never graded better than a manager decided).
 */
export function inPreset(preset: CollectibilityPreset, grade: LoanGrade): LoanGrade {
  return gradesOf(preset).find((g) => severity(g) >= severity(grade)) ?? 'macet';
}

/**
 * The due date of the oldest instalment whose principal or interest is still unpaid after its
 * due date (strictly before `asOf`), or null when none is. Unpaid penalties and fees alone do
 * not make a loan past due: collectibility measures arrears of principal and interest.
 */
export function oldestUnpaidDue(
  dues: readonly InstalmentDue[],
  asOf: BusinessDate,
): BusinessDate | null {
  const behind = dues
    .filter((due) => compareDates(due.dueDate, asOf) < 0)
    .filter((due) => due.principal.isPositive() || due.interest.isPositive())
    .map((due) => due.dueDate)
    .sort(compareDates);
  return behind[0] ?? null;
}

/** Days past due on `asOf`: 0 on the due date itself, 1 the day after, and so on. */
export function daysPastDue(oldestUnpaid: BusinessDate | null, asOf: BusinessDate): number {
  if (oldestUnpaid === null) return 0;
  return Math.max(0, daysBetween(oldestUnpaid, asOf));
}

export function gradeForDaysPastDue(preset: CollectibilityPreset, days: number): LoanGrade {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`Days past due must be a whole number of at least 0, got ${days}`);
  }
  let grade: LoanGrade = 'lancar';
  for (const band of bands[preset]) if (days >= band.from) grade = band.grade;
  return grade;
}

export interface Grading {
  readonly daysPastDue: number;
  /** From the days past due alone. */
  readonly computedGrade: LoanGrade;
  /** A manager's downgrade in force, null when none. */
  readonly manualGrade: LoanGrade | null;
  /** The grade a restructuring still holds the loan at, null when none. */
  readonly restructuredGrade: LoanGrade | null;
  /** The worst of the three, within the preset: what provisions follow. */
  readonly grade: LoanGrade;
}

/**
 * A loan's grade on `asOf` from its oldest unpaid due date, any manual downgrade in force and
 * the grade a restructuring still holds it at.
 */
export function gradeLoan(
  preset: CollectibilityPreset,
  asOf: BusinessDate,
  oldestUnpaid: BusinessDate | null,
  manualGrade: LoanGrade | null,
  restructuredGrade: LoanGrade | null = null,
): Grading {
  const days = daysPastDue(oldestUnpaid, asOf);
  const computedGrade = gradeForDaysPastDue(preset, days);
  const worst = [manualGrade, restructuredGrade].reduce<LoanGrade>(
    (worse, grade) => (grade ? worseOf(worse, grade) : worse),
    computedGrade,
  );
  return {
    daysPastDue: days,
    computedGrade,
    manualGrade,
    restructuredGrade,
    grade: inPreset(preset, worst),
  };
}

/**
 * Why a manual grade is refused, or null when it stands: it must be one of the preset's grades
 * and worse than the grade the loan has now (a manager grades worse, never better).
 */
export function downgradeRefusal(
  preset: CollectibilityPreset,
  current: LoanGrade,
  requested: LoanGrade,
): 'not-in-preset' | 'not-worse' | null {
  if (!gradesOf(preset).includes(requested)) return 'not-in-preset';
  if (!isWorse(requested, current)) return 'not-worse';
  return null;
}

/** What collateral counts for, in the classes of DOMAIN.md's collateral credit. */
export const collateralClasses = ['cash-deposit', 'land', 'vehicle'] as const;
export type CollateralClass = (typeof collateralClasses)[number];

/**
 * A cooperative's collectibility setting: the preset, the provision (PPAP) rate per grade of the
 * preset and the credit each collateral class earns, all as fractions.
 */
export interface CollectibilitySettings {
  readonly preset: CollectibilityPreset;
  readonly provisionRates: Readonly<Partial<Record<LoanGrade, string>>>;
  readonly collateralCredit: Readonly<Record<CollateralClass, string>>;
}

/** DOMAIN.md defaults: lancar 0.5%, DPK 3%, kurang lancar 10%, diragukan 50%, macet 100%. */
export const defaultProvisionRates: Readonly<Record<LoanGrade, string>> = {
  lancar: '0.005',
  'dalam-perhatian-khusus': '0.03',
  'kurang-lancar': '0.1',
  diragukan: '0.5',
  macet: '1',
};

/** Cash and deposits 100%, registered land 80%, vehicles 50% (DOMAIN.md). */
export const defaultCollateralCredit: Readonly<Record<CollateralClass, string>> = {
  'cash-deposit': '1',
  land: '0.8',
  vehicle: '0.5',
};

export function defaultCollectibility(
  preset: CollectibilityPreset = 'cooperative',
): CollectibilitySettings {
  return {
    preset,
    provisionRates: Object.fromEntries(gradesOf(preset).map((g) => [g, defaultProvisionRates[g]])),
    collateralCredit: { ...defaultCollateralCredit },
  };
}

/** The provision rate of a grade under the settings (a grade outside the preset counts as next worse). */
export function provisionRate(settings: CollectibilitySettings, grade: LoanGrade): string {
  return settings.provisionRates[inPreset(settings.preset, grade)]!;
}

type Raw = Record<string, unknown>;

const asObject = (value: unknown): Raw | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : null;

function fraction(value: unknown, field: string, problems: FieldProblem[]): string | null {
  if (!isPlainDecimalString(value) || new Decimal(value).lt(0) || new Decimal(value).gt(1)) {
    problems.push({ field, message: 'a decimal fraction from 0 to 1, e.g. "0.005"' });
    return null;
  }
  return new Decimal(value).toString();
}

/**
 * Validates a change of the setting. `preset` is required; `provisionRates` and
 * `collateralCredit` default to DOMAIN.md's figures and, when given, name exactly the preset's
 * grades and the three collateral classes. A worse grade never provisions less than a better one.
 */
export function parseCollectibility(input: unknown): CollectibilitySettings {
  const raw = asObject(input) ?? {};
  const problems: FieldProblem[] = [];
  const preset = raw.preset as CollectibilityPreset;
  if (!collectibilityPresets.includes(preset)) {
    problems.push({ field: 'preset', message: collectibilityPresets.join(' or ') });
    throw new InvalidInputError('The collectibility setting is not valid', problems);
  }
  const defaults = defaultCollectibility(preset);
  const table = <K extends string>(
    key: string,
    keys: readonly K[],
    fallback: Readonly<Partial<Record<K, string>>>,
  ): Partial<Record<K, string>> => {
    if (raw[key] === undefined || raw[key] === null) return { ...fallback };
    const given = asObject(raw[key]);
    if (!given) {
      problems.push({ field: key, message: `an object with ${keys.join(', ')}` });
      return {};
    }
    for (const name of Object.keys(given)) {
      if (!keys.includes(name as K)) {
        problems.push({ field: `${key}.${name}`, message: `not one of ${keys.join(', ')}` });
      }
    }
    const out: Partial<Record<K, string>> = {};
    for (const name of keys) {
      if (given[name] === undefined) {
        problems.push({ field: `${key}.${name}`, message: 'required' });
        continue;
      }
      const value = fraction(given[name], `${key}.${name}`, problems);
      if (value !== null) out[name] = value;
    }
    return out;
  };
  const provisionRates = table('provisionRates', gradesOf(preset), defaults.provisionRates);
  const collateralCredit = table('collateralCredit', collateralClasses, defaults.collateralCredit);
  if (problems.length === 0) {
    const grades = gradesOf(preset);
    for (let i = 1; i < grades.length; i++) {
      if (new Decimal(provisionRates[grades[i]]!).lt(provisionRates[grades[i - 1]]!)) {
        problems.push({
          field: `provisionRates.${grades[i]}`,
          message: `at least the rate of ${grades[i - 1]}`,
        });
      }
    }
  }
  if (problems.length > 0) {
    throw new InvalidInputError('The collectibility setting is not valid', problems);
  }
  return {
    preset,
    provisionRates,
    collateralCredit: collateralCredit as Record<CollateralClass, string>,
  };
}
