import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { searchSkus, type PickerSku } from '../catalog/api';
import { useI18n } from '../app/i18n';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';

interface Props {
  id?: string;
  value?: string;
  onChange?: (skuCode: string) => void;
  /** Called with the chosen SKU (its price prefills the line). */
  onPick?: (sku: PickerSku) => void;
  /** The warehouse that will serve the order (the shop's): availability is shown there. */
  warehouse?: { id: number; name: string } | null;
}

/**
 * Searches SKUs by code, barcode or product name as you type; shows price and what the order's
 * warehouse has available (with no warehouse known, the most one warehouse has: an order is
 * reserved whole in one warehouse, never summed across them).
 */
export function SkuSelect({ id, value, onChange, onPick, warehouse }: Props) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // search once typing pauses, not on every key
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useQuery({ queryKey: ['sku-search', q, warehouse?.id], queryFn: () => searchSkus(q, 20, warehouse?.id), placeholderData: (previous) => previous });
  const availability = (n: number) => (warehouse ? fill(t.orders.availableIn, { warehouse: warehouse.name, n }) : fill(t.orders.availableOneWarehouse, { n }));
  const results = search.isError ? [] : (search.data?.items ?? []);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      placeholder={t.orders.skuPicker}
      notFoundContent={search.isError ? <LoadError query={search} inline /> : search.isFetching || typed !== q ? <Spin size="small" /> : undefined}
      style={{ width: '100%' }}
      options={results.map((sku) => ({
        value: sku.code,
        title: sku.code,
        label: `${sku.code} · ${sku.productName} ${sku.spec} · ${formatFen(sku.price)} · ${availability(sku.available)}`,
        disabled: sku.listingStatus !== 'on_sale',
      }))}
      onChange={(code: string) => {
        onChange?.(code);
        const sku = results.find((s) => s.code === code);
        if (sku) onPick?.(sku);
      }}
    />
  );
}
