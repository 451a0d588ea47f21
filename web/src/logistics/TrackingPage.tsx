import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Divider, Empty, Input, Spin, type GetRef } from 'antd';
import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { useI18n } from '../app/i18n';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { findParcels } from './api';
import { ParcelTimeline } from './ParcelTimeline';
import { TrackingImport } from './TrackingImport';

/**
 * 物流跟踪: a tracking number (any carrier, spaces and dashes as typed) or an order number shows each
 * parcel it names with its carrier, state and timeline; the number stays selected, so the next scan
 * replaces it. Those who record tracking import an aggregator's CSV below.
 */
export default function TrackingPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const l = t.logistics;
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const inputRef = useRef<GetRef<typeof Input>>(null);
  const found = useQuery({ queryKey: ['trackedParcels', q], queryFn: () => findParcels(q), enabled: q !== '' });

  return (
    <Page title={l.trackingTitle}>
      <Input.Search
        // a new search (or back and forward) shows its number afresh, selected: the next scan replaces it
        key={q}
        id="tracking-search"
        ref={inputRef}
        onFocus={(e) => e.target.select()}
        aria-label={l.searchLabel}
        autoFocus
        allowClear
        enterButton
        maxLength={64}
        defaultValue={q}
        placeholder={l.searchPlaceholder}
        style={{ maxWidth: 520 }}
        onSearch={(value) => {
          const typed = value.trim();
          setParams(typed ? { q: typed } : {});
          if (typed === q) void found.refetch();
          inputRef.current?.select();
        }}
      />
      <Divider />
      {q === '' ? null : found.isLoading ? (
        <Spin />
      ) : found.isError ? (
        <LoadError query={found} labels={{ q: l.searchLabel }} />
      ) : found.data?.items.length ? (
        found.data.items.map((parcel) => (
          <Card key={parcel.id} size="small" style={{ marginBottom: 16 }} title={<Link to={`/orders/${parcel.orderId}`}>{fill(l.searchResult, { orderNo: parcel.orderNo })}</Link>}>
            <ParcelTimeline parcel={parcel} />
          </Card>
        ))
      ) : (
        <Empty description={fill(l.notFound, { q })} />
      )}
      {can('tracking.write') && (
        <>
          <Divider titlePlacement="start">{l.importTitle}</Divider>
          <TrackingImport onImported={() => void Promise.all(['trackedParcels', 'orderParcels'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })))} />
        </>
      )}
    </Page>
  );
}
