import { heightOf, rule, write, type Doc } from './pdf';

/**
 * A table whose rows break onto new pages with the column heads repeated: the pick list's SKUs and
 * a packing slip's items. A cell is text, or drawn by the column (a barcode) in the height it asks.
 */

export interface Column<Row> {
  title: string;
  width: number;
  align?: 'left' | 'center' | 'right';
  /** Font size of this column's cells, when not the table's. */
  size?: number;
  text?: (row: Row) => string;
  draw?: { height: number; cell: (row: Row, x: number, y: number, width: number) => void };
}

export interface TableLayout<Row> {
  x: number;
  /** Where the next page's content may end. */
  bottom: number;
  size: number;
  columns: Column<Row>[];
  /** Starts a new page with its header; returns the y the table continues at. */
  newPage: () => number;
}

const PAD = 2.5;

function rowHeight<Row>(doc: Doc, layout: TableLayout<Row>, row: Row): number {
  const heights = layout.columns.map((c) => (c.draw ? c.draw.height : heightOf(doc, c.text!(row), c.size ?? layout.size, c.width - 2 * PAD)));
  return Math.max(...heights) + 2 * PAD;
}

function drawHeads<Row>(doc: Doc, layout: TableLayout<Row>, y: number): number {
  const width = layout.columns.reduce((sum, c) => sum + c.width, 0);
  const height = heightOf(doc, '库', layout.size, 100) + 2 * PAD;
  doc.rect(layout.x, y, width, height).fillColor('#e8e8e8').fill();
  let x = layout.x;
  for (const c of layout.columns) {
    write(doc, c.title, layout.size, x + PAD, y + PAD, { width: c.width - 2 * PAD, align: c.align });
    x += c.width;
  }
  return y + height;
}

/** Draws the heads at `y`, then every row; returns the y below the last row. */
export function drawTable<Row>(doc: Doc, layout: TableLayout<Row>, rows: readonly Row[], y: number): number {
  const right = layout.x + layout.columns.reduce((sum, c) => sum + c.width, 0);
  let at = drawHeads(doc, layout, y);
  for (const row of rows) {
    const height = rowHeight(doc, layout, row);
    if (at + height > layout.bottom) at = drawHeads(doc, layout, layout.newPage());
    let x = layout.x;
    for (const c of layout.columns) {
      if (c.draw) c.draw.cell(row, x + PAD, at + PAD, c.width - 2 * PAD);
      else write(doc, c.text!(row), c.size ?? layout.size, x + PAD, at + PAD, { width: c.width - 2 * PAD, align: c.align });
      x += c.width;
    }
    at += height;
    rule(doc, layout.x, at, right, 0.3);
  }
  return at;
}
