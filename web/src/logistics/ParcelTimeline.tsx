import { Descriptions, Empty, Tag, Timeline, Typography } from 'antd';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import type { TrackedParcel, TrackingStatus } from './api';

const STATUS_COLORS: Record<TrackingStatus, string> = {
  picked_up: 'blue',
  in_transit: 'blue',
  out_for_delivery: 'cyan',
  delivered: 'green',
  returned: 'red',
  damaged: 'red',
};

/** One parcel as customer service reads it to the buyer: carrier, tracking number, its state, and what the carrier said, newest first. */
export function ParcelTimeline({ parcel }: { parcel: TrackedParcel }) {
  const { t } = useI18n();
  const l = t.logistics;
  return (
    <div data-testid="parcel-timeline">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'carrier', label: l.carrier, children: labelOf(t.carriers, parcel.carrier) },
          { key: 'trackingNo', label: l.trackingNo, children: parcel.trackingNo ? <Typography.Text copyable>{parcel.trackingNo}</Typography.Text> : l.noTrackingNo },
          { key: 'status', label: l.parcelStatus, children: parcel.deliveredAt ? l.trackingStatuses.delivered : labelOf(t.parcelStatuses, parcel.status) },
          { key: 'shippedAt', label: l.shippedAt, children: formatTime(parcel.shippedAt) },
          ...(parcel.deliveredAt ? [{ key: 'deliveredAt', label: l.deliveredAt, children: formatTime(parcel.deliveredAt) }] : []),
        ]}
      />
      {parcel.events.length ? (
        <Timeline
          style={{ marginTop: 16 }}
          items={parcel.events.map((e) => ({
            key: `${e.time}|${e.status}|${e.description}`,
            color: STATUS_COLORS[e.status],
            title: formatTime(e.time),
            content: (
              <div>
                <Tag color={STATUS_COLORS[e.status]}>{labelOf(l.trackingStatuses, e.status)}</Tag>
                <span>{e.description}</span>
                {e.location && <Typography.Text type="secondary">{`（${e.location}）`}</Typography.Text>}
              </div>
            ),
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l.noEvents} />
      )}
    </div>
  );
}

/** Several parcels one under the other, each titled 包裹 n when there is more than one. */
export function ParcelTimelines({ parcels }: { parcels: TrackedParcel[] }) {
  const { t } = useI18n();
  if (!parcels.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.logistics.noParcels} />;
  return parcels.map((p, i) => (
    <div key={p.id} style={i ? { marginTop: 24 } : undefined}>
      {parcels.length > 1 && <Typography.Title level={5}>{fill(t.logistics.parcelNo, { n: i + 1 })}</Typography.Title>}
      <ParcelTimeline parcel={p} />
    </div>
  ));
}
