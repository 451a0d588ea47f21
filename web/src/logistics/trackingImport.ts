/**
 * The aggregator's tracking CSV as the server reads it (server/src/modules/logistics/imports.ts):
 * a header row, then one event per row. Columns by their Chinese (or English) names, the carrier
 * by name or code, the status by code or the carrier's words, times as China local time.
 */

export type ImportColumn = 'carrier' | 'trackingNo' | 'time' | 'status' | 'description' | 'location';
const COLUMNS: ImportColumn[] = ['carrier', 'trackingNo', 'time', 'status', 'description', 'location'];

/** A sample file to start from: the header the import reads and rows showing what each column takes. */
export function trackingTemplate(columnNames: Record<ImportColumn, string>): string {
  const rows = [
    COLUMNS.map((c) => columnNames[c]),
    ['中通快递', '778812345678', '2026-12-01 09:30:00', '已揽收', '快递员已揽件', '杭州市'],
    ['中通快递', '778812345678', '2026-12-01 21:05:00', '运输中', '已到达杭州转运中心', '杭州市'],
    ['SF', 'SF1234567890123', '2026/12/02 10:20', '派送中', '快递员正在派送', '上海市'],
    ['顺丰', 'SF1234567890123', '2026-12-02 15:48:00', '已签收', '本人签收', '上海市'],
  ];
  // a BOM, so Excel on a Chinese Windows opens the UTF-8 file with its Chinese intact
  return `\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
}

export interface ImportProblem {
  key: string;
  /** The file's row (the header is row 1), when the problem is a row's. */
  row: number | null;
  column: string | null;
  message: string;
}

/**
 * The server's refusal of a file as a table: `rows.N.<column>` is row N's cell, `columns.<column>`
 * a column missing from the header, `trackingNo.<number>` a number with no shipped parcel. A problem
 * of the whole file (not CSV, empty, too many rows) has no rows to list: the refusal's message says it.
 */
export function importProblems(
  details: { path: string; message: string }[],
  words: { columns: Record<ImportColumn, string>; missingColumn: string },
): ImportProblem[] {
  const columnOf = (name: string | undefined) => (name && (COLUMNS as string[]).includes(name) ? words.columns[name as ImportColumn] : null);
  return details.flatMap((d, i): ImportProblem[] => {
    const [scope, at, column] = d.path.split('.');
    const key = `${i}:${d.path}`;
    if (scope === 'rows') return [{ key, row: Number(at), column: columnOf(column), message: d.message }];
    if (scope === 'columns') return [{ key, row: null, column: columnOf(at), message: words.missingColumn }];
    if (scope === 'trackingNo') return [{ key, row: null, column: words.columns.trackingNo, message: d.message }];
    return [];
  });
}
