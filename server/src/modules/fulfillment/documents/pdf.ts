// bwip-js's platform-free build (no PNG renderer): its default export's raw(bcid, text) gives the bars
import bwipjs from 'bwip-js/generic';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * What every printed document is drawn with: one CJK font installed by npm (no system font is
 * assumed), vector Code128 barcodes, and page sizes in millimetres. Documents are laid out by hand
 * (margin 0, every text placed with its box), so pdfkit never adds a page of its own.
 */

export type Doc = PDFKit.PDFDocument;

/** Points per millimetre: PDF measures in points of 1/72 inch. */
export const mm = (millimetres: number): number => (millimetres * 72) / 25.4;

export const A4: [number, number] = [mm(210), mm(297)];
export const A5: [number, number] = [mm(148), mm(210)];
/** The usual thermal shipping label (一联单), 100 × 150 mm. */
export const LABEL: [number, number] = [mm(100), mm(150)];

/**
 * Noto Sans SC Regular (SIL Open Font License 1.1; the package's LICENSE_FONT). Read once per
 * process; each document embeds the subset of glyphs it uses, with the Unicode map that keeps its
 * Chinese text searchable and copyable.
 */
const FONT_FILE = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
let fontBytes: Buffer | undefined;
const fontData = (): Buffer => (fontBytes ??= readFileSync(FONT_FILE));

/**
 * Draws a document and returns its bytes. The font goes in the constructor, so pdfkit never loads
 * its default Helvetica metrics; pdfkit reads font bytes where its types name only a path.
 */
export async function renderPdf(opts: { size: [number, number]; title: string; bufferPages?: boolean }, draw: (doc: Doc) => void | Promise<void>): Promise<Buffer> {
  const options = { size: opts.size, margin: 0, autoFirstPage: false, bufferPages: opts.bufferPages ?? false, font: fontData(), info: { Title: opts.title, Creator: 'ShopFlow' } };
  const doc = new PDFDocument(options as unknown as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  await draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Lets other requests run between pages of a long document (2,000 packing slips take seconds). */
export const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface TextBox {
  width: number;
  /** Lines beyond this height are cut with an ellipsis; without it the text wraps freely. */
  height?: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

/** Text at (x, y) in its box; returns the height it took. */
export function write(doc: Doc, text: string, size: number, x: number, y: number, box: TextBox): number {
  const options = { width: box.width, align: box.align ?? 'left', lineGap: 1, ...(box.height !== undefined && { height: box.height, ellipsis: true }) };
  doc.fontSize(size).fillColor(box.color ?? 'black');
  const height = Math.min(doc.heightOfString(text, options), box.height ?? Infinity);
  doc.text(text, x, y, options);
  return height;
}

/** The height `text` takes at `size` in a box `width` wide. */
export const heightOf = (doc: Doc, text: string, size: number, width: number): number => doc.fontSize(size).heightOfString(text, { width, lineGap: 1 });

/** The widest a Code128 module (narrowest bar) is drawn: 0.4 mm scans well and keeps codes short. */
const MAX_MODULE = mm(0.4);

interface LinearSymbol {
  /** Bar and space widths in modules, alternating, starting with a bar. */
  sbs: number[];
}

/**
 * `text` as a Code128 barcode of vector bars (bwip-js encodes, pdfkit draws): as wide as fits in
 * `width`, at most 0.4 mm a module, placed at the left or centre of the box. The caller leaves the
 * quiet zone around it. Returns the width drawn.
 */
export function code128(doc: Doc, text: string, x: number, y: number, box: { width: number; height: number; align?: 'left' | 'center' }): number {
  const [symbol] = bwipjs.raw('code128', text, {}) as LinearSymbol[];
  const widths = symbol!.sbs;
  const modules = widths.reduce((sum, w) => sum + w, 0);
  const module = Math.min(box.width / modules, MAX_MODULE);
  let at = box.align === 'center' ? x + (box.width - modules * module) / 2 : x;
  widths.forEach((w, i) => {
    if (i % 2 === 0) doc.rect(at, y, w * module, box.height);
    at += w * module;
  });
  doc.fillColor('black').fill();
  return modules * module;
}

export function rule(doc: Doc, x1: number, y: number, x2: number, width = 0.5): void {
  doc.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor('black').stroke();
}

/** A file name any browser and OS takes as it is: ASCII letters, digits, dot, dash, underscore. */
export const asciiFileName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '_');
