import { CARRIER_LABELS } from '../carriers';
import { code128, LABEL, mm, renderPdf, rule, write } from './pdf';
import type { LabelPrint } from './prints';
import { GAP, printStamp } from './words';

/**
 * A parcel's shipping label (快递单) on a 100 × 150 mm thermal label, black only: the carrier, the
 * tracking number large and as Code128, the receiver (name and phone masked, the address in full,
 * which the courier delivers by), the sender (the shop), the order number, the item count, and a
 * 红旗 mark when the order is flagged red.
 */

const MARGIN = mm(4);
const WIDTH = LABEL[0] - 2 * MARGIN;
const RIGHT = LABEL[0] - MARGIN;

export function labelPdf(print: LabelPrint): Promise<Buffer> {
  const { facts, receiver, trackingNo } = print;
  return renderPdf({ size: LABEL, title: `快递单 ${trackingNo}` }, (doc) => {
    doc.addPage();
    let y = MARGIN;
    write(doc, CARRIER_LABELS[print.carrier], 20, MARGIN, y, { width: mm(60) });
    if (facts.flag === 'red') {
      doc.rect(RIGHT - mm(22), y, mm(22), mm(10)).fillColor('black').fill();
      write(doc, '红旗', 16, RIGHT - mm(22), y + 3, { width: mm(22), align: 'center', color: 'white' });
    }
    y += mm(12);
    rule(doc, MARGIN, y, RIGHT, 1);

    code128(doc, trackingNo, MARGIN + mm(2), y + mm(3), { width: WIDTH - mm(4), height: mm(22), align: 'center' });
    write(doc, trackingNo, 18, MARGIN, y + mm(26), { width: WIDTH, align: 'center' });
    y += mm(36);
    rule(doc, MARGIN, y, RIGHT, 1);

    const a = receiver.address;
    y += mm(2);
    y += write(doc, `收件人 ${receiver.name}${GAP}${receiver.phone}`, 15, MARGIN, y, { width: WIDTH, height: mm(8) }) + mm(1);
    write(doc, `${a.province} ${a.city} ${a.district} ${a.detail}`, 12, MARGIN, y, { width: WIDTH, height: mm(24) });
    y += mm(26);
    rule(doc, MARGIN, y, RIGHT, 0.5);

    y += mm(2);
    y += write(doc, `寄件人 ${facts.shopName}`, 10, MARGIN, y, { width: WIDTH, height: mm(10) }) + mm(2);
    rule(doc, MARGIN, y, RIGHT, 0.5);

    y += mm(2);
    write(doc, `订单号 ${facts.orderNo}`, 10, MARGIN, y, { width: WIDTH });
    write(doc, `共 ${facts.units} 件`, 12, MARGIN, y, { width: WIDTH, align: 'right' });
    code128(doc, facts.orderNo, MARGIN, y + mm(6), { width: mm(60), height: mm(9) });
    write(doc, printStamp(print.printNo, print.printedAt), 7, MARGIN, LABEL[1] - MARGIN - mm(3), { width: WIDTH, color: 'black' });
  });
}
