/** The roles a person can hold in a cooperative (DESIGN.md section 1); rules name only these. */
export const cooperativeRoles = ['teller', 'manager', 'supervisor', 'auditor', 'admin'] as const;

export type CooperativeRole = (typeof cooperativeRoles)[number];

/** Operates the platform; never counts as an approver of money (DESIGN.md invariant 12). */
export const adminRole: CooperativeRole = 'admin';

export function isCooperativeRole(value: unknown): value is CooperativeRole {
  return (cooperativeRoles as readonly unknown[]).includes(value);
}
