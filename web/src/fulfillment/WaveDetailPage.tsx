import { ArrowLeftOutlined, PrinterOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Progress, Result, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { PopupBlocked } from '../app/openInTab';
import { labelOf } from '../app/labels';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { useShowError } from '../app/errors';
import { useNow } from '../app/useNow';
import { useShopOptions } from '../catalog/api';
import { useWarehouseOptions } from '../inventory/api';
import type { OrderStatus } from '../orders/api';
import { StatusTag } from '../orders/labels';
import { fetchPickList, fetchWave, type WaveDetail, type WaveOrder } from './api';
import { WaveKindTag } from './labels';
import { openPackingSlips, openPickList } from './printDocuments';
import { fetchSowingWall } from './sowingApi';

const STATUS_COLORS: Record<string, string> = { picking: 'processing', picked: 'blue', shipped: 'success' };

/** The conditions the wave took its orders by, in words: "店铺 天猫旗舰店 · 快递 顺丰速运 · 最多 200 单". */
function Conditions({ filter }: { filter: WaveDetail['filter'] }) {
  const { t } = useI18n();
  const { shops } = useShopOptions();
  const w = t.waves;
  const parts = [
    filter.shopCode && `${w.shop} ${shops.find((s) => s.code === filter.shopCode)?.name ?? filter.shopCode}`,
    filter.carrier && `${w.carrier} ${labelOf(t.carriers, filter.carrier)}`,
    filter.skuCode && `${w.skuCode} ${filter.skuCode}`,
    filter.shipByBefore && `${w.shipByBefore} ${formatTime(filter.shipByBefore)}`,
    `${w.maxOrders} ${filter.maxOrders}`,
  ];
  return <>{parts.filter(Boolean).join(' · ')}</>;
}

function ShipBy({ at, now }: { at: string | null; now: number }) {
  const { t } = useI18n();
  if (!at) return null;
  if (Date.parse(at) > now) return <>{formatTime(at)}</>;
  return (
    <Space size={4}>
      <Typography.Text type="danger">{formatTime(at)}</Typography.Text>
      <Tag color="red">{t.waves.overdue}</Tag>
    </Space>
  );
}

/** 打印配货单 / 打印发货单: each opens its PDF in a tab of its own, to be printed from there. */
function PrintButtons({ waveId }: { waveId: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const w = t.waves;
  const open = (print: (id: number) => Promise<void>) => () =>
    print(waveId).catch((err: unknown) => (err instanceof PopupBlocked ? void message.error(w.popupBlocked) : showError(err)));
  return (
    <Space>
      <Button icon={<PrinterOutlined />} onClick={open(openPickList)}>
        {w.printPickList}
      </Button>
      <Button icon={<PrinterOutlined />} onClick={open(openPackingSlips)}>
        {w.printPackingSlips}
      </Button>
    </Space>
  );
}

/** Units picked of those the wave's orders (still in it) need. */
function PickProgress({ waveId }: { waveId: number }) {
  const { t } = useI18n();
  const pickList = useQuery({ queryKey: ['wave', waveId, 'pick-list'], queryFn: () => fetchPickList(waveId) });
  if (!pickList.data) return null;
  const { picked, units } = pickList.data;
  return (
    <Space data-testid="pick-progress">
      <Progress type="line" percent={units ? Math.floor((picked * 100) / units) : 100} showInfo={false} style={{ width: 160 }} />
      <span>{fill(t.waves.pickProgress, { picked, units })}</span>
    </Space>
  );
}

/** A multi-item wave's sowing wall: slots full of all, units sown of all (over the orders still in it). */
function SowProgress({ waveId }: { waveId: number }) {
  const { t } = useI18n();
  const wall = useQuery({ queryKey: ['wave', waveId, 'sowing'], queryFn: () => fetchSowingWall(waveId) });
  if (!wall.data) return null;
  const { progress } = wall.data;
  return (
    <Space data-testid="sow-progress">
      <Progress type="line" percent={progress.slots ? Math.floor((progress.full * 100) / progress.slots) : 100} showInfo={false} style={{ width: 160 }} />
      <span>{fill(t.sowing.progress, progress)}</span>
    </Space>
  );
}

/** A wave: its number large for the floor, its counts, and its orders in slot order with carrier and warnings. */
export default function WaveDetailPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const now = useNow();
  const id = Number(useParams().id);
  const { warehouses } = useWarehouseOptions();
  const wave = useQuery({ queryKey: ['wave', id], queryFn: () => fetchWave(id), enabled: Number.isInteger(id) });
  const w = t.waves;

  if (wave.isLoading) return <Spin />;
  if (wave.isError) return <LoadError query={wave} />;
  if (!wave.data) return <Result status="404" title={t.common.noPermission} />;
  const d = wave.data;
  const units = d.orders.reduce((sum, o) => sum + o.units, 0);
  const redFlags = d.orders.filter((o) => o.flag === 'red').length;

  const columns: TableColumnsType<WaveOrder> = [
    ...(d.kind === 'multi'
      ? [{ title: w.slot, dataIndex: 'slot', width: 80, render: (slot: number) => <Typography.Text strong style={{ fontSize: 20 }}>{slot}</Typography.Text> }]
      : []),
    { title: w.orderNo, dataIndex: 'orderNo', render: (no: string, o) => <Link to={`/orders/${o.orderId}`}>{no}</Link> },
    { title: w.orderStatus, dataIndex: 'status', render: (status: OrderStatus) => <StatusTag status={status} /> },
    {
      title: w.carrier,
      dataIndex: 'carrier',
      render: (carrier: string, o) => (
        <Space orientation="vertical" size={0}>
          <span>{labelOf(t.carriers, carrier)}</span>
          <Typography.Text type="secondary">{o.carrierReason}</Typography.Text>
        </Space>
      ),
    },
    { title: w.units, dataIndex: 'units', align: 'right' },
    { title: w.shipBy, dataIndex: 'shipBy', render: (at: string | null) => <ShipBy at={at} now={now} /> },
    {
      title: w.warning,
      dataIndex: 'flag',
      render: (flag: string | null) =>
        flag === 'red' && (
          <Tag color="red" icon={<WarningOutlined />}>
            {w.redFlagWarning}
          </Tag>
        ),
    },
  ];

  return (
    <div>
      <Space style={{ marginBottom: 16 }} wrap align="center">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t.common.back}
        </Button>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="wave-no">
          {fill(w.detailTitle, { waveNo: d.waveNo })}
        </Typography.Title>
        <WaveKindTag kind={d.kind} />
        <Tag color={STATUS_COLORS[d.status]}>{labelOf(w.statuses, d.status)}</Tag>
        <PrintButtons waveId={d.id} />
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={4}
          items={[
            { key: 'warehouse', label: w.warehouse, children: warehouses.find((wh) => wh.id === d.warehouseId)?.name ?? d.warehouseCode },
            { key: 'orders', label: w.orderCount, children: d.orderCount },
            { key: 'units', label: w.units, children: units },
            { key: 'picked', label: w.picking, span: 2, children: <PickProgress waveId={d.id} /> },
            ...(d.kind === 'multi' ? [{ key: 'sown', label: w.sowing, span: 2, children: <SowProgress waveId={d.id} /> }] : []),
            { key: 'red', label: w.redFlags, children: redFlags ? <Typography.Text type="danger">{redFlags}</Typography.Text> : 0 },
            { key: 'by', label: w.createdBy, children: d.createdByName ?? '' },
            { key: 'at', label: t.common.createdAt, children: formatTime(d.createdAt) },
            { key: 'conditions', label: w.conditions, span: 2, children: <Conditions filter={d.filter} /> },
          ]}
        />
      </Card>
      <Card>
        <Table rowKey="orderId" size="middle" columns={columns} dataSource={d.orders} pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }} />
      </Card>
    </div>
  );
}
