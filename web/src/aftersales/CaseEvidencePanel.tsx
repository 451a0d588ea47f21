import { Card, Descriptions, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import type { Case } from './api';
import { weightIsOff, type ParcelWeight } from './weights';
import { WrongItemCard } from './WrongItemCard';

type Scan = Case['packingScans'][number];
type Stock = Case['stock'][number];

function Grams({ grams }: { grams: number | null }) {
  const { t } = useI18n();
  return grams === null ? null : <>{fill(t.aftersales.evidencePanel.grams, { grams: String(grams) })}</>;
}

/** Each parcel that left: expected against weighed, red when off, with every weighing. */
function Weights({ weights }: { weights: ParcelWeight[] }) {
  const { t } = useI18n();
  const e = t.aftersales.evidencePanel;
  if (weights.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={e.noWeights} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {weights.map((w) => {
        const off = weightIsOff(w);
        const diff = w.differenceGrams === null ? null : `${w.differenceGrams > 0 ? '+' : ''}${fill(e.grams, { grams: String(w.differenceGrams) })}`;
        return (
          <div key={w.parcelId} data-testid="parcel-weight" data-off={off}>
            <Descriptions
              size="small"
              column={3}
              items={[
                { key: 'tracking', label: e.trackingNo, children: w.trackingNo },
                { key: 'expected', label: e.expected, children: <Grams grams={w.expectedGrams} /> },
                { key: 'weighed', label: e.weighed, children: <Typography.Text type={off ? 'danger' : undefined} strong={off}><Grams grams={w.weighedGrams} /></Typography.Text> },
                { key: 'difference', label: e.difference, children: <Typography.Text type={off ? 'danger' : undefined}>{diff}</Typography.Text> },
                { key: 'tolerance', label: e.tolerance, children: w.tolerancePercent === null ? null : fill(e.percent, { percent: String(w.tolerancePercent) }) },
                { key: 'verdict', label: e.weightVerdict, children: w.verdict && <Tag color={off ? 'red' : 'green'}>{labelOf(e.weightVerdicts, w.verdict)}</Tag> },
              ]}
            />
            <Table
              rowKey={(row) => `${row.at}-${row.grams}-${row.verdict}`}
              size="small"
              pagination={false}
              title={() => fill(e.weighingsTitle, { count: String(w.weighings.length) })}
              dataSource={w.weighings}
              columns={[
                { title: e.scanAt, dataIndex: 'at', render: formatTime },
                { title: e.weighed, dataIndex: 'grams', align: 'right', render: (grams: number) => <Grams grams={grams} /> },
                { title: e.weightVerdict, dataIndex: 'verdict', render: (v: ParcelWeight['weighings'][number]['verdict']) => labelOf(e.weightVerdicts, v) },
                { title: e.weighedBy, dataIndex: 'weighedBy' },
                { title: e.overrideReason, dataIndex: 'reason' },
              ]}
            />
          </div>
        );
      })}
    </Space>
  );
}

/**
 * 仓库证据 of a case: what 验货 scanned into the order's parcels (refusals in red), the weighings
 * against the expected weight, the stock of its SKUs now, and for a wrong item the check of the
 * barcode the buyer reported.
 */
export function CaseEvidencePanel({ c }: { c: Case }) {
  const { t } = useI18n();
  const e = t.aftersales.evidencePanel;
  const scanColumns: TableColumnsType<Scan> = [
    { title: e.scanAt, dataIndex: 'at', render: formatTime },
    { title: e.barcode, dataIndex: 'barcode' },
    { title: t.aftersales.skuCode, dataIndex: 'skuCode' },
    { title: t.aftersales.product, dataIndex: 'productName' },
    { title: e.scanResult, dataIndex: 'result', render: (result: Scan['result']) => <Tag color={result === 'ok' ? 'green' : 'red'}>{labelOf(e.scanResults, result)}</Tag> },
    { title: e.scannedBy, dataIndex: 'scannedBy' },
    { title: e.trackingNo, dataIndex: 'trackingNo' },
  ];
  const stockColumns: TableColumnsType<Stock> = [
    { title: t.aftersales.skuCode, dataIndex: 'skuCode' },
    { title: t.aftersales.product, dataIndex: 'productName' },
    { title: t.aftersales.spec, dataIndex: 'spec' },
    { title: e.warehouse, dataIndex: 'warehouseCode' },
    { title: e.onHand, dataIndex: 'onHand', align: 'right' },
    { title: e.reserved, dataIndex: 'reserved', align: 'right' },
    { title: e.available, dataIndex: 'available', align: 'right' },
  ];
  return (
    <Card title={e.title} style={{ marginBottom: 16 }} data-testid="case-evidence-panel">
      {c.wrongItemCheck && <WrongItemCard check={c.wrongItemCheck} />}
      <Typography.Title level={5}>{e.packingScans}</Typography.Title>
      <Table
        rowKey={(row) => `${row.parcelId}-${row.at}-${row.barcode}`}
        size="small"
        columns={scanColumns}
        dataSource={c.packingScans}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: e.noScans }}
        data-testid="packing-scans"
      />
      <Typography.Title level={5}>{e.weights}</Typography.Title>
      <Weights weights={c.weights} />
      <Typography.Title level={5}>{e.stock}</Typography.Title>
      <Table rowKey="skuCode" size="small" columns={stockColumns} dataSource={c.stock} pagination={false} locale={{ emptyText: e.noStock }} data-testid="case-stock" />
    </Card>
  );
}
