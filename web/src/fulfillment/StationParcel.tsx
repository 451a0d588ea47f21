import { WarningOutlined } from '@ant-design/icons';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import type { Parcel, ParcelLine } from './packingApi';
import type { Carrier } from './parcelApi';

/** The parcel as the scale and the door show it, read from an arm's length: what 验货 shows, without the counting. */

export const LARGE: CSSProperties = { fontSize: 22 };

/** Its order number large, the carrier (`carrier` when the station changed it) and the parcel's state, and the red flag's banner. */
export function ParcelHeading({ parcel, testId, carrier = parcel.carrier }: { parcel: Parcel; testId: string; carrier?: Carrier }) {
  const { t } = useI18n();
  const s = t.parcelStation;
  return (
    <>
      <Flex align="baseline" gap={24} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={LARGE}>
          {s.orderNo}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 40 }} data-testid={testId}>
          {parcel.orderNo}
        </Typography.Text>
        <Tag style={{ fontSize: 20, padding: '4px 12px' }}>{labelOf(t.carriers, carrier)}</Tag>
        <Tag color="blue" style={{ fontSize: 18, padding: '4px 12px' }}>
          {labelOf(t.parcelStatuses, parcel.status)}
        </Tag>
      </Flex>
      {parcel.flag === 'red' && (
        <Alert type="error" showIcon icon={<WarningOutlined />} title={<span style={{ fontSize: 26, fontWeight: 600 }}>{s.redFlag}</span>} style={{ marginBottom: 12 }} />
      )}
    </>
  );
}

/** What the parcel holds, line by line, to check against the box. */
export function ParcelLines({ parcel }: { parcel: Parcel }) {
  const { t } = useI18n();
  const s = t.parcelStation;
  const columns = [
    { title: s.skuCode, dataIndex: 'skuCode' },
    { title: s.product, dataIndex: 'productName' },
    { title: s.spec, dataIndex: 'spec' },
    { title: s.quantity, dataIndex: 'expected', align: 'right' as const, render: (n: number) => <Typography.Text strong style={LARGE}>{n}</Typography.Text> },
  ];
  return (
    <Table<ParcelLine>
      rowKey="lineId"
      size="small"
      title={() => <Typography.Text type="secondary">{s.lines}</Typography.Text>}
      columns={columns}
      dataSource={parcel.lines}
      pagination={false}
      style={{ maxWidth: 900 }}
    />
  );
}
