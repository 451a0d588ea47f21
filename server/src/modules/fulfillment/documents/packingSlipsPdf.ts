import { localDate, localDateTime } from '../../../platform/clock';
import { yuanText } from '../../../platform/money';
import { CARRIER_LABELS } from '../carriers';
import type { SlipItem, SlipRemark } from '../readModel';
import { A5, code128, heightOf, mm, renderPdf, write, yieldToOthers, type Doc } from './pdf';
import type { PackingSlip, PackingSlipsPrint } from './prints';
import { drawTable, type Column } from './table';
import { FLAG_LABELS, GAP, printStamp, RED_FLAG_WARNING } from './words';

/**
 * The packing slips (发货单) of a wave on A5, one order each (continued on further pages when
 * long), in slot order: the order number as the barcode that opens its packing session, shop,
 * paid time, carrier, the receiver masked, the items with their prices in 元, the buyer's message
 * and the seller's remarks with their flags; a red flag puts 红旗：发货前核对 at the top of each page.
 */

const MARGIN = mm(8);
const WIDTH = A5[0] - 2 * MARGIN;
const BOTTOM = A5[1] - mm(12);
/** Slips drawn between two yields to the event loop. */
const SLIPS_PER_TURN = 5;

const ITEM_COLUMNS: Column<SlipItem>[] = [
  { title: '货号', width: mm(27), text: (i) => i.skuCode },
  { title: '商品名称', width: WIDTH - mm(27 + 26 + 12 + 18), text: (i) => i.productName },
  { title: '规格', width: mm(26), text: (i) => i.spec },
  { title: '数量', width: mm(12), align: 'right', size: 10, text: (i) => String(i.quantity) },
  { title: '单价（元）', width: mm(18), align: 'right', text: (i) => yuanText(i.unitPrice) },
];

function remarkLine(remark: SlipRemark, timeZone: string): string {
  const day = remark.promiseDate ?? localDate(new Date(remark.createdAt), timeZone);
  return `【${FLAG_LABELS[remark.flag] ?? remark.flag}】${remark.authorName} · ${remark.content} · ${day}`;
}

/** Starts a page of `slip`: the red-flag warning, then the full heading (first page) or a short one. */
function startPage(doc: Doc, print: PackingSlipsPrint, slip: PackingSlip, continued: boolean): number {
  const { order, receiver } = slip;
  doc.addPage();
  let y = MARGIN;
  if (order.flag === 'red') {
    doc.rect(MARGIN, y, WIDTH, mm(9)).fillColor('#c00000').fill();
    write(doc, RED_FLAG_WARNING, 14, MARGIN, y + 4, { width: WIDTH, align: 'center', color: 'white' });
    y += mm(11);
  }
  write(doc, `波次 ${print.wave.waveNo} · ${printStamp(print.printNo, print.printedAt)}`, 7, MARGIN, BOTTOM + mm(4), { width: WIDTH, align: 'right', color: '#333333' });
  if (continued) return y + write(doc, `发货单 ${order.orderNo}（续）`, 11, MARGIN, y, { width: WIDTH }) + mm(2);

  write(doc, '发货单', 18, MARGIN, y, { width: mm(40) });
  const codeX = A5[0] - MARGIN - mm(72);
  code128(doc, order.orderNo, codeX, y, { width: mm(72), height: mm(12), align: 'center' });
  write(doc, order.orderNo, 10, codeX, y + mm(12) + 1, { width: mm(72), align: 'center' });
  y += mm(18);
  const paid = order.paidAt ? localDateTime(new Date(order.paidAt), order.shopTimeZone) : '—';
  const a = receiver.address;
  const lines = [
    `店铺 ${order.shopName}${GAP}付款时间 ${paid}`,
    `快递 ${CARRIER_LABELS[order.carrier]}${order.slot !== null ? `${GAP}格位 ${order.slot}` : ''}`,
    `收货人 ${receiver.name}${GAP}电话 ${receiver.phone}`,
    `地址 ${a.province} ${a.city} ${a.district} ${a.detail}${a.postalCode ? `（${a.postalCode}）` : ''}`,
  ];
  for (const line of lines) y += write(doc, line, 9, MARGIN, y, { width: WIDTH }) + 1;
  return y + mm(2);
}

function drawSlip(doc: Doc, print: PackingSlipsPrint, slip: PackingSlip): void {
  const next = () => startPage(doc, print, slip, true);
  let y = drawTable(doc, { x: MARGIN, bottom: BOTTOM, size: 8, columns: ITEM_COLUMNS, newPage: next }, slip.items, startPage(doc, print, slip, false));
  const units = slip.items.reduce((n, i) => n + i.quantity, 0);
  const paragraphs = [
    { text: `共 ${units} 件`, size: 10 },
    { text: `买家留言：${slip.order.buyerMessage ?? '无'}`, size: 9 },
    { text: `卖家备注：${slip.remarks.length === 0 ? '无' : ''}`, size: 9 },
    ...slip.remarks.map((r) => ({ text: remarkLine(r, slip.order.shopTimeZone), size: 9 })),
  ];
  y += mm(2);
  for (const p of paragraphs) {
    const height = heightOf(doc, p.text, p.size, WIDTH);
    if (y + height > BOTTOM) y = next();
    y += write(doc, p.text, p.size, MARGIN, y, { width: WIDTH }) + 2;
  }
}

export function packingSlipsPdf(print: PackingSlipsPrint): Promise<Buffer> {
  return renderPdf({ size: A5, title: `发货单 ${print.wave.waveNo}` }, async (doc) => {
    for (const [i, slip] of print.slips.entries()) {
      if (i > 0 && i % SLIPS_PER_TURN === 0) await yieldToOthers();
      drawSlip(doc, print, slip);
    }
  });
}
