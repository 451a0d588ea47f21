import { BarcodeOutlined, CheckCircleFilled, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Flex, Progress, Result, Space, Table, Tag, Typography, type TableColumnType } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import type { Parcel, ParcelLine } from './packingApi';
import { parcelProgress } from './packingBench';

/** Read from an arm's length at a packing bench. */
const LARGE: CSSProperties = { fontSize: 22 };

/** Before the first slip, and between orders: what to scan. */
export function WaitingPanel() {
  const { t } = useI18n();
  return <Result icon={<BarcodeOutlined />} title={<span style={{ fontSize: 32 }}>{t.packing.waiting}</span>} subTitle={<span style={LARGE}>{t.packing.waitingHint}</span>} />;
}

/** The parcel being packed: its order large, the carrier, the warnings, and each line's count, the one just taken lit. */
/** The key that closes a parcel with what is scanned (拆单). */
export const SPLIT_KEY = 'F6';

export function ParcelPanel({ parcel, lastLineId }: { parcel: Parcel; lastLineId: number | null }) {
  const { t } = useI18n();
  const p = t.packing;
  const { scanned, expected } = parcelProgress(parcel);
  const cellStyle = (line: ParcelLine): CSSProperties => ({
    ...LARGE,
    background: line.lineId === lastLineId ? '#b7eb8f' : line.scanned === line.expected ? '#f6ffed' : undefined,
  });
  // every cell of a line lit, not the row: antd paints each cell's own background
  const lit = (column: TableColumnType<ParcelLine>): TableColumnType<ParcelLine> => ({ ...column, onCell: (line) => ({ style: cellStyle(line) }) });
  const merged = parcel.orderNos.length > 1;
  const columns = [
    ...(merged ? [lit({ title: p.lineOrder, dataIndex: 'orderNo' })] : []),
    lit({ title: p.skuCode, dataIndex: 'skuCode' }),
    lit({ title: p.product, dataIndex: 'productName' }),
    lit({ title: p.spec, dataIndex: 'spec' }),
    lit({
      title: p.counted,
      key: 'counted',
      align: 'right',
      render: (_, line) => (
        <Space size={8}>
          {line.scanned === line.expected && <CheckCircleFilled style={{ color: '#52c41a' }} />}
          <Typography.Text strong style={{ fontSize: 26 }}>{`${line.scanned} / ${line.expected}`}</Typography.Text>
        </Space>
      ),
    }),
  ];

  return (
    <div>
      <Flex align="baseline" gap={24} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={LARGE}>
          {p.orderNo}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 40 }} data-testid="packing-order-no">
          {parcel.orderNo}
        </Typography.Text>
        <Tag style={{ fontSize: 20, padding: '4px 12px' }}>{labelOf(t.carriers, parcel.carrier)}</Tag>
      </Flex>
      {merged && (
        <Alert type="info" showIcon title={<span style={{ fontSize: 24, fontWeight: 600 }} data-testid="packing-merged">{fill(p.merged, { n: parcel.orderNos.length, orderNos: parcel.orderNos.join('、') })}</span>} style={{ marginBottom: 12 }} />
      )}
      {parcel.flag === 'red' && (
        <Alert type="error" showIcon icon={<WarningOutlined />} title={<span style={{ fontSize: 26, fontWeight: 600 }}>{p.redFlag}</span>} style={{ marginBottom: 12 }} />
      )}
      {parcel.buyerMessage && (
        <Alert type="warning" showIcon title={<span style={LARGE}>{fill(p.buyerMessage, { message: parcel.buyerMessage })}</span>} style={{ marginBottom: 12 }} />
      )}
      <Flex align="center" gap={16} style={{ marginBottom: 12 }}>
        <Typography.Text strong style={{ fontSize: 26, whiteSpace: 'nowrap' }} data-testid="packing-progress">
          {fill(p.progress, { scanned, expected })}
        </Typography.Text>
        <Progress percent={Math.round((scanned / expected) * 100)} showInfo={false} size={{ height: 16 }} />
      </Flex>
      <Table rowKey="lineId" size="large" columns={columns} dataSource={parcel.lines} pagination={false} />
      <Typography.Text type="secondary" style={{ ...LARGE, display: 'block', marginTop: 12 }}>
        {fill(p.splitKey, { key: SPLIT_KEY })}
      </Typography.Text>
    </div>
  );
}

/** The parcel just closed: its expected weight for the scale, and what to do next. */
export function PackedPanel({ parcel }: { parcel: Parcel }) {
  const { t } = useI18n();
  const p = t.packing;
  return (
    <Result
      status="success"
      title={<span style={{ fontSize: 40 }}>{p.packed}</span>}
      subTitle={
        <Space orientation="vertical" size={8} style={LARGE}>
          <span>{fill(p.packedOrder, { orderNo: parcel.orderNo })}</span>
          <Typography.Text strong style={{ fontSize: 28 }} data-testid="packing-expected-weight">
            {fill(p.expectedWeight, { grams: parcel.expectedGrams ?? 0 })}
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 28 }}>
            {p.nextOrder}
          </Typography.Text>
        </Space>
      }
    />
  );
}

/**
 * An order stopped while in its wave: nothing of it may go into a box (or out of the door); the
 * whole panel is red. The scale and the door say what to do instead of 验货's words.
 */
export function InterceptedPanel({ message, words, testId = 'packing-intercepted' }: { message: string; words?: { intercepted: string; interceptedNext: string }; testId?: string }) {
  const { t } = useI18n();
  const { intercepted, interceptedNext } = words ?? t.packing;
  return (
    <div role="alert" data-testid={testId} style={{ background: '#cf1322', color: '#fff', padding: '40px 32px', borderRadius: 8, textAlign: 'center' }}>
      <StopOutlined style={{ fontSize: 64 }} />
      <div style={{ fontSize: 40, fontWeight: 700, margin: '16px 0' }}>{intercepted}</div>
      <div style={{ fontSize: 24 }}>{message}</div>
      <div style={{ fontSize: 22, marginTop: 16, opacity: 0.9 }}>{interceptedNext}</div>
    </div>
  );
}
