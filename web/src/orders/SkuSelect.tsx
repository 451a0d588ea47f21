import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { searchSkus, type PickerSku } from '../catalog/api';
import { useI18n } from '../app/i18n';
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
  const [q, setQ] = useState('');
  const [results, setResults] = useState<PickerSku[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    const timer = setTimeout(() => {
      searchSkus(q)
        .then((page) => current && setResults(page.items))
        .catch(() => current && setResults([]))
        .finally(() => current && setLoading(false));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      placeholder={t.orders.skuPicker}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
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
