import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { FilterBar } from '../app/FilterBar';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { Page } from '../app/Page';
import { useWarehouseOptions } from '../inventory/api';
import { fetchWaves, type Wave, type WaveKind, type WaveStatus } from './api';
import { CreateWaveDialog } from './CreateWaveDialog';
import { WaveKindTag } from './labels';

/** 波次: the warehouse's waves, newest first, and 创建波次 for those who run the floor. */
export default function WavesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useListParams();
  const [creating, setCreating] = useState(false);
  const { warehouses, options: warehouseOptions } = useWarehouseOptions();
  const { warehouseCode, kind, status } = list.filters;
  const waves = useQuery({
    queryKey: ['waves', list.query],
    queryFn: () => fetchWaves({ warehouseCode, kind: kind as WaveKind | undefined, status: status as WaveStatus | undefined, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });
  const w = t.waves;

  const columns: TableColumnsType<Wave> = [
    { title: w.waveNo, dataIndex: 'waveNo', render: (no: string, wave) => <Link to={`/fulfillment/waves/${wave.id}`}>{no}</Link> },
    { title: w.warehouse, dataIndex: 'warehouseCode', render: (code: string) => warehouses.find((wh) => wh.code === code)?.name ?? code },
    { title: w.kind, dataIndex: 'kind', render: (k: WaveKind) => <WaveKindTag kind={k} /> },
    { title: w.orderCount, dataIndex: 'orderCount', align: 'right' },
    { title: t.common.status, dataIndex: 'status', render: (status: string) => labelOf(w.statuses, status) },
    { title: w.createdBy, dataIndex: 'createdByName' },
    { title: t.common.createdAt, dataIndex: 'createdAt', render: formatTime },
  ];

  return (
    <Page
      title={w.title}
      extra={
        can('fulfillment.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {w.create}
          </Button>
        )
      }
    >
      <FilterBar list={list}>
        <Form.Item name="warehouseCode" label={w.warehouse}>
          <Select options={warehouseOptions} allowClear placeholder={t.common.all} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="kind" label={w.kind}>
          <Select options={optionsOf(w.kinds)} allowClear placeholder={t.common.all} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="status" label={t.common.status}>
          <Select options={optionsOf(w.statuses)} allowClear placeholder={t.common.all} style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <ListTable list={list} query={waves} rowKey="id" columns={columns} labels={{ warehouseCode: w.warehouse, kind: w.kind, status: t.common.status }} />
      <CreateWaveDialog open={creating} warehouseCode={warehouseCode} onClose={() => setCreating(false)} onCreated={(wave) => navigate(`/fulfillment/waves/${wave.id}`)} />
    </Page>
  );
}
