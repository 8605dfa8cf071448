/** What the journal's canonical forms are built from: text, the NULL token, lists and records. */
export type CanonicalValue =
  string | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

/**
 * RFC 8785 (JSON Canonicalization Scheme) restricted to strings, null, arrays and objects: keys
 * sorted by UTF-16 code units, no whitespace, strings escaped as ECMAScript's JSON.stringify does
 * (which JCS adopts). No numbers, so no float formatting question arises. Any JCS library given
 * the same value produces the same bytes, which lets an auditor's own tool recompute a hash.
 */
export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as { readonly [key: string]: CanonicalValue };
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}
