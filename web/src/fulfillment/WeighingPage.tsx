import { Form, Input, Space } from 'antd';
import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { useAuth } from '../app/auth';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { ScanFeedback } from '../app/scanner/ScanFeedback';
import { useScanStation } from '../app/scanner/useScanStation';
import type { Parcel } from './packingApi';
import { InterceptedPanel } from './PackingPanels';
import { lookupParcel, repackParcel, weighParcel } from './parcelApi';
import { readScale } from './scaleReading';
import { lastMismatch, mismatchOf, notWeighable, WAITING, type OnScale, type Scale } from './weighingScale';
import { OnScalePanel, OverrideDialog, OVERRIDE_KEY, PassedPanel, REPACK_KEY, RepackedPanel, ScaleWaitingPanel } from './WeighingPanels';

const isIntercepted = (err: unknown) => err instanceof ApiError && err.code === 'intercepted';

/**
 * 称重, a scan station (`useScanStation`) with the scale as its follow-up: the label's tracking
 * number (or the slip's order number) puts the parcel on the screen and the focus in the weight
 * field; the scale types its reading and Enter, and the parcel passes (green, the focus back in
 * the scan box for the next one) or is refused red with both weights and the difference, the
 * weight field still selected for a weighing again. A mismatch is settled from the keyboard:
 * F2 sends the parcel back to 验货, F4 lets a supervisor (`fulfillment.override`) give a reason
 * and let it go; Esc puts the parcel down. An intercepted order turns the screen red.
 */
