import type { PickList } from '../model';
import { A4, code128, mm, renderPdf, rule, write, type Doc } from './pdf';
import type { PickListPrint } from './prints';
import { drawTable, type Column } from './table';
import { printStamp, WAVE_KIND_LABELS, warehouseTime } from './words';

/**
 * The pick list (配货单) on A4: the wave's number large with its barcode, then one row per SKU
 * along the bin route — bin, SKU code, product and spec, quantity, the SKU's barcode — and in a
 * multi-item wave where the units go on the sowing wall (格位 → 件数). Every page repeats the
 * heading and the column heads and is numbered.
 */

type Line = PickList['lines'][number];
/** A SKU's row, or the rest of its sowing split when one row cannot hold it all. */
interface Row {
  index: number;
  line: Line;
  continued: boolean;
  slots: Line['slots'];
}

const MARGIN = mm(12);
const WIDTH = A4[0] - 2 * MARGIN;
const BOTTOM = A4[1] - mm(14);
const BARCODE_HEIGHT = mm(9);
/** Slot entries per row: a SKU in every order of a big wave goes on in rows marked 续. */
const SLOTS_PER_ROW = 100;

function rowsOf(lines: Line[], multi: boolean): Row[] {
  return lines.flatMap((line, i) => {
    const chunks: Line['slots'][] = [];
    const perRow = multi ? SLOTS_PER_ROW : Infinity;
    for (let at = 0; at < line.slots.length; at += perRow) chunks.push(line.slots.slice(at, at + perRow));
    return chunks.map((slots, n) => ({ index: i + 1, line, continued: n > 0, slots }));
  });
}

function columns(doc: Doc, multi: boolean): Column<Row>[] {
  const barcode: Column<Row> = {
    title: '条码',
    width: mm(multi ? 44 : 52),
    draw: {
      height: BARCODE_HEIGHT + 10,
      cell: (r, x, y, width) => {
        if (r.continued) return;
        const code = r.line.barcode ?? r.line.skuCode;
        code128(doc, code, x, y, { width, height: BARCODE_HEIGHT });
        write(doc, code, 7, x, y + BARCODE_HEIGHT + 1, { width, height: 9 });
      },
    },
  };
  const fixed: Column<Row>[] = [
    { title: '序号', width: mm(10), text: (r) => String(r.index) },
    { title: '库位', width: mm(22), size: 11, text: (r) => r.line.binCode ?? '未设库位' },
    { title: '货号', width: mm(28), text: (r) => r.line.skuCode },
  ];
  const quantity: Column<Row> = { title: '数量', width: mm(14), align: 'right', size: 12, text: (r) => (r.continued ? '续' : String(r.line.quantity)) };
  const slots: Column<Row> = { title: '格位 → 件数', width: mm(34), size: 8, text: (r) => r.slots.map((s) => `${s.slot}→${s.quantity}`).join('  ') };
  const used = [...fixed, quantity, barcode, ...(multi ? [slots] : [])].reduce((sum, c) => sum + c.width, 0);
  const product: Column<Row> = { title: '商品 / 规格', width: WIDTH - used, text: (r) => (r.continued ? `${r.line.productName}（续）` : `${r.line.productName}${r.line.spec ? ` / ${r.line.spec}` : ''}`) };
  return [...fixed, product, quantity, barcode, ...(multi ? [slots] : [])];
}

function firstHeading(doc: Doc, print: PickListPrint): number {
  const { wave, lines, units } = print.pickList;
  const picked = new Set(lines.flatMap((l) => l.slots.map((s) => s.orderNo))).size;
  const left = wave.orderCount - picked;
  write(doc, '配货单', 22, MARGIN, MARGIN, { width: mm(60) });
  write(doc, wave.waveNo, 16, MARGIN, MARGIN + 32, { width: mm(90) });
  code128(doc, wave.waveNo, A4[0] - MARGIN - mm(80), MARGIN, { width: mm(80), height: mm(14) });
  let y = MARGIN + mm(18);
  const counts = `订单 ${picked} 单${left > 0 ? `（另有 ${left} 单已拦截，不拣）` : ''} · ${lines.length} 种商品 · 共 ${units} 件`;
  y += write(doc, `仓库 ${wave.warehouseCode} · ${WAVE_KIND_LABELS[wave.kind]} · ${counts}`, 10, MARGIN, y, { width: WIDTH });
  y += write(doc, `创建 ${wave.createdByName ?? '系统'} ${warehouseTime(wave.createdAt)} · ${printStamp(print.printNo, print.printedAt)}`, 9, MARGIN, y + 2, { width: WIDTH, color: '#333333' });
  return y + mm(3);
}

function nextHeading(doc: Doc, print: PickListPrint): number {
  doc.addPage();
  const { wave } = print.pickList;
  write(doc, `配货单 ${wave.waveNo}（续） · ${WAVE_KIND_LABELS[wave.kind]}`, 12, MARGIN, MARGIN, { width: WIDTH });
  return MARGIN + mm(8);
}

function numberPages(doc: Doc): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    rule(doc, MARGIN, BOTTOM + mm(2), A4[0] - MARGIN, 0.3);
    write(doc, `第 ${i - start + 1} / ${count} 页`, 8, MARGIN, BOTTOM + mm(4), { width: WIDTH, align: 'right' });
  }
}

export function pickListPdf(print: PickListPrint): Promise<Buffer> {
  const { wave, lines } = print.pickList;
  const multi = wave.kind === 'multi';
  return renderPdf({ size: A4, title: `配货单 ${wave.waveNo}`, bufferPages: true }, (doc) => {
    doc.addPage();
    const y = firstHeading(doc, print);
    drawTable(doc, { x: MARGIN, bottom: BOTTOM, size: 9, columns: columns(doc, multi), newPage: () => nextHeading(doc, print) }, rowsOf(lines, multi), y);
    numberPages(doc);
  });
}
