import { BarcodeOutlined } from '@ant-design/icons';
import { Flex, Form, Input, Progress, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { ScanFeedback } from '../app/scanner/ScanFeedback';
import { useScanStation, type ScanAnswer } from '../app/scanner/useScanStation';
import { lookupWave } from './api';
import { RoundDonePanel, RoundWaitingPanel } from './RoundPanels';
import { isWaveNo } from './scanCodes';
import { fetchSowingWall, scanSow, type SowingWall, type SowResult, type WallProgress } from './sowingApi';
import { LitSlotPanel, RefusedPanel, WallGrid, type WallView } from './SowingPanels';
import { pageOfSlot, wallDone } from './sowingWall';

type Answer = ScanAnswer<never>;

/** What the last item scanned did: the slot it went into, or why it went into none. */
type Lit = { kind: 'sown'; sown: SowResult } | { kind: 'refused'; code: string; message: string } | null;

const WHOLE_WALL: WallView = { state: null, page: 1 };

/**
 * 播种, a scan station worked from the scanner alone at a multi-item wave's sowing wall: the pick
 * list's wave number opens the wall, then each item scanned lights the slot it goes into, large
 * and green (a full slot says 可打包), or is refused red in the server's words with what to do with
 * it — a refusal moves nothing. The wall below shows every slot's progress and state; every slot
 * full says 播种完成.
 */
export default function SowingPage() {
  const { t } = useI18n();
  const s = t.sowing;
  const [wall, setWall] = useState<SowingWall | null>(null);
  const [lit, setLit] = useState<Lit>(null);
  const [view, setView] = useState<WallView>(WHOLE_WALL);

  async function chooseWave(scan: string): Promise<Answer> {
    try {
      const chosen = await fetchSowingWall((await lookupWave(scan)).id);
      setWall(chosen);
      setLit(null);
      setView(WHOLE_WALL);
      const { progress } = chosen;
      if (wallDone(progress)) return { ok: true, message: fill(s.alreadyDone, { waveNo: chosen.waveNo }) };
      return { ok: true, message: fill(s.chosen, { waveNo: chosen.waveNo, slots: progress.slots, n: progress.units - progress.sown }) };
    } catch (err) {
      return { ok: false, message: errorText(err, t) };
    }
  }

  /** The wall as the server has it now (a refusal may mean an order left the wave); a failed read keeps the last, with the progress the scan answered. */
  async function refresh(current: SowingWall, progress: WallProgress = current.progress): Promise<SowingWall> {
    let now: SowingWall;
    try {
      now = await fetchSowingWall(current.waveId);
    } catch {
      now = { ...current, progress };
    }
    setWall(now);
    return now;
  }

  async function sowItem(current: SowingWall, barcode: string): Promise<Answer> {
    let sown: SowResult;
    try {
      sown = await scanSow(current.waveId, barcode);
    } catch (err) {
      const message = errorText(err, t);
      setLit(err instanceof ApiError ? { kind: 'refused', code: err.code, message } : null);
      if (err instanceof ApiError) await refresh(current);
      return { ok: false, message };
    }
    const now = await refresh(current, sown.progress);
    setLit({ kind: 'sown', sown });
    setView({ state: null, page: pageOfSlot(now, sown.slot) });
    if (wallDone(sown.progress)) return { ok: true, message: fill(s.finished, { waveNo: current.waveNo }) };
    if (sown.slotFull) return { ok: true, message: fill(s.slotReady, { slot: sown.slot, orderNo: sown.orderNo }) };
    return { ok: true, message: fill(s.sown, { slot: sown.slot, sku: sown.line.skuCode, sown: sown.line.sown, needed: sown.line.needed }) };
  }

  const scanner = useScanStation<never>({
    station: true,
    onScan(code) {
      // a wall sown, the next scan is the next wave's number
      if (!wall || wallDone(wall.progress) || isWaveNo(code)) return chooseWave(code);
      return sowItem(wall, code);
    },
  });

  const done = wall !== null && wallDone(wall.progress);
  const { full = 0, slots = 0 } = wall?.progress ?? {};
  return (
    <Page title={s.title}>
      <Form layout="vertical">
        <Form.Item
          label={<span style={{ fontSize: 20 }}>{s.scanLabel}</span>}
          htmlFor="sowing-scan"
          extra={<span style={{ fontSize: 18 }}>{wall && !done ? s.itemHint : s.waveHint}</span>}
          validateStatus={scanner.feedback?.tone === 'error' ? 'error' : undefined}
        >
          <Input {...scanner.scanBox} id="sowing-scan" size="large" autoComplete="off" style={{ fontSize: 28, maxWidth: 560 }} />
        </Form.Item>
      </Form>
      {wall && (
        <Flex align="center" gap={24} wrap style={{ marginBottom: 16 }}>
          <Typography.Text strong style={{ fontSize: 40 }} data-testid="sowing-wave-no">
            {wall.waveNo}
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 28 }} data-testid="sowing-progress">
            {fill(s.progress, wall.progress)}
          </Typography.Text>
          <Progress percent={slots ? Math.floor((full * 100) / slots) : 100} showInfo={false} size={{ height: 16 }} style={{ width: 240 }} />
        </Flex>
      )}
      {/* the lit slot (or the refusal) is the scan's answer itself; the feedback line would repeat it */}
      {!lit && <ScanFeedback feedback={scanner.feedback} />}
      {lit?.kind === 'sown' && <LitSlotPanel sown={lit.sown} slot={wall?.slots.find((slot) => slot.slot === lit.sown.slot)} />}
      {lit?.kind === 'refused' && <RefusedPanel code={lit.code} message={lit.message} />}
      {!wall && <RoundWaitingPanel icon={<BarcodeOutlined />} title={s.waiting} hint={s.waitingHint} />}
      {wall && done && <RoundDonePanel title={s.done} hint={fill(s.doneHint, { waveNo: wall.waveNo, slots })} next={s.doneNext} />}
      {wall && (
        <WallGrid
          wall={wall}
          lit={lit?.kind === 'sown' ? lit.sown.slot : null}
          view={view}
          onView={(next) => {
            setView(next);
            scanner.focus();
          }}
        />
      )}
    </Page>
  );
}
