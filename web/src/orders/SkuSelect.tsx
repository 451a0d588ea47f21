import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { searchSkus, type PickerSku } from '../catalog/api';
import { useI18n } from '../app/i18n';
import { LoadError } from '../app/LoadError';
import { formatFen } from '../app/money';

interface Props {
  id?: string;
  value?: string;
  onChange?: (skuCode: string) => void;
  /** Called with the chosen SKU (its price prefills the line). */
  onPick?: (sku: PickerSku) => void;
}

/** Searches SKUs by code, barcode or product name as you type; shows price and stock available. */
export function SkuSelect({ id, value, onChange, onPick }: Props) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // search once typing pauses, not on every key
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useQuery({ queryKey: ['sku-search', q], queryFn: () => searchSkus(q), placeholderData: (previous) => previous });
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
        label: `${sku.code} · ${sku.productName} ${sku.spec} · ${formatFen(sku.price)} · ${t.inventory.available} ${sku.available}`,
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
