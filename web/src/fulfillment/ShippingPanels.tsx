import { BarcodeOutlined } from '@ant-design/icons';
import { Flex, Result, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import type { Parcel } from './packingApi';
import type { Carrier } from './parcelApi';
import { SHOWN_SHIPPED, type ShippedEntry, type WaybillDoor } from './shippingDoor';
import { LARGE, ParcelHeading, ParcelLines } from './StationParcel';

export function DoorWaitingPanel() {
  const { t } = useI18n();
  return <Result icon={<BarcodeOutlined />} title={<span style={{ fontSize: 32 }}>{t.shipping.waiting}</span>} subTitle={<span style={LARGE}>{t.shipping.waitingHint}</span>} />;
}

interface WaybillProps {
  door: WaybillDoor;
  onCarrier: (carrier: Carrier) => void;
  /** A carrier was chosen (the same one again included): the next thing the worker does is scan. */
  onChosen: () => void;
}

/** A parcel found by its slip: its weight and label, the carrier it leaves with (changeable by keyboard, Tab from the scan box), waiting for the waybill scan. */
export function AwaitingWaybillPanel({ door, onCarrier, onChosen }: WaybillProps) {
  const { t } = useI18n();
  const sh = t.shipping;
  const { parcel, carrier } = door;
  const fact = (label: string, value: string, testId?: string) => (
    <Space orientation="vertical" size={0}>
      <Typography.Text type="secondary" style={LARGE}>
        {label}
      </Typography.Text>
      <Typography.Text strong style={{ fontSize: 30 }} data-testid={testId}>
        {value}
      </Typography.Text>
    </Space>
  );
  return (
    <div>
      <ParcelHeading parcel={parcel} testId="shipping-order-no" carrier={carrier} />
      <Flex gap={48} wrap align="end" style={{ marginBottom: 16 }}>
        {fact(sh.weight, fill(t.parcelStation.grams, { n: parcel.weighedGrams ?? 0 }))}
        {fact(sh.waybill, parcel.trackingNo ?? sh.noWaybill)}
        <Space orientation="vertical" size={4}>
          <label htmlFor="shipping-carrier" style={LARGE}>
            {sh.carrier}
          </label>
          <Select
            id="shipping-carrier"
            size="large"
            showSearch={{ optionFilterProp: 'label' }}
            options={optionsOf(t.carriers)}
            value={carrier}
            onChange={onCarrier}
            onSelect={onChosen}
            style={{ width: 240, fontSize: 22 }}
          />
        </Space>
      </Flex>
      <ParcelLines parcel={parcel} />
    </div>
  );
}

/** Gone through the door: the carrier and waybill number it left with, and what to scan next. */
export function ShippedPanel({ parcel }: { parcel: Parcel }) {
  const { t } = useI18n();
  const sh = t.shipping;
  return (
    <Result
      status="success"
      title={<span style={{ fontSize: 40 }}>{sh.shipped}</span>}
      subTitle={
        <Space orientation="vertical" size={8} style={LARGE}>
          <span>{parcel.orderNo}</span>
          <Typography.Text strong style={{ fontSize: 32 }} data-testid="shipping-waybill">
            {`${labelOf(t.carriers, parcel.carrier)} ${parcel.trackingNo ?? ''}`}
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 28 }}>
            {sh.next}
          </Typography.Text>
        </Space>
      }
    />
  );
}

/** What left through this door since the screen opened: how many, and the last few. */
export function ShippedList({ shipped }: { shipped: ShippedEntry[] }) {
  const { t } = useI18n();
  const sh = t.shipping;
  const columns: TableColumnsType<ShippedEntry> = [
    { title: sh.shippedAt, dataIndex: 'shippedAt', render: (at: string) => formatTime(at) },
    { title: t.parcelStation.orderNo, dataIndex: 'orderNo' },
    { title: sh.carrier, dataIndex: 'carrier', render: (carrier: Carrier) => labelOf(t.carriers, carrier) },
    { title: sh.waybill, dataIndex: 'trackingNo' },
    { title: sh.weight, dataIndex: 'grams', align: 'right', render: (grams: number | null) => (grams === null ? '' : fill(t.parcelStation.grams, { n: grams })) },
  ];
  return (
    <div style={{ marginTop: 24 }}>
      <Typography.Title level={4} data-testid="shipping-count">
        {shipped.length ? fill(sh.session, { n: shipped.length }) : sh.sessionEmpty}
      </Typography.Title>
      {shipped.length > 0 && <Table rowKey="parcelId" size="small" columns={columns} dataSource={shipped.slice(0, SHOWN_SHIPPED)} pagination={false} />}
    </div>
  );
}
