import { App, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { Page } from '../app/Page';
import { ScanFeedback } from '../app/scanner/ScanFeedback';
import { useScanStation, type ScanAnswer } from '../app/scanner/useScanStation';
import { fetchCase, fetchCases, receiveReturn, type Case } from './api';
import { expectedOf, receiveLines, scannedOf, shortLines, take, toggleLast, type Desk } from './returnDesk';
import { DeskPanel, DeskWaiting, ReturnQueues, SettledPanel } from './ReturnPanels';

type Answer = ScanAnswer<never>;

/** 次品 for the unit just scanned (again: back to resellable); signing; putting the parcel down. */
const DEFECTIVE_KEY = 'F2';
const SIGN_KEY = 'F9';
const PUT_DOWN_KEY = 'Escape';

/**
 * 退货签收, a scan station worked from the scanner: the return parcel's waybill (or the case or
 * order number written on it) finds the case awaiting it (`GET …/cases?q=`); each item's barcode
 * counts up its line, a barcode the case lacks is refused red; F2 turns the unit just scanned 次品;
 * Enter on the empty box or F9 signs (`…/receive`, confirmed when short) and shows what the
 * return is worth, ready for the next parcel. Below, the cases awaiting a return and the overdue receipts.
 */
export default function ReturnsPage() {
  const { t } = useI18n();
  const r = t.returns;
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [desk, setDesk] = useState<Desk | null>(null);
  const [lastOrderItemId, setLastOrderItemId] = useState<number | null>(null);
  const [signed, setSigned] = useState<Case | null>(null);
  const busy = useRef(false);

  async function findCase(code: string): Promise<Answer> {
    const found = (await fetchCases({ q: code, pageSize: 20 })).items;
    const awaiting = found.filter((c) => c.status === 'awaiting_return');
    if (!awaiting.length) {
      const other = found[0];
      return { ok: false, message: other ? fill(r.notAwaiting, { caseNo: other.caseNo, status: labelOf(t.aftersales.statuses, other.status) }) : fill(r.notFound, { code }) };
    }
    if (awaiting.length > 1) return { ok: false, message: fill(r.several, { code, n: awaiting.length, caseNos: awaiting.map((c) => c.caseNo).join('、') }) };
    const c = await fetchCase(awaiting[0]!.id);
    const lines = c.lines.filter((l) => expectedOf(l) > 0);
    setDesk({ caseId: c.id, caseNo: c.caseNo, orderNo: c.orderNo, returnTrackingNo: c.returnTrackingNo, lines, units: [] });
    setLastOrderItemId(null);
    return { ok: true, message: fill(r.opened, { caseNo: c.caseNo, n: lines.reduce((n, l) => n + expectedOf(l), 0) }) };
  }

  function scanItem(open: Desk, code: string): Answer {
    const taken = take(open, code);
    if (!taken.ok) {
      const line = taken.line;
      return { ok: false, message: line ? fill(r.excess, { sku: line.skuCode, expected: expectedOf(line) }) : fill(r.notInCase, { code, caseNo: open.caseNo }) };
    }
    setDesk(taken.desk);
    setLastOrderItemId(taken.line.orderItemId);
    const { line } = taken;
    return { ok: true, message: fill(r.taken, { sku: line.skuCode, name: line.productName, scanned: scannedOf(taken.desk, line.orderItemId), expected: expectedOf(line) }) };
  }

  const scanner = useScanStation<never>({
    station: true,
    onScan: (code) => (desk ? scanItem(desk, code) : findCase(code)),
    onEmptyEnter: () => askToSign(),
  });

  async function sign(open: Desk) {
    busy.current = true;
    scanner.announce({ tone: 'ok', message: r.signing });
    try {
      const c = await receiveReturn(open.caseId, { lines: receiveLines(open) });
      const count = (condition: 'resellable' | 'defective') => open.units.filter((u) => u.condition === condition).length;
      setSigned(c);
      setDesk(null);
      setLastOrderItemId(null);
      scanner.restart();
      scanner.announce({ tone: 'ok', message: fill(r.signed, { caseNo: c.caseNo, resellable: count('resellable'), defective: count('defective'), amount: formatFen(c.settlement?.amount ?? 0) }) });
      void queryClient.invalidateQueries({ queryKey: ['aftersalesCases'] });
    } catch (err) {
      scanner.announce({ tone: 'error', message: errorText(err, t) });
    } finally {
      busy.current = false;
    }
  }

  function askToSign() {
    if (!desk || busy.current) return;
    if (!desk.units.length) return scanner.announce({ tone: 'error', message: r.nothingScanned });
    const short = shortLines(desk);
    if (!short.length) return void sign(desk);
    const open = desk;
    modal.confirm({
      title: fill(r.shortTitle, { n: short.reduce((n, s) => n + s.short, 0) }),
      content: fill(r.shortText, { lines: short.map((s) => `${s.line.skuCode} ${s.line.productName} × ${s.short}`).join('，') }),
      okText: r.shortConfirm,
      cancelText: r.shortCancel,
      autoFocusButton: 'ok',
      onOk: () => sign(open),
      afterClose: () => scanner.focus(),
    });
  }

  const onStationKey = useEffectEvent((e: KeyboardEvent) => {
    if (!desk || busy.current || document.querySelector('.ant-modal-confirm')) return;
    if (e.key === DEFECTIVE_KEY) {
      const marked = toggleLast(desk);
      if (!marked) scanner.announce({ tone: 'error', message: r.nothingToMark });
      else {
        setDesk(marked.desk);
        setLastOrderItemId(marked.line.orderItemId);
        scanner.announce({ tone: 'ok', message: fill(marked.unit.condition === 'defective' ? r.markedDefective : r.markedResellable, { sku: marked.line.skuCode }) });
      }
    } else if (e.key === SIGN_KEY) askToSign();
    else if (e.key === PUT_DOWN_KEY) {
      setDesk(null);
      setLastOrderItemId(null);
      scanner.restart();
      scanner.announce({ tone: 'ok', message: fill(r.putDown, { caseNo: desk.caseNo }) });
    } else return;
    e.preventDefault();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onStationKey(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <Page title={r.title}>
      <Form layout="vertical">
        <Form.Item
          label={<span style={{ fontSize: 20 }}>{r.scanLabel}</span>}
          htmlFor="returns-scan"
          extra={<span style={{ fontSize: 18 }}>{desk ? r.itemHint : r.caseHint}</span>}
          validateStatus={scanner.feedback?.tone === 'error' ? 'error' : undefined}
        >
          <Input {...scanner.scanBox} id="returns-scan" size="large" autoComplete="off" style={{ fontSize: 28, maxWidth: 560 }} />
        </Form.Item>
      </Form>
      <ScanFeedback feedback={scanner.feedback} />
      {signed && !desk && <SettledPanel signed={signed} />}
      {desk ? <DeskPanel desk={desk} lastOrderItemId={lastOrderItemId} /> : !signed && <DeskWaiting />}
      <ReturnQueues />
    </Page>
  );
}
