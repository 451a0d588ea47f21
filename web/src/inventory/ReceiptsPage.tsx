import { DeleteOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { searchSkus, type PickerSku } from '../catalog/api';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { ScanFeedback } from '../app/scanner/ScanFeedback';
import { useScanStation } from '../app/scanner/useScanStation';
import { useApiMutation } from '../app/useApiMutation';
import { receiveStock, useWarehouseOptions, type StockLevel } from './api';

interface Line {
  skuCode: string;
  name: string;
  quantity: number;
}

/** The SKU whose code or barcode is exactly what was scanned (the search also matches names). */
async function findScannedSku(scanned: string): Promise<PickerSku | undefined> {
  const { items } = await searchSkus(scanned, 50);
  return items.find((s) => s.code === scanned || s.barcode === scanned);
}

const skuName = (sku: PickerSku) => `${sku.productName}${sku.spec ? ` ${sku.spec}` : ''}`;

/** The most one receipt line may hold, as the server allows. */
const MAX_QUANTITY = 10_000_000;

/** The quantity a worker typed, when it is a whole number of pieces the server takes. */
function typedQuantity(text: string): number | null {
  const digits = text.trim();
  const quantity = /^\d{1,8}$/.test(digits) ? Number(digits) : 0;
  return quantity >= 1 && quantity <= MAX_QUANTITY ? quantity : null;
}

/** Adds a quantity to the lines, merging into the SKU's line when it is already there. */
function addToLines(lines: Line[], sku: PickerSku, quantity: number): Line[] {
  const existing = lines.find((l) => l.skuCode === sku.code);
  if (existing) return lines.map((l) => (l === existing ? { ...l, quantity: l.quantity + quantity } : l));
  return [...lines, { skuCode: sku.code, name: skuName(sku), quantity }];
}

/**
 * Goods receipt at the dock, a scan station (`useScanStation`): scan (the scanner types the code
 * and Enter), the focus moves to the quantity; type it and Enter, the line is added and the focus
 * is back in the scan box. Scanning a SKU again adds to its line.
 */
export default function ReceiptsPage() {
  const { t } = useI18n();
  const { options: warehouseOptions } = useWarehouseOptions();
  const [chosenWarehouse, setWarehouseCode] = useState<string>();
  // the first warehouse until the user picks one
  const warehouseCode = chosenWarehouse ?? warehouseOptions[0]?.value;
  const [lines, setLines] = useState<Line[]>([]);
  const [result, setResult] = useState<StockLevel[]>([]);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const scanner = useScanStation<PickerSku>({
    station: true,
    async onScan(code) {
      const sku = await findScannedSku(code);
      if (!sku) return { ok: false, message: fill(t.inventory.unknownSku, { code }) };
      return { ok: true, message: `${sku.code} · ${skuName(sku)}`, followUp: { text: '1', subject: sku } };
    },
    onFollowUp(text, sku) {
      const quantity = typedQuantity(text);
      if (!quantity) return { ok: false, message: fill(t.inventory.badQuantity, { max: MAX_QUANTITY }) };
      setLines((current) => addToLines(current, sku, quantity));
      return { ok: true, message: fill(t.inventory.lineAdded, { sku: sku.code, n: quantity }) };
    },
  });

  const receive = useApiMutation(
    () =>
      receiveStock({
        warehouseCode: warehouseCode!,
        lines: lines.map(({ skuCode, quantity }) => ({ skuCode, quantity })),
        ...(reference.trim() && { reference: reference.trim() }),
        ...(note.trim() && { note: note.trim() }),
      }),
    {
      success: () => fill(t.inventory.received, { n: lines.reduce((sum, l) => sum + l.quantity, 0) }),
      invalidate: [['levels'], ['movements']],
      labels: { warehouseCode: t.inventory.warehouse, 'lines.*.skuCode': t.inventory.skuCode, 'lines.*.quantity': t.inventory.quantity, reference: t.inventory.receiptReference, note: t.inventory.note },
      onSuccess: (data) => {
        setResult(data.levels);
        setLines([]);
        setReference('');
        setNote('');
        scanner.focus();
      },
    },
  );

  const refused = scanner.feedback?.tone === 'error';
  const columns: TableColumnsType<Line> = [
    { title: t.inventory.skuCode, dataIndex: 'skuCode' },
    { title: t.inventory.product, dataIndex: 'name' },
    {
      title: t.inventory.quantity,
      dataIndex: 'quantity',
      render: (value: number, line) => (
        <InputNumber
          min={1}
          max={MAX_QUANTITY}
          precision={0}
          value={value}
          aria-label={`${line.skuCode} ${t.inventory.quantity}`}
          onChange={(q) => q && setLines((current) => current.map((l) => (l.skuCode === line.skuCode ? { ...l, quantity: q } : l)))}
        />
      ),
    },
    {
      title: t.common.actions,
      key: 'remove',
      render: (_, line) => (
        <Button type="text" danger icon={<DeleteOutlined />} aria-label={t.common.remove} onClick={() => setLines((current) => current.filter((l) => l !== line))} />
      ),
    },
  ];

  return (
    <Page title={t.inventory.receiptsTitle}>
      <Form layout="vertical">
        <Space align="start" wrap>
          <Form.Item label={t.inventory.warehouse} htmlFor="receipt-warehouse" required>
            <Select
              id="receipt-warehouse"
              options={warehouseOptions}
              value={warehouseCode}
              onChange={setWarehouseCode}
              // chosen (the same one again included): the next thing the worker does is scan
              onSelect={scanner.focus}
              style={{ width: 240 }}
            />
          </Form.Item>
          <Form.Item label={t.inventory.receiptReference} htmlFor="receipt-reference">
            <Input id="receipt-reference" value={reference} onChange={(e) => setReference(e.target.value)} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label={t.inventory.note} htmlFor="receipt-note">
            <Input id="receipt-note" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 320 }} />
          </Form.Item>
        </Space>
        <Space align="start" wrap>
          <Form.Item label={t.inventory.scanLabel} htmlFor="receipt-scan" extra={t.inventory.scanHint} validateStatus={refused && !scanner.awaitingFollowUp ? 'error' : undefined}>
            <Input {...scanner.scanBox} id="receipt-scan" autoComplete="off" style={{ width: 320 }} />
          </Form.Item>
          <Form.Item label={t.inventory.quantity} htmlFor="receipt-quantity" validateStatus={refused && scanner.awaitingFollowUp ? 'error' : undefined}>
            <Space.Compact>
              <Input {...scanner.followUp} id="receipt-quantity" inputMode="numeric" autoComplete="off" style={{ width: 120 }} />
              <Button onClick={scanner.confirmFollowUp} disabled={!scanner.awaitingFollowUp}>
                {t.inventory.addLine}
              </Button>
            </Space.Compact>
          </Form.Item>
        </Space>
        <ScanFeedback feedback={scanner.feedback} />
      </Form>
      <Table rowKey="skuCode" title={() => t.inventory.lines} columns={columns} dataSource={lines} pagination={false} style={{ marginBottom: 16 }} />
      <Button type="primary" disabled={!lines.length || !warehouseCode} loading={receive.isPending} onClick={() => receive.mutate(undefined)}>
        {t.inventory.submitReceipt}
      </Button>
      {result.length > 0 && (
        <Table
          style={{ marginTop: 24 }}
          size="small"
          rowKey={(l) => `${l.skuId}-${l.warehouseId}`}
          pagination={false}
          dataSource={result}
          columns={[
            { title: t.inventory.skuCode, dataIndex: 'skuCode' },
            { title: t.inventory.warehouse, dataIndex: 'warehouseName' },
            { title: t.inventory.onHand, dataIndex: 'onHand', align: 'right' },
            { title: t.inventory.available, dataIndex: 'available', align: 'right' },
          ]}
        />
      )}
    </Page>
  );
}
