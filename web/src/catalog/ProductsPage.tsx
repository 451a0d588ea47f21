import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Divider, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAuth } from '../app/auth';
import { AuditDrawer } from '../app/AuditDrawer';
import type { FieldLabels } from '../app/errorText';
import { FilterBar } from '../app/FilterBar';
import { FormModal } from '../app/FormModal';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { fill, type Messages } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { MoneyInput, moneyRule } from '../app/MoneyInput';
import { Page } from '../app/Page';
import {
  addSku,
  createProduct,
  fetchProductEvents,
  fetchProducts,
  updateProduct,
  updateSku,
  type ListingStatus,
  type PriceBand,
  type Product,
  type ProductInput,
  type Sku,
  type SkuInput,
} from './api';

/** The inputs of one SKU; `prefix` places them inside the product form's SKU list. */
function SkuFields({ prefix = [], existing = false }: { prefix?: (string | number)[]; existing?: boolean }) {
  const { t } = useI18n();
  const required = [{ required: true, message: t.common.required }];
  return (
    <Row gutter={12}>
      <Col span={8}>
        <Form.Item name={[...prefix, 'code']} label={t.products.skuCode} rules={required}>
          <Input disabled={existing} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[...prefix, 'barcode']} label={t.products.barcode} normalize={(value: string) => value || null}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[...prefix, 'spec']} label={t.products.spec}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name={[...prefix, 'price']} label={t.products.price} rules={[...required, moneyRule(t.common.invalidMoney)]}>
          <MoneyInput />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name={[...prefix, 'cost']} label={t.products.cost} rules={[moneyRule(t.common.invalidMoney)]}>
          <MoneyInput />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name={[...prefix, 'weightGrams']} label={t.products.weightGrams}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name={[...prefix, 'safetyStock']} label={t.products.safetyStock}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[...prefix, 'listingStatus']} label={t.products.listingStatus}>
          <Select options={optionsOf(t.listingStatus)} placeholder={t.listingStatus.on_sale} />
        </Form.Item>
      </Col>
      <Col span={16}>
        <Form.Item name={[...prefix, 'listingPinned']} label={t.products.listingPinned} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** What the SKU inputs are called; inside the product form's SKU list they read "SKU 1 货号". */
function skuLabels(t: Messages, inList: boolean): FieldLabels {
  const labels = {
    code: t.products.skuCode,
    barcode: t.products.barcode,
    spec: t.products.spec,
    price: t.products.price,
    cost: t.products.cost,
    weightGrams: t.products.weightGrams,
    safetyStock: t.products.safetyStock,
    listingStatus: t.products.listingStatus,
    listingPinned: t.products.listingPinned,
  };
  return inList ? Object.fromEntries(Object.entries(labels).map(([key, label]) => [`skus.*.${key}`, `SKU {n} ${label}`])) : labels;
}

type Editing = { kind: 'product'; product: Product | null } | { kind: 'sku'; product: Product; sku: Sku | null };

