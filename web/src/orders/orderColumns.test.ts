import { describe, expect, it } from 'vitest';
import { arrangeColumns, ORDER_COLUMN_KEYS } from './orderColumns';

describe('arrangeColumns', () => {
  it('shows every column in the default order when nothing is saved', () => {
    expect(arrangeColumns(undefined)).toEqual(ORDER_COLUMN_KEYS.map((key) => ({ key, visible: true })));
  });

  it('keeps the saved order and choices, adds columns added since at the end, drops unknown ones', () => {
    const arranged = arrangeColumns([
      { key: 'total', visible: true },
      { key: 'gone', visible: true },
      { key: 'phone', visible: false },
    ]);
    expect(arranged.slice(0, 2)).toEqual([
      { key: 'total', visible: true },
      { key: 'phone', visible: false },
    ]);
    expect(arranged.map((c) => c.key).sort()).toEqual([...ORDER_COLUMN_KEYS].sort());
  });

  it('never hides the order number, whatever was saved', () => {
    expect(arrangeColumns([{ key: 'orderNo', visible: false }])[0]).toEqual({ key: 'orderNo', visible: true });
  });
});
