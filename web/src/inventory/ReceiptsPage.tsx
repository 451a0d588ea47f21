import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Table, type GetRef, type InputRef, type TableColumnsType } from 'antd';
import { useRef, useState } from 'react';
import { searchSkus, type PickerSku } from '../catalog/api';
import { useShowError } from '../app/errors';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
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

/** Adds a quantity to the lines, merging into the SKU's line when it is already there. */
function addToLines(lines: Line[], sku: PickerSku, quantity: number): Line[] {
  const existing = lines.find((l) => l.skuCode === sku.code);
  if (existing) return lines.map((l) => (l === existing ? { ...l, quantity: l.quantity + quantity } : l));
  return [...lines, { skuCode: sku.code, name: `${sku.productName}${sku.spec ? ` ${sku.spec}` : ''}`, quantity }];
}

/**
 * Goods receipt at the dock, built for a barcode scanner: scan (the scanner types the code and
 * Enter), type the quantity and Enter; the line is added and the cursor is back on the scan box.
 */
export default function ReceiptsPage() {
  const { t } = useI18n();
  const showError = useShowError();
  const { options: warehouseOptions } = useWarehouseOptions();
  const [chosenWarehouse, setWarehouseCode] = useState<string>();
  // the first warehouse until the user picks one
  const warehouseCode = chosenWarehouse ?? warehouseOptions[0]?.value;
  const [scanned, setScanned] = useState('');
  const [pending, setPending] = useState<PickerSku | null>(null);
  const [quantity, setQuantity] = useState<number | null>(1);
  const [lines, setLines] = useState<Line[]>([]);
  const [scanError, setScanError] = useState<string | null>(null);
  const [result, setResult] = useState<StockLevel[]>([]);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const scanRef = useRef<InputRef>(null);
  const quantityRef = useRef<GetRef<typeof InputNumber>>(null);

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
        scanRef.current?.focus();
      },
    },
  );

  async function lookUp() {
    const code = scanned.trim();
    if (!code) return;
    setScanError(null);
    try {
      const sku = await findScannedSku(code);
      if (!sku) {
        setScanError(fill(t.inventory.unknownSku, { code }));
        scanRef.current?.select();
        return;
      }
      setPending(sku);
      setQuantity(1);
      setTimeout(() => quantityRef.current?.select());
    } catch (err) {
      showError(err);
    }
  }

  function addLine() {
    if (!pending || !quantity || quantity <= 0) return;
    setLines((current) => addToLines(current, pending, quantity));
    setPending(null);
    setScanned('');
    setQuantity(1);
    scanRef.current?.focus();
  }

  const columns: TableColumnsType<Line> = [
    { title: t.inventory.skuCode, dataIndex: 'skuCode' },
    { title: t.inventory.product, dataIndex: 'name' },
    {
      title: t.inventory.quantity,
      dataIndex: 'quantity',
      render: (value: number, line) => (
        <InputNumber
          min={1}
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
            <Select id="receipt-warehouse" options={warehouseOptions} value={warehouseCode} onChange={setWarehouseCode} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label={t.inventory.receiptReference} htmlFor="receipt-reference">
            <Input id="receipt-reference" value={reference} onChange={(e) => setReference(e.target.value)} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label={t.inventory.note} htmlFor="receipt-note">
            <Input id="receipt-note" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 320 }} />
          </Form.Item>
        </Space>
        <Space align="start" wrap>
          <Form.Item label={t.inventory.scanLabel} htmlFor="receipt-scan" extra={t.inventory.scanHint} validateStatus={scanError ? 'error' : undefined} help={scanError ?? undefined}>
            <Input
              ref={scanRef}
              id="receipt-scan"
              autoFocus
              value={scanned}
              onChange={(e) => {
                setScanned(e.target.value);
                setPending(null);
              }}
              onPressEnter={() => void lookUp()}
              style={{ width: 320 }}
            />
          </Form.Item>
          <Form.Item label={t.inventory.quantity} htmlFor="receipt-quantity">
            <Space.Compact>
              <InputNumber ref={quantityRef} id="receipt-quantity" min={1} precision={0} value={quantity} onChange={setQuantity} onPressEnter={addLine} disabled={!pending} style={{ width: 120 }} />
              <Button onClick={addLine} disabled={!pending}>
                {t.inventory.addLine}
              </Button>
            </Space.Compact>
          </Form.Item>
        </Space>
        {pending && <Alert type="success" showIcon title={`${pending.code} · ${pending.productName} ${pending.spec}`} style={{ marginBottom: 16 }} />}
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
