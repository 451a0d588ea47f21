import { Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { ScanFeedback } from '../app/scanner/ScanFeedback';
import { useScanStation, type ScanAnswer } from '../app/scanner/useScanStation';
import type { Parcel } from './packingApi';
import { InterceptedPanel } from './PackingPanels';
import { lookupParcel, shipParcel, type Carrier } from './parcelApi';
import { foundAtDoor, meaningAtDoor, WAITING, withShipped, type Door, type NotReady, type ShippedEntry, type WaybillDoor } from './shippingDoor';
import { AwaitingWaybillPanel, DoorWaitingPanel, ShippedList, ShippedPanel } from './ShippingPanels';

type Answer = ScanAnswer<never>;

/**
 * 发货 at the door, a scan station worked from the scanner alone, the focus always in its scan
 * box: the label's tracking number ships the parcel by the label's carrier (green 已发货 and a
 * beep, zero clicks); a slip's order number — a parcel with no label yet, or one to go by another
 * carrier — shows the parcel and waits for the waybill number, the carrier changeable first (Tab
 * to it from the scan box). Every refusal is red in the server's words; an intercepted order turns
 * the screen red. What a scan means follows from the door (`shippingDoor.ts`).
 */
export default function ShippingPage() {
  const { t } = useI18n();
  const sh = t.shipping;
  const [door, setDoor] = useState<Door>(WAITING);
  const [shipped, setShipped] = useState<ShippedEntry[]>([]);
  const carrierName = (carrier: Carrier) => labelOf(t.carriers, carrier);

  /** A refused request: an intercepted order turns the door red, else it goes to `otherwise`. */
  function refused(err: unknown, otherwise: Door): Answer {
    const message = errorText(err, t);
    setDoor(err instanceof ApiError && err.code === 'intercepted' ? { kind: 'intercepted', message } : otherwise);
    return { ok: false, message };
  }

  /** What to scan for a parcel waiting for its waybill, by the carrier it now goes with. */
  function waybillPrompt({ parcel, carrier }: WaybillDoor): string {
    if (carrier !== parcel.carrier) return fill(sh.carrierChanged, { carrier: carrierName(carrier) });
    if (parcel.trackingNo) return fill(sh.scanLabelOrWaybill, { orderNo: parcel.orderNo, trackingNo: parcel.trackingNo });
    return fill(sh.scanWaybill, { orderNo: parcel.orderNo, carrier: carrierName(carrier) });
  }

  function notReadyText(parcel: Parcel, why: NotReady): string {
    const { orderNo } = parcel;
    if (why === 'packing') return fill(t.parcelStation.stillPacking, { orderNo });
    if (why === 'shipped') return fill(t.parcelStation.alreadyShipped, { orderNo, carrier: carrierName(parcel.carrier), trackingNo: parcel.trackingNo ?? '' });
    return fill(why === 'weightOff' ? sh.weightOff : sh.notWeighed, { orderNo });
  }

  async function ship(parcel: Parcel, carrier: Carrier, trackingNo: string, otherwise: Door): Promise<Answer> {
    try {
      const left = await shipParcel(parcel.id, carrier, trackingNo);
      setDoor({ kind: 'shipped', parcel: left });
      setShipped((list) => withShipped(list, left));
      return { ok: true, message: fill(sh.shippedMessage, { orderNo: left.orderNo, carrier: carrierName(left.carrier), trackingNo: left.trackingNo ?? '' }) };
    } catch (err) {
      // invalid_tracking_no, tracking_mismatch, tracking_no_used, not_weighed: the parcel stays where it was
      return refused(err, otherwise);
    }
  }

  /** A label or a slip scanned: its parcel ships, or waits for its waybill; refused, the door goes to `otherwise`. */
  async function lookup(scan: string, otherwise: Door): Promise<Answer> {
    try {
      const parcel = await lookupParcel(scan);
      const found = foundAtDoor(parcel, scan);
      if (found.kind === 'ship') return await ship(parcel, found.carrier, found.trackingNo, WAITING);
      if (found.kind === 'notReady') {
        setDoor(WAITING);
        return { ok: false, message: notReadyText(parcel, found.why) };
      }
      const waiting: WaybillDoor = { kind: 'awaitingWaybill', parcel, carrier: parcel.carrier };
      setDoor(waiting);
      return { ok: true, message: waybillPrompt(waiting) };
    } catch (err) {
      return refused(err, otherwise);
    }
  }

  const scanner = useScanStation<never>({
    station: true,
    onScan(code) {
      if (door.kind !== 'awaitingWaybill') return lookup(code, WAITING);
      const meaning = meaningAtDoor(door, code);
      if (meaning.kind === 'lookup') return lookup(meaning.scan, door);
      if (meaning.kind === 'waybill') return ship(door.parcel, door.carrier, meaning.trackingNo, door);
      if (meaning.kind === 'sameSlip') return { ok: true, message: fill(sh.sameSlip, { orderNo: door.parcel.orderNo }) };
      return { ok: false, message: fill(sh.oldLabel, { trackingNo: meaning.trackingNo, old: carrierName(door.parcel.carrier), carrier: carrierName(door.carrier) }) };
    },
  });

  function changeCarrier(carrier: Carrier) {
    if (door.kind !== 'awaitingWaybill' || carrier === door.carrier) return;
    const changed: WaybillDoor = { ...door, carrier };
    setDoor(changed);
    scanner.announce({ tone: 'ok', message: waybillPrompt(changed) });
  }

  const refusedScan = scanner.feedback?.tone === 'error' || door.kind === 'intercepted';
  // a shipped or intercepted parcel's panel is the answer itself; the feedback line would repeat it
  const showFeedback = door.kind === 'waiting' || door.kind === 'awaitingWaybill';
  return (
    <Page title={sh.title}>
      <Form layout="vertical">
        <Form.Item
          label={<span style={{ fontSize: 20 }}>{sh.scanLabel}</span>}
          htmlFor="shipping-scan"
          extra={<span style={{ fontSize: 18 }}>{door.kind === 'awaitingWaybill' ? sh.waybillHint : sh.scanHint}</span>}
          validateStatus={refusedScan ? 'error' : undefined}
        >
          <Input {...scanner.scanBox} id="shipping-scan" size="large" autoComplete="off" style={{ fontSize: 28, maxWidth: 560 }} />
        </Form.Item>
      </Form>
      {showFeedback && <ScanFeedback feedback={scanner.feedback} />}
      {door.kind === 'waiting' && <DoorWaitingPanel />}
      {door.kind === 'awaitingWaybill' && <AwaitingWaybillPanel door={door} onCarrier={changeCarrier} onChosen={scanner.focus} />}
      {door.kind === 'shipped' && <ShippedPanel parcel={door.parcel} />}
      {door.kind === 'intercepted' && <InterceptedPanel message={door.message} words={t.parcelStation} testId="shipping-intercepted" />}
      <ShippedList shipped={shipped} />
    </Page>
  );
}
