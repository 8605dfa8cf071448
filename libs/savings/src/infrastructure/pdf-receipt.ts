import { type ReceiptView } from '../domain/receipt';
import { receiptLabels, receiptPages, receiptRowWidth } from '../domain/receipt-layout';
import { labels } from '../domain/statement-language';
import { courierAdvance, pdfDocument, type PdfText } from '@lumbung/core';

/** ISO 216 A6, in points: a counter receipt. */
export const a6 = { width: 298, height: 420 } as const;

const fontSize = 8;
const leading = 11;
const top = a6.height - 36;
const footerBaseline = 22;
/** Rows between the top margin and the footer, with a row's gap above the footer. */
const rowsPerPage = 31;
/** Rows centred on the page. */
const left = (a6.width - receiptRowWidth * courierAdvance * fontSize) / 2;

/** The receipt (kuitansi) as a small PDF to print: a copy, saying so and when it was printed. */
export function receiptPdf(receipt: ReceiptView): Buffer {
  const pages = receiptPages(receipt, rowsPerPage);
  return pdfDocument(
    pages.map((rows, i) => {
      const texts: PdfText[] = rows
        .map((row, r) => ({ x: left, y: top - r * leading, size: fontSize, ...row }))
        .filter((row) => row.text !== '');
      if (pages.length > 1) {
        const footer = labels[receipt.lang].pageOf(i + 1, pages.length);
        texts.push({
          x: (a6.width - footer.length * courierAdvance * fontSize) / 2,
          y: footerBaseline,
          size: fontSize,
          text: footer,
        });
      }
      return { ...a6, texts };
    }),
    {
      title: `${receiptLabels[receipt.lang].title} ${receipt.cooperative.code} ${receipt.receiptNumber}`,
    },
  );
}
