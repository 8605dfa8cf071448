import { constants, crc32, createDeflateRaw, deflateRawSync, type DeflateRaw } from 'node:zlib';
import type { WorksheetParts } from '../domain/xlsx-ledger';

const mainNs = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Each worksheet opens with its header row frozen, and ends with its rows. */
const worksheetStart =
  `${xmlDeclaration}<worksheet xmlns="${mainNs}"><sheetViews><sheetView workbookViewId="0">` +
  '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '</sheetView></sheetViews><sheetData>';
const worksheetEnd = '</sheetData></worksheet>';

/** Two cell formats: 0 the default, 1 bold (header rows). */
const styles =
  `${xmlDeclaration}<styleSheet xmlns="${mainNs}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/**
 * An XLSX file (Office Open XML SpreadsheetML in a zip) written as it streams: each worksheet is
 * one zip entry deflated as its rows arrive (a data descriptor after it carries its CRC and sizes,
 * so nothing is held back), and the parts that list the worksheets (workbook, relationships,
 * content types, styles) come last, when they are known. Rows handed to `rows` wait (a batch at
 * most) until `drain` compresses them into `out`, which may push back.
 */
export class XlsxPackage implements WorksheetParts {
  private readonly zip: ZipStream;
  private pending: Array<{ sheet: string } | string> = [];
  private current: DeflatedEntry | null = null;
  private readonly sheetNames: string[] = [];

  constructor(out: (bytes: Uint8Array) => Promise<void>) {
    this.zip = new ZipStream(out);
  }

  sheet(name: string): void {
    this.pending.push({ sheet: name });
  }

  rows(xml: string): void {
    if (xml !== '') this.pending.push(xml);
  }

  /** Compresses what the formatter has written so far. */
  async drain(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    for (const part of pending) {
      if (typeof part === 'string') {
        if (!this.current) throw new Error('xlsx: rows before any worksheet');
        await this.current.write(part);
        continue;
      }
      await this.closeSheet();
      this.sheetNames.push(part.sheet);
      this.current = await this.zip.deflatedEntry(
        `xl/worksheets/sheet${this.sheetNames.length}.xml`,
      );
      await this.current.write(worksheetStart);
    }
  }

  /** The last worksheet closed, the workbook's parts, and the zip's central directory. */
  async finish(): Promise<void> {
    await this.drain();
    await this.closeSheet();
    const sheets = this.sheetNames;
    const workbook =
      `${xmlDeclaration}<workbook xmlns="${mainNs}" xmlns:r="${relNs}"><sheets>` +
      sheets
        .map(
          (name, i) => `<sheet name="${attribute(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
        )
        .join('') +
      '</sheets></workbook>';
    const packageRels = 'http://schemas.openxmlformats.org/package/2006/relationships';
    const workbookRels =
      `${xmlDeclaration}<Relationships xmlns="${packageRels}">` +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${relNs}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${relNs}/styles" Target="styles.xml"/>` +
      '</Relationships>';
    const contentTypes =
      `${xmlDeclaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>';
    const rootRels =
      `${xmlDeclaration}<Relationships xmlns="${packageRels}">` +
      `<Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/>` +
      '</Relationships>';
    await this.zip.file('xl/workbook.xml', workbook);
    await this.zip.file('xl/_rels/workbook.xml.rels', workbookRels);
    await this.zip.file('xl/styles.xml', styles);
    await this.zip.file('_rels/.rels', rootRels);
    await this.zip.file('[Content_Types].xml', contentTypes);
    await this.zip.finish();
  }

  private async closeSheet(): Promise<void> {
    if (!this.current) return;
    await this.current.write(worksheetEnd);
    await this.current.end();
    this.current = null;
  }
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

interface CentralRecord {
  readonly name: Buffer;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

/** Zip's 32-bit fields; ZIP64 is not written (a worksheet tops out near 1 GB of XML). */
const zipLimit = 0xffffffff;
/** General purpose flags: bit 3, sizes and CRC in a data descriptor; bit 11, UTF-8 names. */
const streamedFlags = 0x0808;
const knownFlags = 0x0800;
/** 1980-01-01 00:00 in MS-DOS date and time: the entries carry no time of their own. */
const dosTime = 0;
const dosDate = (0 << 9) | (1 << 5) | 1;

/** A zip archive written front to back: local headers and data, then the central directory. */
class ZipStream {
  private offset = 0;
  private readonly records: CentralRecord[] = [];

  constructor(private readonly out: (bytes: Uint8Array) => Promise<void>) {}

  /** A small entry, deflated whole: its sizes go in its local header. */
  async file(name: string, text: string): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    const compressed = deflateRawSync(data);
    const record = {
      name: Buffer.from(name, 'utf8'),
      flags: knownFlags,
      crc: crc32(data),
      compressedSize: compressed.length,
      size: data.length,
      offset: this.offset,
    };
    await this.emit(localHeader(record));
    await this.emit(compressed);
    this.records.push(record);
  }

  /** An entry deflated as it is written, its CRC and sizes after it. */
  async deflatedEntry(name: string): Promise<DeflatedEntry> {
    const encoded = Buffer.from(name, 'utf8');
    const offset = this.offset;
    await this.emit(
      localHeader({
        name: encoded,
        flags: streamedFlags,
        crc: 0,
        compressedSize: 0,
        size: 0,
        offset,
      }),
    );
    return new DeflatedEntry(
      (bytes) => this.emit(bytes),
      async (crc, compressedSize, size) => {
        if (compressedSize > zipLimit || size > zipLimit) {
          throw new Error(`xlsx: ${name} is larger than a zip without ZIP64 holds`);
        }
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(crc, 4);
        descriptor.writeUInt32LE(compressedSize, 8);
        descriptor.writeUInt32LE(size, 12);
        await this.emit(descriptor);
        this.records.push({
          name: encoded,
          flags: streamedFlags,
          crc,
          compressedSize,
          size,
          offset,
        });
      },
    );
  }

  async finish(): Promise<void> {
    const start = this.offset;
    for (const record of this.records) await this.emit(centralHeader(record));
    const size = this.offset - start;
    if (this.offset > zipLimit || this.records.length > 0xffff) {
      throw new Error('xlsx: the file is larger than a zip without ZIP64 holds');
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(end);
  }

  private async emit(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    this.offset += bytes.length;
    await this.out(bytes);
  }
}

/** Deflates text into its entry as it comes (zlib's own thread), passing output on as it is made. */
class DeflatedEntry {
  private readonly deflate: DeflateRaw;
  private readonly made: Buffer[] = [];
  private crc = 0;
  private size = 0;
  private compressedSize = 0;
  private failure: Error | null = null;

  constructor(
    private readonly out: (bytes: Uint8Array) => Promise<void>,
    private readonly close: (crc: number, compressedSize: number, size: number) => Promise<void>,
  ) {
    // Speed over size: a year's worksheet is hundreds of MB of very repetitive XML.
    this.deflate = createDeflateRaw({ level: constants.Z_BEST_SPEED });
    this.deflate.on('data', (chunk: Buffer) => this.made.push(chunk));
    this.deflate.on('error', (error: Error) => (this.failure = error));
  }

  async write(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    await new Promise<void>((resolve, reject) =>
      this.deflate.write(bytes, (error) => (error ? reject(error) : resolve())),
    );
    await this.passOn();
  }

  async end(): Promise<void> {
    const ended = new Promise<void>((resolve, reject) => {
      this.deflate.once('end', resolve);
      this.deflate.once('error', reject);
    });
    this.deflate.end();
    await ended;
    await this.passOn();
    await this.close(this.crc, this.compressedSize, this.size);
  }

  private async passOn(): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.made.length > 0) {
      const chunk = this.made.shift()!;
      this.compressedSize += chunk.length;
      await this.out(chunk);
    }
  }
}

function localHeader(record: CentralRecord): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  header.writeUInt16LE(record.flags, 6);
  header.writeUInt16LE(8, 8); // deflate
  header.writeUInt16LE(dosTime, 10);
  header.writeUInt16LE(dosDate, 12);
  header.writeUInt32LE(record.crc, 14);
  header.writeUInt32LE(record.compressedSize, 18);
  header.writeUInt32LE(record.size, 22);
  header.writeUInt16LE(record.name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, record.name]);
}

function centralHeader(record: CentralRecord): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4); // made by: 2.0
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(record.flags, 8);
  header.writeUInt16LE(8, 10);
  header.writeUInt16LE(dosTime, 12);
  header.writeUInt16LE(dosDate, 14);
  header.writeUInt32LE(record.crc, 16);
  header.writeUInt32LE(record.compressedSize, 20);
  header.writeUInt32LE(record.size, 24);
  header.writeUInt16LE(record.name.length, 28);
  header.writeUInt32LE(record.offset, 42);
  return Buffer.concat([header, record.name]);
}
