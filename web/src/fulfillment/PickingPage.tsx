import { BarcodeOutlined } from '@ant-design/icons';
import { Flex, Form, Input, Progress, Typography } from 'antd';
import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { ScanFeedback } from '../app/scanner/ScanFeedback';
import { useScanStation, type ScanAnswer } from '../app/scanner/useScanStation';
import { fetchPickList, lookupWave } from './api';
import { binOf, countedLine, isLeft, linesAt, settle, shownStop, type Position } from './binRound';
import { pickRound, scanPick, withProgress, type PickLine, type PickProgress, type ShortPickResult } from './pickingApi';
import { LARGE, RoundDonePanel, RoundTable, RoundWaitingPanel, StopPanel, useRoundWords } from './RoundPanels';
import { isWaveNo } from './scanCodes';
import { SHORT_PICK_KEY, ShortPickDialog } from './ShortPickDialog';

type Answer = ScanAnswer<never>;
type Line = PickLine;

/** The wave being picked: its lines along the route, where the picker stands and the SKU just taken. */
interface Round {
  waveId: number;
  waveNo: string;
  /** The wave's status: `picking` until the orders still in it have every unit. */
  status: string;
  lines: Line[];
  units: number;
  picked: number;
  at: Position;
  lastSkuId: number | null;
}

/**
 * 配货, a scan station (`useScanStation`) worked from the scanner alone, location first: the pick
 * list's wave number chooses the wave, then the picker scans each bin along the route and the items
 * taken there, every scan answered green or red in the server's words. The stop is shown large
 * (bin, SKU, product, 应拣/已拣) with the route below; F8 reports the stop's bin short (a dialog
 * asks what is really there, then confirms); the wave picked shows 配货完成.
 */
