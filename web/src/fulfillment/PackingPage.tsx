import { Form, Input } from 'antd';
import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { ScanFeedback } from '../app/scanner/ScanFeedback';
import { useScanStation, type ScanAnswer } from '../app/scanner/useScanStation';
import { completePacking, openPackingSession, scanIntoParcel, splitPacking, type Parcel } from './packingApi';
import { meaningOf, parcelProgress, takenLine, WAITING, type Bench, type PackingBench } from './packingBench';
import { InterceptedPanel, PackedPanel, ParcelPanel, SPLIT_KEY, WaitingPanel } from './PackingPanels';
import { StationReasonDialog } from './StationReasonDialog';

type Answer = ScanAnswer<never>;

/** The server closed or lost the parcel (packed at another bench, say): the next scan is a slip again. */
const parcelGone = (err: unknown) => err instanceof ApiError && (err.code === 'parcel_closed' || err.status === 404);

/**
 * 验货, a scan station (`useScanStation`) worked from the scanner alone: the slip's order number
 * opens the parcel, each item is scanned into it (a wrong or excess item refused, red, with a low
 * buzz), and the last one closes it by itself, showing the weight the scale should read. An
 * intercepted order turns the screen red. What a scan means follows from the bench (`packingBench.ts`).
 * F6 closes the box with what is scanned (拆单), a reason asked first; the rest waits for the next
 * parcel, which the same slip opens. A merge group's parcel (合单) lists each line's order.
 */
