import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { yuanText } from './money';

/** Every register exports to Excel and CSV (DOMAIN.md §8). */
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** More rows than this and the caller is asked to narrow the filter: the file is built in memory. */
export const EXPORT_MAX_ROWS = 100_000;

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
  rows: T[];
  /** Excel only: a last row in bold (合计), one cell per column, null for empty. */
  totals?: (string | number | null)[];
}

export interface ExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
  asciiFileName: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** The register as an xlsx or CSV file named `<title>_<day>.<format>`. */
export async function exportTable<T>(format: ExportFormat, table: ExportTable<T>, day: string): Promise<ExportFile> {
  const body = format === 'xlsx' ? await toXlsx(table) : toCsv(table);
  return { body, contentType: CONTENT_TYPES[format], fileName: `${table.title}_${day}.${format}`, asciiFileName: `${table.asciiTitle}_${day}.${format}` };
}

async function toXlsx<T>({ title, columns, rows, totals }: ExportTable<T>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16, style: c.kind === 'yuan' ? { numFmt: '#,##0.00' } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => cellValue(c, c.value(row))));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  if (totals) sheet.addRow(totals.map((value, i) => cellValue(columns[i]!, value))).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel keeps fen / 100 as a double: exact for display and sums of cents. */
const cellValue = <T>(column: ExportColumn<T>, value: string | number | null) => (column.kind === 'yuan' && typeof value === 'number' ? value / 100 : value);

/**
 * UTF-8 with a byte order mark, so Excel on a Chinese Windows opens it as UTF-8 and not GBK. A text
 * cell starting with = + - @ is prefixed with ' so a spreadsheet shows it instead of running it.
 */
function toCsv<T>({ columns, rows }: ExportTable<T>): Buffer {
  const records = rows.map((row) =>
    columns.map((c) => {
      const value = c.value(row);
      if (value === null) return '';
      if (c.kind === 'yuan' && typeof value === 'number') return yuanText(value);
      const text = String(value);
      return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    }),
  );
  return Buffer.from(`\uFEFF${stringify([columns.map((c) => c.header), ...records], { record_delimiter: '\r\n' })}`, 'utf8');
}

/** Sends the file as a download; the name is Chinese, with an ASCII fallback (RFC 6266). */
export function sendExport(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-disposition', `attachment; filename="${file.asciiFileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .type(file.contentType)
    .send(file.body);
}
