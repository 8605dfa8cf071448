import { a4, courierAdvance, pdfDocument, type PdfText } from '@lumbung/core';
import type { LoanStatement } from '../domain/loan-statement';
import { loanLabels } from '../domain/loan-statement-language';
import { loanStatementPages, loanStatementRowWidth } from '../domain/loan-statement-layout';

// The savings statement's page geometry, so both statements print alike.
const fontSize = 7.5;
const leading = 10;
const top = a4.height - 40;
const footerBaseline = 28;
/** Rows between the top margin and the footer, with two rows' gap above the footer. */
const rowsPerPage = 75;
/** Rows centred on the page: the widest row decides the left margin. */
const left = (a4.width - loanStatementRowWidth * courierAdvance * fontSize) / 2;

/** The loan statement as a printable A4 PDF, numbered "Halaman 1 dari 2" / "Page 1 of 2". */
export function loanStatementPdf(statement: LoanStatement): Buffer {
  const pages = loanStatementPages(statement, rowsPerPage);
  const text = loanLabels[statement.lang];
  return pdfDocument(
    pages.map((rows, i) => {
      const footer = text.pageOf(i + 1, pages.length);
      const texts: PdfText[] = rows
        .map((row, r) => ({ x: left, y: top - r * leading, size: fontSize, ...row }))
        .filter((row) => row.text !== '');
      texts.push({
        x: (a4.width - footer.length * courierAdvance * fontSize) / 2,
        y: footerBaseline,
        size: fontSize,
        text: footer,
      });
      return { ...a4, texts };
    }),
    {
      title: `${text.title} ${statement.loan.loanNumber} ${statement.period.from} ${statement.period.to}`,
    },
  );
}
