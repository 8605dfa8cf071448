import {
  type PassbookLine,
  passbookLinesPerPage,
  passbookRow,
  passbookRowWidth,
} from '../domain/passbook';
import { labels, type Language } from '../domain/statement-language';
import { a5, courierAdvance, pdfDocument, type PdfText } from '@lumbung/core';

const fontSize = 7;
/** Row pitch of the passbook's printed grid, and where its first row's baseline sits. */
const pitch = 22;
const firstRow = a5.height - 80;
/** Rows centred on the page, as the passbook sits centred in the printer. */
const left = (a5.width - passbookRowWidth * courierAdvance * fontSize) / 2;

/**
 * The lines as the passbook printer places them: one PDF page per passbook page touched, each
 * line on its own row of the grid, so a run that resumes mid-page leaves the printed rows above
 * it blank. The page number is printed in the bottom margin for the teller.
 */
export function passbookPdf(lines: readonly PassbookLine[], lang: Language, title: string): Buffer {
  const byPage = new Map<number, PassbookLine[]>();
  for (const line of lines) byPage.set(line.page, [...(byPage.get(line.page) ?? []), line]);
  const pages = [...byPage.entries()].map(([page, onPage]) => {
    const texts: PdfText[] = onPage.map((line) => ({
      x: left,
      y: firstRow - (line.line - 1) * pitch,
      size: fontSize,
      text: passbookRow(line, lang),
    }));
    const marker = labels[lang].passbookPage(page);
    texts.push({
      x: a5.width - left - marker.length * courierAdvance * fontSize,
      y: firstRow - passbookLinesPerPage * pitch,
      size: fontSize,
      text: marker,
    });
    return { ...a5, texts };
  });
  return pdfDocument(pages.length > 0 ? pages : [{ ...a5, texts: [] }], { title });
}
