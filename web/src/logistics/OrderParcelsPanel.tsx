import { useQuery } from '@tanstack/react-query';
import { Card, Spin } from 'antd';
import { useI18n } from '../app/i18n';
import { LoadError } from '../app/LoadError';
import { fetchOrderParcels } from './api';
import { ParcelTimelines } from './ParcelTimeline';

/** 查物流 on the order page: the order's parcels, each with its carrier, tracking number and timeline. */
export function OrderParcelsPanel({ orderId }: { orderId: number }) {
  const { t } = useI18n();
  const parcels = useQuery({ queryKey: ['orderParcels', orderId], queryFn: () => fetchOrderParcels(orderId) });
  return (
    <Card title={t.logistics.parcels} style={{ marginBottom: 16 }} data-testid="order-parcels">
      {parcels.isLoading ? <Spin /> : parcels.isError ? <LoadError query={parcels} inline /> : <ParcelTimelines parcels={parcels.data?.items ?? []} />}
    </Card>
  );
}
