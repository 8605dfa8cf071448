export const loanApprovalType = 'loans.application.approve';
