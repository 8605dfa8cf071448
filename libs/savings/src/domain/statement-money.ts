/** Money on paper is libs/core's (text/print-format.ts), shared with the loan statement. */
export { formatAmount, formatMoney } from '@lumbung/core';
