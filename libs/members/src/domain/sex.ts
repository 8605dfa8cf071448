export const sexes = ['female', 'male'] as const;
export type Sex = (typeof sexes)[number];

export function isSex(value: unknown): value is Sex {
  return typeof value === 'string' && (sexes as readonly string[]).includes(value);
}
