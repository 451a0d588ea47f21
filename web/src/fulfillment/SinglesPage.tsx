import { BarcodeOutlined, PrinterOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Progress, Result, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type CSSProperties } from 'react';
import { errorText } from '../app/errorText';
import { useShowError } from '../app/errors';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { ScanFeedback } from '../app/scanner/ScanFeedback';
import { useScanStation, type ScanAnswer } from '../app/scanner/useScanStation';
import { printLabel } from './printDocuments';
import { isWaveNo } from './scanCodes';
import { lookupWave } from './api';
import { fetchSingleStation, scanSingle, type SingleParcel, type SingleStation } from './singlesApi';

type Answer = ScanAnswer<never>;

const LARGE: CSSProperties = { fontSize: 22 };

/** Parcels made at this station in this sitting, newest first, for a reprint. */
const RECENT = 20;

/** How far the wave is: labelled of all its orders, and what is left. */
function Counter({ station }: { station: SingleStation }) {
  const { t } = useI18n();
  const s = t.singles;
  const open = station.orders - station.intercepted;
  return (
    <Flex align="center" gap={24} wrap style={{ marginBottom: 16 }}>
      <Typography.Text strong style={{ fontSize: 40 }} data-testid="singles-wave-no">
        {station.waveNo}
      </Typography.Text>
      <Typography.Text strong style={{ fontSize: 28 }} data-testid="singles-counter">
        {fill(s.counter, { labelled: station.labelled, orders: station.orders })}
      </Typography.Text>
      <Progress percent={open ? Math.floor((station.labelled * 100) / open) : 100} showInfo={false} size={{ height: 16 }} style={{ width: 240 }} />
      <span style={LARGE}>{fill(s.waitingCount, { n: station.waiting })}</span>
      {station.intercepted > 0 && <Tag color="red" style={{ fontSize: 18, padding: '4px 10px' }}>{fill(s.interceptedCount, { n: station.intercepted })}</Tag>}
    </Flex>
  );
}

/** The parcel the last scan made: its order large, the carrier, a red flag, the weight the scale should read. */
function LabelledPanel({ parcel }: { parcel: SingleParcel }) {
  const { t } = useI18n();
  const s = t.singles;
  return (
    <div style={{ background: '#f6ffed', border: '2px solid #52c41a', borderRadius: 8, padding: '24px 32px', marginBottom: 16 }} data-testid="singles-labelled">
      <Flex align="baseline" gap={24} wrap>
        <Typography.Text strong style={{ fontSize: 36, color: '#389e0d' }}>
          {s.labelled}
        </Typography.Text>
        <Typography.Text type="secondary" style={LARGE}>
          {s.orderNo}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 40 }} data-testid="singles-order-no">
          {parcel.orderNo}
        </Typography.Text>
        <Tag style={{ fontSize: 20, padding: '4px 12px' }}>{labelOf(t.carriers, parcel.carrier)}</Tag>
        <span style={LARGE}>{fill(s.expectedWeight, { grams: parcel.expectedGrams ?? 0 })}</span>
      </Flex>
      {parcel.flag === 'red' && (
        <Alert type="error" showIcon icon={<WarningOutlined />} title={<span style={{ fontSize: 26, fontWeight: 600 }}>{s.redFlag}</span>} style={{ marginTop: 12 }} />
      )}
    </div>
  );
}

/**
 * 一单一件, a scan station worked from the scanner alone: the pick list's wave number chooses the
 * wave, then every item scanned becomes the packed parcel of the next order waiting for it and its
 * label prints from a hidden frame (`printLabel`), the focus staying in the scan box. A wrong item
 * or one whose order was intercepted is refused in red; the counter shows the wave's progress.
 */
export default function SinglesPage() {
  const { t } = useI18n();
  const s = t.singles;
  const showError = useShowError();
  const [station, setStation] = useState<SingleStation | null>(null);
  const [last, setLast] = useState<SingleParcel | null>(null);
  const [recent, setRecent] = useState<SingleParcel[]>([]);

  async function chooseWave(scan: string): Promise<Answer> {
    try {
      const wave = await lookupWave(scan);
      const chosen = await fetchSingleStation(wave.id);
      setStation(chosen);
      setLast(null);
      return { ok: true, message: chosen.waiting ? fill(s.chosen, { waveNo: chosen.waveNo, waiting: chosen.waiting }) : s.allDone };
    } catch (err) {
      return { ok: false, message: errorText(err, t) };
    }
  }

  /** The counter after a scan; a failed read leaves the last one (the scan's answer matters more). */
  async function refresh(waveId: number) {
    try {
      setStation(await fetchSingleStation(waveId));
    } catch {
      // the next scan reads it again
    }
  }

  async function scanItem(current: SingleStation, barcode: string): Promise<Answer> {
    let parcel: SingleParcel;
    try {
      parcel = await scanSingle(current.waveId, barcode);
    } catch (err) {
      setLast(null);
      await refresh(current.waveId);
      return { ok: false, message: errorText(err, t) };
    }
    setLast(parcel);
    setRecent((list) => [parcel, ...list].slice(0, RECENT));
    await refresh(current.waveId);
    try {
      await printLabel(parcel.id);
      return { ok: true, message: fill(s.labelledOrder, { orderNo: parcel.orderNo }) };
    } catch (err) {
      return { ok: false, message: fill(s.printFailed, { orderNo: parcel.orderNo, reason: errorText(err, t) }) };
    }
  }

  const scanner = useScanStation<never>({
    station: true,
    onScan(code) {
      if (!station || isWaveNo(code)) return chooseWave(code);
      return scanItem(station, code);
    },
  });

  async function reprint(parcel: SingleParcel) {
    try {
      await printLabel(parcel.id);
    } catch (err) {
      showError(err);
    }
    scanner.focus();
  }

  const columns: TableColumnsType<SingleParcel> = [
    { title: s.orderNo, dataIndex: 'orderNo' },
    { title: s.carrier, dataIndex: 'carrier', render: (carrier: string) => labelOf(t.carriers, carrier) },
    { title: t.waves.skuCode, key: 'sku', render: (_, p) => p.lines.map((l) => `${l.skuCode} ${l.productName}`).join('、') },
    {
      key: 'print',
      align: 'right',
      render: (_, p) => (
        <Button icon={<PrinterOutlined />} onClick={() => void reprint(p)}>
          {s.printLabel}
        </Button>
      ),
    },
  ];

  const refused = scanner.feedback?.tone === 'error';
  return (
    <Page title={s.title}>
      <Form layout="vertical">
        <Form.Item
          label={<span style={{ fontSize: 20 }}>{s.scanLabel}</span>}
          htmlFor="singles-scan"
          extra={<span style={{ fontSize: 18 }}>{station ? s.itemHint : s.waveHint}</span>}
          validateStatus={refused ? 'error' : undefined}
        >
          <Input {...scanner.scanBox} id="singles-scan" size="large" autoComplete="off" style={{ fontSize: 28, maxWidth: 560 }} />
        </Form.Item>
      </Form>
      {station && <Counter station={station} />}
      <ScanFeedback feedback={scanner.feedback} />
      {!station && <Result icon={<BarcodeOutlined />} title={<span style={{ fontSize: 32 }}>{s.waiting}</span>} subTitle={<span style={LARGE}>{s.waitingHint}</span>} />}
      {last && !refused && <LabelledPanel parcel={last} />}
      {recent.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={4}>{s.recent}</Typography.Title>
          <Table rowKey="id" size="middle" columns={columns} dataSource={recent} pagination={false} />
        </Space>
      )}
    </Page>
  );
}
