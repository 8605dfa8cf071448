/** Approving a cross-border facility: two managers, a supervisor too where the rules say. */
export const facilityApprovalType = 'cross-border.facility.approve';
