import { type MemberStatement } from '../domain/statement';
import { labels } from '../domain/statement-language';
import { statementPages, statementRowWidth } from '../domain/statement-layout';
import { a4, courierAdvance, pdfDocument, type PdfText } from '@lumbung/core';

const fontSize = 7.5;
const leading = 10;
const top = a4.height - 40;
const footerBaseline = 28;
/** Rows between the top margin and the footer, with two rows' gap above the footer. */
const rowsPerPage = 75;
/** Rows centred on the page: the widest row decides the left margin. */
const left = (a4.width - statementRowWidth * courierAdvance * fontSize) / 2;

/** The member statement as a printable A4 PDF, numbered "Halaman 1 dari 3" / "Page 1 of 3". */
export function statementPdf(statement: MemberStatement): Buffer {
  const pages = statementPages(statement, rowsPerPage);
  const text = labels[statement.lang];
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
      title: `${text.statementTitle} ${statement.member.memberNumber} ${statement.period.from} ${statement.period.to}`,
    },
  );
}
