import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import { yuanText } from './money';

/** Every register exports to Excel and CSV: staff work on them in Excel. */
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * More rows than this and the caller is asked to narrow the filter. Files are streamed as their
 * rows are read, so memory stays flat, but a file this size still costs seconds of CPU.
 */
export const EXPORT_MAX_ROWS = 100_000;

/** Rows read from the database per round trip while a file is written. */
export const EXPORT_BATCH_ROWS = 1_000;

/** A column of an exported register: its header as staff read it, and how a row fills it. */
export interface ExportColumn<T> {
  header: string;
  /** `yuan`: the value is integer fen, shown as yuan with two decimals (a number in Excel, so it sums). */
  kind?: 'text' | 'yuan';
  /** Excel column width in characters. */
  width?: number;
  value: (row: T) => string | number | null;
}

export interface ExportTable<T> {
  /** Sheet name and the start of the file name, e.g. 未付款明细表. */
  title: string;
  /** The same in ASCII, for clients that cannot take a UTF-8 file name, e.g. unpaid-register. */
  asciiTitle: string;
  columns: ExportColumn<T>[];
  /** The rows in batches, read while the file is written. */
  batches: AsyncIterable<T[]>;
  /** Excel only: the label of a 合计 row under the data; its yuan columns sum what the filter shows. */
  totalLabel?: (rows: number) => string;
}

export interface ExportFile {
  body: Readable;
  contentType: string;
  fileName: string;
  asciiFileName: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** The register as an xlsx or CSV file named `<title>_<day>.<format>`, streamed as its rows are read. */
export function exportTable<T>(format: ExportFormat, table: ExportTable<T>, day: string): ExportFile {
  const body = new PassThrough();
  (format === 'xlsx' ? writeXlsx(table, body) : writeCsv(table, body)).catch((err: unknown) => body.destroy(err as Error));
  return { body, contentType: CONTENT_TYPES[format], fileName: `${table.title}_${day}.${format}`, asciiFileName: `${table.asciiTitle}_${day}.${format}` };
}

async function writeXlsx<T>({ title, columns, batches, totalLabel }: ExportTable<T>, out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16, style: c.kind === 'yuan' ? { numFmt: '#,##0.00' } : {} }));
  sheet.getRow(1).font = { bold: true };
  let rows = 0;
  const fenSums = columns.map(() => 0);
  for await (const batch of batches) {
    for (const row of batch) {
      const values = columns.map((c) => c.value(row));
      for (const [i, value] of values.entries()) if (columns[i]!.kind === 'yuan' && typeof value === 'number') fenSums[i]! += value;
      sheet.addRow(values.map((value, i) => cellValue(columns[i]!, value))).commit();
    }
    rows += batch.length;
  }
  // The filter covers the data only; the 合计 row sits apart under a blank one, so sorting leaves it there.
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: columns.length } };
  if (totalLabel) {
    sheet.addRow([]).commit();
    // SUBTOTAL(109, …) sums only the rows a filter shows; the result is there for viewers that do not recalculate.
    const sumCell = (i: number) => ({ formula: `SUBTOTAL(109,${columnRange(i, rows)})`, result: fenSums[i]! / 100 });
    const total = sheet.addRow(columns.map((c, i) => (i === 0 ? totalLabel(rows) : c.kind === 'yuan' ? sumCell(i) : null)));
    total.font = { bold: true };
    total.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Excel keeps fen / 100 as a double: exact for display and sums of cents. */
const cellValue = <T>(column: ExportColumn<T>, value: string | number | null) => (column.kind === 'yuan' && typeof value === 'number' ? value / 100 : value);

/** `D2:D41` for the data of the column at `index` (up to 26 columns). */
const columnRange = (index: number, rows: number) => {
  const letter = String.fromCharCode(65 + index);
  return `${letter}2:${letter}${rows + 1}`;
};

/**
 * UTF-8 with a byte order mark, so Excel on a Chinese Windows opens it as UTF-8 and not GBK. A text
 * cell starting with = + - @ is prefixed with ' so a spreadsheet shows it instead of running it.
 */
async function writeCsv<T>({ columns, batches }: ExportTable<T>, out: PassThrough): Promise<void> {
  const csv = (records: string[][]) => stringify(records, { record_delimiter: '\r\n' });
  out.write(`\uFEFF${csv([columns.map((c) => c.header)])}`);
  for await (const batch of batches) {
    const records = batch.map((row) => columns.map((c) => csvCell(c, c.value(row))));
    if (!out.write(csv(records))) await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end();
}

function csvCell<T>(column: ExportColumn<T>, value: string | number | null): string {
  if (value === null) return '';
  if (column.kind === 'yuan' && typeof value === 'number') return yuanText(value);
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Sends the file as a download; the name is Chinese, with an ASCII fallback (RFC 6266). */
export function sendExport(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-disposition', `attachment; filename="${file.asciiFileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .type(file.contentType)
    .send(file.body);
}