export default function PackingPage() {
  const { t } = useI18n();
  const p = t.packing;
  const [bench, setBench] = useState<Bench>(WAITING);
  const [splitting, setSplitting] = useState<Parcel | null>(null);
  /** The parcel just closed by a split: its panel keeps the split's words (the rest goes in the next parcel) beside it. */
  const [splitId, setSplitId] = useState<number | null>(null);

  /** A refused request: an intercepted order turns the bench red, else it goes to `otherwise`. */
  function refused(err: unknown, otherwise: Bench): Answer {
    const message = errorText(err, t);
    setBench(err instanceof ApiError && err.code === 'intercepted' ? { kind: 'intercepted', message } : otherwise);
    return { ok: false, message };
  }

  async function close(parcel: Parcel, lastLineId: number | null): Promise<Answer> {
    try {
      const packed = await completePacking(parcel.id);
      setBench({ kind: 'packed', parcel: packed });
      return { ok: true, message: fill(p.packedOrder, { orderNo: packed.orderNo }) };
    } catch (err) {
      return refused(err, parcelGone(err) ? WAITING : { kind: 'packing', parcel, lastLineId, switchTo: null });
    }
  }

  /** A slip scanned: its parcel opens; refused, the bench goes to `otherwise` (the parcel a switch was asked from). */
  async function openSlip(orderNo: string, otherwise: Bench = WAITING): Promise<Answer> {
    try {
      const parcel = await openPackingSession(orderNo);
      // a session resumed with every item already in (its closing failed): close it now
      if (parcel.complete) return await close(parcel, null);
      setBench({ kind: 'packing', parcel, lastLineId: null, switchTo: null });
      const { scanned, expected } = parcelProgress(parcel);
      return { ok: true, message: fill(p.opened, { orderNo: parcel.orderNo, n: expected - scanned }) };
    } catch (err) {
      return refused(err, otherwise);
    }
  }

  async function scanItem(current: PackingBench, barcode: string): Promise<Answer> {
    const unchanged: Bench = { ...current, switchTo: null };
    try {
      const parcel = await scanIntoParcel(current.parcel.id, barcode);
      const line = takenLine(current.parcel, parcel);
      if (parcel.complete) return await close(parcel, line?.lineId ?? null);
      setBench({ kind: 'packing', parcel, lastLineId: line?.lineId ?? null, switchTo: null });
      return { ok: true, message: line ? fill(p.taken, { sku: line.skuCode, name: line.productName, scanned: line.scanned, expected: line.expected }) : '' };
    } catch (err) {
      // wrong_item / excess_item: the parcel is as it was; the server kept the refused scan
      return refused(err, parcelGone(err) ? WAITING : unchanged);
    }
  }

  const scanner = useScanStation<never>({
    station: true,
    onScan(code) {
      if (bench.kind !== 'packing') return openSlip(code);
      const meaning = meaningOf(bench, code);
      if (meaning.kind === 'slip') return openSlip(meaning.orderNo, { ...bench, switchTo: null });
      if (meaning.kind === 'item') return scanItem(bench, meaning.barcode);
      if (meaning.kind === 'sameSlip') {
        setBench({ ...bench, switchTo: null });
        return { ok: true, message: fill(p.sameSlip, { orderNo: bench.parcel.orderNo }) };
      }
      setBench({ ...bench, switchTo: meaning.orderNo });
      const { scanned, expected } = parcelProgress(bench.parcel);
      return { ok: false, message: fill(p.confirmSwitch, { current: bench.parcel.orderNo, scanned, expected, next: meaning.orderNo.toUpperCase() }) };
    },
  });

  const onStationKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.key !== SPLIT_KEY || bench.kind !== 'packing' || splitting) return;
    e.preventDefault();
    if (parcelProgress(bench.parcel).scanned === 0) return scanner.announce({ tone: 'error', message: fill(p.splitNothing, { key: SPLIT_KEY }) });
    setSplitting(bench.parcel);
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onStationKey(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  /** What the split dialog ended with: the station shows it and the next scan starts afresh. */
  function splitSettled(next: Bench, tone: 'ok' | 'error', message: string) {
    setSplitting(null);
    setBench(next);
    scanner.restart();
    scanner.announce({ tone, message });
  }

  const refusedScan = scanner.feedback?.tone === 'error' || bench.kind === 'intercepted';
  // a closed or intercepted parcel's panel is the answer itself; the feedback line would repeat it
  const showFeedback = bench.kind === 'waiting' || bench.kind === 'packing' || (bench.kind === 'packed' && bench.parcel.id === splitId);
  return (
    <Page title={p.title}>
      <Form layout="vertical">
        <Form.Item
          label={<span style={{ fontSize: 20 }}>{p.scanLabel}</span>}
          htmlFor="packing-scan"
          extra={<span style={{ fontSize: 18 }}>{bench.kind === 'packing' ? p.itemHint : p.slipHint}</span>}
          validateStatus={refusedScan ? 'error' : undefined}
        >
          <Input {...scanner.scanBox} id="packing-scan" size="large" autoComplete="off" style={{ fontSize: 28, maxWidth: 560 }} />
        </Form.Item>
      </Form>
      {showFeedback && <ScanFeedback feedback={scanner.feedback} />}
      {bench.kind === 'waiting' && <WaitingPanel />}
      {bench.kind === 'packing' && <ParcelPanel parcel={bench.parcel} lastLineId={bench.lastLineId} />}
      {bench.kind === 'packed' && <PackedPanel parcel={bench.parcel} />}
      {bench.kind === 'intercepted' && <InterceptedPanel message={bench.message} />}
      {splitting && (
        <StationReasonDialog
          id="split-reason"
          words={{ title: fill(p.splitTitle, { orderNo: splitting.orderNo }), action: p.splitAction, label: p.splitLabel, placeholder: p.splitPlaceholder, hint: p.splitHint, required: p.splitRequired }}
          summary={fill(p.splitSummary, {
            packed: parcelProgress(splitting).scanned,
            left: splitting.lines
              .filter((l) => l.scanned < l.expected)
              .map((l) => `${l.skuCode} × ${l.expected - l.scanned}`)
              .join('、'),
          })}
          submit={(reason) => splitPacking(splitting.id, reason)}
          onDone={(packed) => {
            setSplitId(packed.id);
            splitSettled({ kind: 'packed', parcel: packed }, 'ok', fill(p.splitDone, { orderNo: packed.orderNo }));
          }}
          onRefused={(err) => {
            const message = errorText(err, t);
            splitSettled(err instanceof ApiError && err.code === 'intercepted' ? { kind: 'intercepted', message } : WAITING, 'error', message);
          }}
          onCancel={() => {
            setSplitting(null);
            scanner.focus();
          }}
        />
      )}
    </Page>
  );
}
