import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { FilterBar } from '../app/FilterBar';
import { formatDuration, formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { useNow } from '../app/useNow';
import { fetchWaiting, fetchWaitingCounts, type WaitingRow, type WaitingStage } from './parcelApi';

const STAGES: WaitingStage[] = ['to_pack', 'to_weigh', 'to_ship'];
/** The station that takes each stage's rows on. */
const STATION: Record<WaitingStage, string> = { to_pack: '/fulfillment/packing', to_weigh: '/fulfillment/weighing', to_ship: '/fulfillment/shipping' };

/**
 * 待处理包裹: what waits at 验货, 称重 and 发货 — the orders of a wave not yet packed, the parcels
 * packed and not yet weighed right, those weighed and waiting for the courier — the longest waiting
 * first, each tab with the count the 工作台 shows, and a way to the station that takes it on.
 */
export default function WaitingParcelsPage() {
  const { t } = useI18n();
  const w = t.waitingParcels;
  const { can } = useAuth();
  const navigate = useNavigate();
  const now = useNow();
  const list = useListParams();
  const stage = STAGES.find((s) => s === list.filters.stage) ?? STAGES[0]!;
  const q = list.filters.q || undefined;
  const rows = useQuery({
    queryKey: ['waitingParcels', stage, list.query],
    queryFn: () => fetchWaiting({ stage, q, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const counts = useQuery({ queryKey: ['waitingParcels', 'counts', q], queryFn: () => fetchWaitingCounts(q), placeholderData: (previous) => previous });

  const grams = (n: number | null) => (n === null ? '' : fill(w.grams, { n }));
  const parcelStage = stage !== 'to_pack';
  const columns: TableColumnsType<WaitingRow> = [
    ...(parcelStage ? [{ title: w.trackingNo, dataIndex: 'trackingNo', render: (no: string | null) => no ?? <Typography.Text type="secondary">{w.noTrackingNo}</Typography.Text> }] : []),
    { title: w.orderNo, dataIndex: 'orderNo', render: (no: string, r) => <Link to={`/orders/${r.orderId}`}>{no}</Link> },
    { title: w.wave, dataIndex: 'waveNo', render: (no: string | null, r) => (no && r.waveId ? <Link to={`/fulfillment/waves/${r.waveId}`}>{no}</Link> : '') },
    { title: w.slot, dataIndex: 'slot', align: 'right' },
    { title: w.carrier, dataIndex: 'carrier', render: (c: string) => labelOf(t.carriers, c) },
    { title: w.units, dataIndex: 'units', align: 'right' },
    {
      title: w.status,
      key: 'status',
      render: (_, r) => (
        <>
          {r.status === null ? w.notOpened : labelOf(t.parcelStatuses, r.status)}
          {r.weightVerdict === 'mismatch' && stage === 'to_weigh' && <Tag color="red">{w.mismatch}</Tag>}
          {r.weightVerdict === 'override' && <Tag color="orange">{w.override}</Tag>}
        </>
      ),
    },
    ...(parcelStage
      ? [
          { title: w.expectedGrams, dataIndex: 'expectedGrams', align: 'right' as const, render: grams },
          { title: w.weighedGrams, dataIndex: 'weighedGrams', align: 'right' as const, render: grams },
          { title: w.packedBy, dataIndex: 'packedByName' },
          { title: w.packedAt, dataIndex: 'packedAt', render: formatTime },
        ]
      : []),
    ...(stage === 'to_ship'
      ? [
          { title: w.weighedBy, dataIndex: 'weighedByName' },
          { title: w.weighedAt, dataIndex: 'weighedAt', render: formatTime },
        ]
      : []),
    { title: w.waiting, dataIndex: 'waitingSince', render: (since: string) => formatDuration(now - new Date(since).getTime(), t.common) },
    ...(can('fulfillment.manage')
      ? [{ title: t.common.actions, key: 'go', render: () => <Button onClick={() => navigate(STATION[stage])}>{w.go[stage]}</Button> }]
      : []),
  ];

  const countOf = (s: WaitingStage) => counts.data?.byStage[s];
  return (
    <Page title={t.menu.waitingParcels}>
      <Tabs
        activeKey={stage}
        onChange={(key) => list.applyFilters({ stage: key, q })}
        items={STAGES.map((s) => ({ key: s, label: countOf(s) === undefined ? w.stages[s] : `${w.stages[s]} ${countOf(s)}` }))}
      />
      <Typography.Paragraph type="secondary">{w.hint[stage]}</Typography.Paragraph>
      <FilterBar list={list} keepKeys={['stage']}>
        <Form.Item name="q" label={w.search} tooltip={w.searchHint}>
          <Input allowClear style={{ width: 220 }} />
        </Form.Item>
      </FilterBar>
      <ListTable list={list} query={rows} rowKey={(r) => (r.parcelId === null ? `order-${r.orderId}` : `parcel-${r.parcelId}`)} columns={columns} labels={{ q: w.search }} />
    </Page>
  );
}
