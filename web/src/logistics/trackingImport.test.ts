import { describe, expect, it } from 'vitest';
import { zh } from '../app/locales/zh';
import { importProblems, trackingTemplate } from './trackingImport';

const words = { columns: zh.logistics.importColumns, missingColumn: zh.logistics.missingColumn };

describe('the tracking CSV template', () => {
  it('has the header the import reads, then sample rows of six cells, with a BOM for Excel', () => {
    const template = trackingTemplate(zh.logistics.importColumns);
    expect(template.startsWith('\ufeff')).toBe(true);
    const [header, ...rows] = template.slice(1).trimEnd().split('\r\n');
    expect(header).toBe('快递公司,快递单号,时间,状态,描述,地点');
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row.split(',')).toHaveLength(6);
  });
});

describe('importProblems', () => {
  it('lists each refused row by its number and column in Chinese, in the server\'s order', () => {
    const problems = importProblems(
      [
        { path: 'rows.2.time', message: '第 2 行「时间」不是有效时间：2026-13-45 10:00' },
        { path: 'rows.3.carrier', message: '第 3 行「快递公司」无法识别：某某快递' },
      ],
      words,
    );
    expect(problems.map(({ row, column, message }) => ({ row, column, message }))).toEqual([
      { row: 2, column: '时间', message: '第 2 行「时间」不是有效时间：2026-13-45 10:00' },
      { row: 3, column: '快递公司', message: '第 3 行「快递公司」无法识别：某某快递' },
    ]);
  });

  it('names a missing column and an unknown tracking number without a row, and leaves out problems of the whole file', () => {
    const problems = importProblems(
      [
        { path: 'columns.status', message: '状态' },
        { path: 'trackingNo.788888888888', message: '没有中通快递单号为 788888888888 的已发货包裹' },
        { path: 'content', message: 'csv' },
      ],
      words,
    );
    expect(problems.map(({ row, column, message }) => ({ row, column, message }))).toEqual([
      { row: null, column: '状态', message: '文件缺少这一列（第一行表头）' },
      { row: null, column: '快递单号', message: '没有中通快递单号为 788888888888 的已发货包裹' },
    ]);
  });
});
