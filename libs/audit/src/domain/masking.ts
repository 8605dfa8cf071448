/**
 * Identity numbers (NIK, MyKad, IDU, passports) never reach the audit log's before/after in
 * full (UU PDP 27/2022): all but the last four characters are replaced.
 */
const identityKey = /(identity|nik|mykad|idu|passport|bilhete|electoral|national_?id)/i;

export function maskIdentifier(value: string): string {
  const keep = value.length > 4 ? 4 : Math.max(0, value.length - 2);
  return '*'.repeat(value.length - keep) + value.slice(value.length - keep);
}

export function maskPersonalData(value: unknown, key = ''): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, key));
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString();
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskPersonalData(v, k)]),
    );
  }
  if (identityKey.test(key) && (typeof value === 'string' || typeof value === 'number')) {
    return maskIdentifier(String(value));
  }
  return value;
}
