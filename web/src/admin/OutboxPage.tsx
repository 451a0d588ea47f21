import { useQuery } from '@tanstack/react-query';
import { Button, Form, Popconfirm, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useAuth } from '../app/auth';
import { FilterBar } from '../app/FilterBar';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { fill } from '../app/locales/zh';
import { Page } from '../app/Page';
import { useApiMutation } from '../app/useApiMutation';
import { fetchDeadMessages, retryDeadMessage, type DeadMessage } from './api';

/** A supervisor watches this page while a receiver is down: it refreshes itself. */
const REFRESH_MS = 10_000;

/** 消息投递: the outbox's dead letters, each with what every channel made of it, and 重新投递. */
export default function OutboxPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useListParams();
  const dead = useQuery({
    queryKey: ['outbox-dead', list.query],
    queryFn: () => fetchDeadMessages({ topic: list.filters.topic, page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
    refetchInterval: REFRESH_MS,
  });
  const retry = useApiMutation((id: number) => retryDeadMessage(id), { success: t.outbox.retried, invalidate: [['outbox-dead']] });
  const max = dead.data?.maxAttempts ?? 0;

  const columns: TableColumnsType<DeadMessage> = [
    { title: t.outbox.id, dataIndex: 'id' },
    { title: t.outbox.topic, dataIndex: 'topic', render: (topic: string) => labelOf(t.outbox.topics, topic) },
    {
      title: t.outbox.content,
      key: 'content',
      render: (_, m) => {
        const { kind, orderNo } = m.summary as { kind?: string; orderNo?: string };
        return [kind && labelOf(t.outbox.kinds, kind), orderNo && fill(t.outbox.orderNo, { orderNo })].filter(Boolean).join(' · ');
      },
    },
    { title: t.outbox.attempts, dataIndex: 'attempts', render: (n: number) => fill(t.outbox.attemptsOf, { n, max }) },
    {
      title: t.outbox.channels,
      key: 'channels',
      render: (_, m) => (
        <Space direction="vertical" size={4}>
          {m.deliveries.map((d) => (
            <Tag key={d.channel} color={d.deliveredAt ? 'green' : 'red'}>
              {labelOf(t.outbox.channelNames, d.channel)} · {d.deliveredAt ? t.outbox.delivered : fill(t.outbox.failed, { n: d.attempts, error: d.lastError ?? '' })}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t.outbox.createdAt, dataIndex: 'createdAt', render: formatTime },
    { title: t.outbox.deadAt, dataIndex: 'deadAt', render: formatTime },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, m) =>
        can('outbox.retry') && (
          // Popconfirm shows its button loading while the promise runs; the mutation has already shown any error.
          <Popconfirm title={fill(t.outbox.retryConfirm, { id: m.id })} onConfirm={() => retry.mutateAsync(m.id).catch(() => undefined)}>
            <Button type="link" size="small">
              {t.outbox.retry}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Page title={t.outbox.title}>
      <Typography.Paragraph type="secondary">{t.outbox.hint}</Typography.Paragraph>
      <FilterBar list={list}>
        <Form.Item name="topic" label={t.outbox.topic}>
          <Select options={optionsOf(t.outbox.topics)} allowClear placeholder={t.common.all} style={{ width: 200 }} />
        </Form.Item>
      </FilterBar>
      <ListTable list={list} query={dead} rowKey="id" columns={columns} labels={{ topic: t.outbox.topic }} locale={{ emptyText: t.outbox.empty }} />
    </Page>
  );
}