export default function PickingPage() {
  const { t } = useI18n();
  const p = t.picking;
  const { stopName, goNext, itemsAt, afterTaking } = useRoundWords();
  const [round, setRound] = useState<Round | null>(null);
  const [shortAt, setShortAt] = useState<{ stop: string | null; lines: Line[] } | null>(null);

  async function readRound(waveId: number, at: Position): Promise<Round> {
    const list = await fetchPickList(waveId);
    const lines = pickRound(list.lines);
    return { waveId, waveNo: list.wave.waveNo, status: list.wave.status, lines, units: list.units, picked: list.picked, at: settle(lines, at), lastSkuId: null };
  }

  async function chooseWave(scan: string): Promise<Answer> {
    try {
      const chosen = await readRound((await lookupWave(scan)).id, undefined);
      setRound(chosen);
      if (chosen.status !== 'picking') return { ok: true, message: fill(p.alreadyPicked, { waveNo: chosen.waveNo }) };
      return { ok: true, message: fill(p.chosen, { waveNo: chosen.waveNo, n: chosen.units - chosen.picked, next: goNext(chosen.lines) }) };
    } catch (err) {
      return { ok: false, message: errorText(err, t) };
    }
  }

  /** The list as the server has it now (after a refusal: an order may have left the wave); a failed read keeps the last. */
  async function refresh(current: Round) {
    try {
      setRound(await readRound(current.waveId, current.at));
    } catch {
      // the next scan reads it again
    }
  }

  async function pick(current: Round, scan: { binCode?: string; barcode?: string }): Promise<Answer> {
    let progress: PickProgress;
    try {
      progress = await scanPick(current.waveId, scan);
    } catch (err) {
      if (err instanceof ApiError) await refresh(current);
      return { ok: false, message: errorText(err, t) };
    }
    const lines = withProgress(current.lines, progress);
    const at = settle(lines, progress.stop ? progress.stop.binCode : current.at);
    const taken = scan.barcode === undefined ? null : countedLine(current.lines, lines);
    setRound({ ...current, status: progress.status, lines, units: progress.units, picked: progress.picked, at, lastSkuId: taken?.skuId ?? null });
    if (progress.status !== 'picking') return { ok: true, message: fill(p.finished, { waveNo: current.waveNo }) };
    if (!taken) {
      const bin = progress.stop?.binCode ?? '';
      const items = itemsAt(lines, at);
      return { ok: true, message: items ? fill(p.atBin, { bin, items }) : fill(p.binPicked, { bin, next: goNext(lines) }) };
    }
    return { ok: true, message: afterTaking(lines, taken, fill(p.taken, { sku: taken.skuCode, name: taken.productName, quantity: taken.quantity, picked: taken.done }), p.stopDone) };
  }

  const scanner = useScanStation<never>({
    station: true,
    onScan(code) {
      // a wave picked, the next scan is the next wave's number
      if (!round || round.status !== 'picking' || isWaveNo(code)) return chooseWave(code);
      const bin = binOf(round.lines, code);
      if (bin !== null) return pick(round, { binCode: bin });
      // location first: before a bin of the route, the scan names a bin (off the route, the server says so)
      if (round.at === undefined) return pick(round, { binCode: code });
      return pick(round, { binCode: round.at ?? undefined, barcode: code });
    },
  });

  const onStationKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.key !== SHORT_PICK_KEY || !round || round.status !== 'picking' || shortAt) return;
    e.preventDefault();
    if (round.at === undefined) return scanner.announce({ tone: 'error', message: fill(p.shortNeedsBin, { key: SHORT_PICK_KEY }) });
    const lines = linesAt(round.lines, round.at).filter(isLeft);
    if (lines.length === 0) return scanner.announce({ tone: 'error', message: fill(p.shortNothing, { stop: stopName(round.at) }) });
    // the SKU just scanned first: the one the picker found short, most likely
    setShortAt({ stop: round.at, lines: [...lines].sort((a, b) => Number(b.skuId === round.lastSkuId) - Number(a.skuId === round.lastSkuId)) });
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onStationKey(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  async function shortReported(current: Round, result: ShortPickResult, line: PickLine) {
    setShortAt(null);
    const orders = result.sentBack.map((o) => o.orderNo).join('、');
    scanner.announce({ tone: 'ok', message: fill(p.shortDone, { sku: line.skuCode, expected: result.discrepancy.expected, found: result.discrepancy.found, orders }) });
    scanner.focus();
    const lines = withProgress(current.lines, result.progress);
    setRound({ ...current, status: result.progress.status, lines, units: result.progress.units, picked: result.progress.picked, at: settle(lines, current.at), lastSkuId: null });
    // the orders sent back took their other SKUs with them: the whole list is read again
    await refresh(current);
  }

  const stop = round ? shownStop(round.lines, round.at) : undefined;
  const count = (line: Line) => fill(p.need, { quantity: line.quantity, picked: line.done });
  const picking = round?.status === 'picking';
  return (
    <Page title={p.title}>
      <Form layout="vertical">
        <Form.Item
          label={<span style={{ fontSize: 20 }}>{p.scanLabel}</span>}
          htmlFor="picking-scan"
          extra={<span style={{ fontSize: 18 }}>{round ? p.binHint : p.waveHint}</span>}
          validateStatus={scanner.feedback?.tone === 'error' ? 'error' : undefined}
        >
          <Input {...scanner.scanBox} id="picking-scan" size="large" autoComplete="off" style={{ fontSize: 28, maxWidth: 560 }} />
        </Form.Item>
      </Form>
      {round && (
        <Flex align="center" gap={24} wrap style={{ marginBottom: 16 }}>
          <Typography.Text strong style={{ fontSize: 40 }} data-testid="picking-wave-no">
            {round.waveNo}
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 28 }} data-testid="picking-progress">
            {fill(p.progress, { picked: round.picked, units: round.units })}
          </Typography.Text>
          <Progress percent={round.units ? Math.floor((round.picked * 100) / round.units) : 100} showInfo={false} size={{ height: 16 }} style={{ width: 240 }} />
          {picking && <span style={LARGE}>{fill(p.shortKey, { key: SHORT_PICK_KEY })}</span>}
        </Flex>
      )}
      <ScanFeedback feedback={scanner.feedback} />
      {!round && <RoundWaitingPanel icon={<BarcodeOutlined />} title={p.waiting} hint={p.waitingHint} />}
      {round && !picking && <RoundDonePanel title={p.done} hint={fill(p.doneHint, { waveNo: round.waveNo, units: round.units })} next={p.doneNext} />}
      {round && picking && <StopPanel lines={round.lines} stop={stop} here={round.at !== undefined} lastSkuId={round.lastSkuId} count={count} />}
      {round && <RoundTable lines={round.lines} stop={picking ? stop : undefined} count={count} countTitle={p.countTitle} />}
      {round && shortAt && (
        <ShortPickDialog
          waveId={round.waveId}
          stop={shortAt.stop}
          stopName={stopName(shortAt.stop)}
          lines={shortAt.lines}
          onDone={(result, line) => void shortReported(round, result, line)}
          onCancel={() => {
            setShortAt(null);
            scanner.focus();
          }}
        />
      )}
    </Page>
  );
}
