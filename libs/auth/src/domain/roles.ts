/** Roles a cooperative grants its staff and auditors (DESIGN.md section 1). */
export const cooperativeRoles = ['teller', 'manager', 'supervisor', 'auditor'] as const;
export type CooperativeRole = (typeof cooperativeRoles)[number];

/** `admin` operates the platform: it is granted under the platform scope, never per cooperative. */
export const roles = [...cooperativeRoles, 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Roles that read a cooperative's books and records. */
export const readerRoles: readonly Role[] = ['teller', 'manager', 'supervisor', 'auditor'];