export default function ProductsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const manage = can('catalog.manage');
  const list = useListParams();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [folded, setFolded] = useState<Set<number>>(new Set());
  const [historyOf, setHistoryOf] = useState<Product | null>(null);
  const products = useQuery({
    queryKey: ['products', list.query],
    queryFn: () =>
      fetchProducts({
        q: list.filters.q,
        category: list.filters.category,
        priceBand: list.filters.priceBand as PriceBand | undefined,
        listingStatus: list.filters.listingStatus as ListingStatus | undefined,
        page: list.page,
        pageSize: list.pageSize,
      }),
    placeholderData: (previous) => previous,
  });

  const columns: TableColumnsType<Product> = [
    { title: t.products.name, dataIndex: 'name' },
    { title: t.products.category, dataIndex: 'category' },
    { title: t.products.priceBand, dataIndex: 'priceBand', render: (band: string) => labelOf(t.priceBands, band) },
    { title: t.products.skus, key: 'skus', render: (_, p) => fill(t.products.skuCount, { n: p.skus.length }) },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, product) => (
        <Space>
          {manage && (
            <Button type="link" size="small" onClick={() => setEditing({ kind: 'product', product })}>
              {t.common.edit}
            </Button>
          )}
          {manage && (
            <Button type="link" size="small" onClick={() => setEditing({ kind: 'sku', product, sku: null })}>
              {t.products.addSku}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => setHistoryOf(product)}>
            {t.common.history}
          </Button>
        </Space>
      ),
    },
  ];

  const skuColumns = (product: Product): TableColumnsType<Sku> => [
    { title: t.products.skuCode, dataIndex: 'code' },
    { title: t.products.barcode, dataIndex: 'barcode' },
    { title: t.products.spec, dataIndex: 'spec' },
    { title: t.products.price, dataIndex: 'price', align: 'right', render: formatFen },
    { title: t.products.cost, dataIndex: 'cost', align: 'right', render: formatFen },
    { title: t.products.weightGrams, dataIndex: 'weightGrams', align: 'right' },
    { title: t.products.safetyStock, dataIndex: 'safetyStock', align: 'right' },
    {
      title: t.products.listingStatus,
      dataIndex: 'listingStatus',
      render: (status: string, sku) => (
        <Space size={4}>
          <Tag color={status === 'on_sale' ? 'green' : undefined}>{labelOf(t.listingStatus, status)}</Tag>
          {sku.listingPinned && <Tag>{t.products.pinned}</Tag>}
        </Space>
      ),
    },
    ...(manage
      ? [
          {
            title: t.common.actions,
            key: 'actions',
            render: (_: unknown, sku: Sku) => (
              <Button type="link" size="small" onClick={() => setEditing({ kind: 'sku', product, sku })}>
                {t.common.edit}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const product = editing?.product ?? null;
  const sku = editing?.kind === 'sku' ? editing.sku : null;

  return (
    <Page
      title={t.products.title}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'product', product: null })}>
            {t.products.create}
          </Button>
        )
      }
    >
      <FilterBar list={list}>
        <Form.Item name="q">
          <Input placeholder={t.products.searchPlaceholder} allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="category" label={t.products.category}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="priceBand" label={t.products.priceBand}>
          <Select options={optionsOf(t.priceBands)} allowClear placeholder={t.common.all} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="listingStatus" label={t.products.listingStatus}>
          <Select options={optionsOf(t.listingStatus)} allowClear placeholder={t.common.all} style={{ width: 120 }} />
        </Form.Item>
      </FilterBar>
      <ListTable
        list={list}
        query={products}
        rowKey="id"
        columns={columns}
        expandable={{
          // SKUs are what people look for: every product opens expanded unless folded by hand.
          expandedRowKeys: (products.data?.items ?? []).map((p) => p.id).filter((id) => !folded.has(id)),
          onExpand: (expanded, p) => setFolded((current) => (expanded ? new Set([...current].filter((id) => id !== p.id)) : new Set([...current, p.id]))),
          expandedRowRender: (p) => <Table rowKey="id" size="small" columns={skuColumns(p)} dataSource={p.skus} pagination={false} />,
        }}
      />
      <AuditDrawer
        target={historyOf && { key: `product-${historyOf.id}`, title: `${historyOf.name} · ${t.common.history}`, load: () => fetchProductEvents(historyOf.id) }}
        onClose={() => setHistoryOf(null)}
      />
      <FormModal<ProductInput>
        open={editing?.kind === 'product'}
        title={product ? t.products.edit : t.products.create}
        width={880}
        initialValues={product ?? { returnPolicy: 'standard', skus: [{}] }}
        submit={(values) =>
          product ? updateProduct(product.id, { name: values.name, category: values.category, priceBand: values.priceBand, returnPolicy: values.returnPolicy }) : createProduct(values)
        }
        success={product ? t.common.saved : t.products.created}
        invalidate={[['products']]}
        labels={{ name: t.products.name, category: t.products.category, priceBand: t.products.priceBand, returnPolicy: t.products.returnPolicy, ...skuLabels(t, true) }}
        onClose={() => setEditing(null)}
      >
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="name" label={t.products.name} rules={[{ required: true, message: t.common.required }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="category" label={t.products.category} rules={[{ required: true, message: t.common.required }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="priceBand" label={t.products.priceBand} rules={[{ required: true, message: t.common.required }]}>
              <Select options={optionsOf(t.priceBands)} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="returnPolicy" label={t.products.returnPolicy} extra={t.products.returnPolicyHint}>
              <Select options={optionsOf(t.returnPolicies)} />
            </Form.Item>
          </Col>
        </Row>
        {!product && (
          <Form.List name="skus" rules={[{ validator: (_, skus: unknown[]) => (skus?.length ? Promise.resolve() : Promise.reject(new Error(t.products.atLeastOneSku))) }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key}>
                    <Divider titlePlacement="start" plain>
                      <Space>
                        SKU {index + 1}
                        {fields.length > 1 && <MinusCircleOutlined aria-label={t.common.remove} onClick={() => remove(field.name)} />}
                      </Space>
                    </Divider>
                    <SkuFields prefix={[field.name]} />
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                  {t.products.addSku}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        )}
      </FormModal>
      <FormModal<SkuInput>
        open={editing?.kind === 'sku'}
        title={sku ? `${t.common.edit} ${sku.code}` : t.products.addSku}
        width={760}
        initialValues={sku ?? undefined}
        submit={({ code, ...change }) => (sku ? updateSku(sku.id, change) : addSku(product!.id, { code, ...change }))}
        success={t.common.saved}
        invalidate={[['products']]}
        labels={skuLabels(t, false)}
        onClose={() => setEditing(null)}
      >
        <SkuFields existing={!!sku} />
      </FormModal>
    </Page>
  );
}
