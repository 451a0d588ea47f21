import { RollbackOutlined } from '@ant-design/icons';
import { Flex, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { ScanFeedback } from '../app/scanner/ScanFeedback';
import { useScanStation, type ScanAnswer } from '../app/scanner/useScanStation';
import { binOf, countedLine, settle, shownStop, type Position } from './binRound';
import { openShelving, scanShelving, shelvingRound, type Shelving } from './pickingApi';
import { LARGE, RoundDonePanel, RoundTable, RoundWaitingPanel, StopPanel, useRoundWords } from './RoundPanels';
import { isOrderNo } from './scanCodes';

type Answer = ScanAnswer<never>;
type Line = ReturnType<typeof shelvingRound>[number];

/** The return being worked: its lines along the route, where the worker stands and the SKU just put back. */
interface Return {
  shelving: Shelving;
  lines: Line[];
  at: Position;
  lastSkuId: number | null;
}

const total = (lines: readonly Line[], of: (l: Line) => number) => lines.reduce((n, l) => n + of(l), 0);

/**
 * 回库, a scan station (`useScanStation`) worked from the scanner alone: an intercepted order's slip
 * lists what goes back to which bin; the worker scans a bin, then each item put back there (a bin
 * of the list is known here, so only items go to the server), every answer green or red in the
 * server's words; the last item closes the return (回库完成) and the next scan is a slip again.
 */
export default function ShelvingPage() {
  const { t } = useI18n();
  const s = t.shelving;
  const { goNext, itemsAt, afterTaking } = useRoundWords();
  const [current, setCurrent] = useState<Return | null>(null);

  async function openSlip(scan: string): Promise<Answer> {
    try {
      const shelving = await openShelving(scan);
      const lines = shelvingRound(shelving);
      setCurrent({ shelving, lines, at: settle(lines, undefined), lastSkuId: null });
      return { ok: true, message: fill(s.opened, { orderNo: shelving.orderNo, n: total(lines, (l) => l.quantity - l.done), next: goNext(lines) }) };
    } catch (err) {
      // the return on screen, if any, stays open: its slip resumes it
      return { ok: false, message: errorText(err, t) };
    }
  }

  function atBin(open: Return, bin: string): Answer {
    setCurrent({ ...open, at: bin, lastSkuId: null });
    const items = itemsAt(open.lines, bin);
    return { ok: true, message: items ? fill(s.atBin, { bin, items }) : fill(s.binShelved, { bin, next: goNext(open.lines) }) };
  }

  async function putBack(open: Return, barcode: string): Promise<Answer> {
    let shelving: Shelving;
    try {
      shelving = await scanShelving(open.shelving.id, { binCode: open.at ?? undefined, barcode });
    } catch (err) {
      return { ok: false, message: errorText(err, t) };
    }
    const lines = shelvingRound(shelving);
    const taken = countedLine(open.lines, lines);
    setCurrent({ shelving, lines, at: settle(lines, open.at), lastSkuId: taken?.skuId ?? null });
    if (shelving.status === 'done') return { ok: true, message: fill(s.finished, { orderNo: shelving.orderNo }) };
    if (!taken) return { ok: true, message: '' };
    return { ok: true, message: afterTaking(lines, taken, fill(s.taken, { sku: taken.skuCode, name: taken.productName, quantity: taken.quantity, shelved: taken.done }), s.stopDone) };
  }

  const scanner = useScanStation<never>({
    station: true,
    onScan(code) {
      if (!current || current.shelving.status === 'done' || isOrderNo(code)) return openSlip(code);
      const bin = binOf(current.lines, code);
      return bin !== null ? atBin(current, bin) : putBack(current, code);
    },
  });

  const open = current && current.shelving.status !== 'done' ? current : null;
  const stop = open ? shownStop(open.lines, open.at) : undefined;
  const count = (line: Line) => fill(s.need, { quantity: line.quantity, shelved: line.done });
  return (
    <Page title={s.title}>
      <Form layout="vertical">
        <Form.Item
          label={<span style={{ fontSize: 20 }}>{s.scanLabel}</span>}
          htmlFor="shelving-scan"
          extra={<span style={{ fontSize: 18 }}>{open ? s.itemHint : s.slipHint}</span>}
          validateStatus={scanner.feedback?.tone === 'error' ? 'error' : undefined}
        >
          <Input {...scanner.scanBox} id="shelving-scan" size="large" autoComplete="off" style={{ fontSize: 28, maxWidth: 560 }} />
        </Form.Item>
      </Form>
      {current && (
        <Flex align="baseline" gap={24} wrap style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary" style={LARGE}>
            {s.orderNo}
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 40 }} data-testid="shelving-order-no">
            {current.shelving.orderNo}
          </Typography.Text>
          {current.shelving.reason && <Tag color="red" style={{ fontSize: 18, padding: '4px 10px' }}>{fill(s.reason, { reason: current.shelving.reason })}</Tag>}
          <Typography.Text strong style={{ fontSize: 28 }} data-testid="shelving-progress">
            {fill(s.progress, { shelved: total(current.lines, (l) => l.done), quantity: total(current.lines, (l) => l.quantity) })}
          </Typography.Text>
        </Flex>
      )}
      <ScanFeedback feedback={scanner.feedback} />
      {!current && <RoundWaitingPanel icon={<RollbackOutlined />} title={s.waiting} hint={s.waitingHint} />}
      {current && !open && (
        <RoundDonePanel title={s.done} hint={fill(s.doneHint, { orderNo: current.shelving.orderNo, n: total(current.lines, (l) => l.quantity) })} next={s.doneNext} />
      )}
      {open && <StopPanel lines={open.lines} stop={stop} here={open.at !== undefined} lastSkuId={open.lastSkuId} count={count} />}
      {current && <RoundTable lines={current.lines} stop={stop} count={count} countTitle={s.countTitle} />}
    </Page>
  );
}