export default function WeighingPage() {
  const { t } = useI18n();
  const w = t.weighing;
  const { can } = useAuth();
  const mayOverride = can('fulfillment.override');
  const [scale, setScale] = useState<Scale>(WAITING);
  const [overriding, setOverriding] = useState(false);

  /** A refused request: an intercepted order turns the scale red, else it goes to `otherwise`. */
  function refused(err: unknown, otherwise: Scale = WAITING) {
    const message = errorText(err, t);
    setScale(isIntercepted(err) ? { kind: 'intercepted', message } : otherwise);
    return { ok: false as const, message };
  }

  /** Why the parcel found cannot go on the scale, in words; null when it can. */
  function notOnScale(parcel: Parcel): string | null {
    const why = notWeighable(parcel);
    if (why === 'packing') return fill(t.parcelStation.stillPacking, { orderNo: parcel.orderNo });
    if (why === 'shipped') return fill(t.parcelStation.alreadyShipped, { orderNo: parcel.orderNo, carrier: labelOf(t.carriers, parcel.carrier), trackingNo: parcel.trackingNo ?? '' });
    return null;
  }

  const scanner = useScanStation<Parcel>({
    station: true,
    async onScan(code) {
      try {
        const parcel = await lookupParcel(code);
        const why = notOnScale(parcel);
        if (why) {
          setScale(WAITING);
          return { ok: false, message: why };
        }
        setScale({ kind: 'onScale', parcel, mismatch: lastMismatch(parcel) });
        return { ok: true, message: fill(w.onScale, { orderNo: parcel.orderNo, grams: parcel.expectedGrams ?? 0 }), followUp: { text: '', subject: parcel } };
      } catch (err) {
        return refused(err);
      }
    },
    async onFollowUp(text, parcel) {
      const reading = readScale(text);
      if (!reading.ok) return { ok: false, message: fill(w.readingProblems[reading.problem], { text: text.trim() }) };
      try {
        const weighed = await weighParcel(parcel.id, reading.grams);
        setScale({ kind: 'passed', parcel: weighed });
        return { ok: true, message: fill(w.passedMessage, { orderNo: weighed.orderNo, grams: reading.grams }) };
      } catch (err) {
        if (err instanceof ApiError && err.code === 'weight_mismatch') {
          // the weighing is kept and the parcel stays packed: the weight field waits for the next reading
          setScale({ kind: 'onScale', parcel, mismatch: mismatchOf(parcel, reading.grams) });
          return { ok: false, message: errorText(err, t) };
        }
        // refused by the server, the parcel can no longer be weighed here (intercepted, shipped or
        // repacked meanwhile): start over; no answer at all: the same reading may be entered again
        const gone = err instanceof ApiError;
        return { ...refused(err, gone ? WAITING : scale), restart: gone };
      }
    },
  });

  /** What an action taken with a key or a click settled: the scale shows it and the next scan starts afresh. */
  function settled(next: Scale, tone: 'ok' | 'error', message: string) {
    setScale(next);
    scanner.restart();
    scanner.announce({ tone, message });
  }

  async function repack(parcel: Parcel) {
    try {
      const repacked = await repackParcel(parcel.id);
      settled({ kind: 'repacked', parcel: repacked }, 'ok', fill(w.repackedMessage, { orderNo: repacked.orderNo }));
    } catch (err) {
      if (isIntercepted(err)) settled({ kind: 'intercepted', message: errorText(err, t) }, 'error', errorText(err, t));
      else scanner.announce({ tone: 'error', message: errorText(err, t) });
    }
  }

  const onStationKey = useEffectEvent((e: KeyboardEvent) => {
    if (scale.kind !== 'onScale' || overriding) return;
    const { parcel, mismatch } = scale;
    if (e.key === 'Escape') settled(WAITING, 'ok', fill(w.putDown, { orderNo: parcel.orderNo }));
    else if (mismatch && e.key === REPACK_KEY) void repack(parcel);
    else if (mismatch && mayOverride && e.key === OVERRIDE_KEY) setOverriding(true);
    else return;
    e.preventDefault();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onStationKey(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const refusedAnswer = scanner.feedback?.tone === 'error';
  // a passed, repacked or intercepted parcel's panel is the answer itself; the feedback line would repeat it
  const showFeedback = scale.kind === 'waiting' || scale.kind === 'onScale';
  const onScale: OnScale | null = scale.kind === 'onScale' ? scale : null;
  return (
    <Page title={w.title}>
      <Form layout="vertical">
        <Space align="start" size={24} wrap>
          <Form.Item
            label={<span style={{ fontSize: 20 }}>{w.scanLabel}</span>}
            htmlFor="weighing-scan"
            extra={<span style={{ fontSize: 18 }}>{w.scanHint}</span>}
            validateStatus={refusedAnswer && !scanner.awaitingFollowUp ? 'error' : undefined}
          >
            <Input {...scanner.scanBox} id="weighing-scan" size="large" autoComplete="off" style={{ fontSize: 28, width: 460 }} />
          </Form.Item>
          <Form.Item
            label={<span style={{ fontSize: 20 }}>{w.weightLabel}</span>}
            htmlFor="weighing-weight"
            extra={<span style={{ fontSize: 18 }}>{w.weightHint}</span>}
            validateStatus={refusedAnswer && scanner.awaitingFollowUp ? 'error' : undefined}
            style={{ maxWidth: 460 }}
          >
            <Input {...scanner.followUp} id="weighing-weight" size="large" autoComplete="off" inputMode="decimal" style={{ fontSize: 28, width: 260 }} />
          </Form.Item>
        </Space>
      </Form>
      {showFeedback && <ScanFeedback feedback={scanner.feedback} />}
      {scale.kind === 'waiting' && <ScaleWaitingPanel />}
      {onScale && <OnScalePanel parcel={onScale.parcel} mismatch={onScale.mismatch} mayOverride={mayOverride} onRepack={() => void repack(onScale.parcel)} onOverride={() => setOverriding(true)} />}
      {scale.kind === 'passed' && <PassedPanel parcel={scale.parcel} />}
      {scale.kind === 'repacked' && <RepackedPanel parcel={scale.parcel} />}
      {scale.kind === 'intercepted' && <InterceptedPanel message={scale.message} words={t.parcelStation} testId="weighing-intercepted" />}
      {overriding && onScale?.mismatch && (
        <OverrideDialog
          parcel={onScale.parcel}
          mismatch={onScale.mismatch}
          onDone={(parcel, reason) => {
            setOverriding(false);
            settled({ kind: 'passed', parcel }, 'ok', fill(w.overriddenMessage, { orderNo: parcel.orderNo, grams: parcel.weighedGrams ?? 0, reason }));
          }}
          onRefused={(err) => {
            setOverriding(false);
            settled(isIntercepted(err) ? { kind: 'intercepted', message: errorText(err, t) } : WAITING, 'error', errorText(err, t));
          }}
          onCancel={() => {
            setOverriding(false);
            scanner.focus();
          }}
        />
      )}
    </Page>
  );
}
