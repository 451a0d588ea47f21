import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select, Space, Tabs, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../app/auth';
import { FilterBar } from '../app/FilterBar';
import { useI18n } from '../app/i18n';
import { labelOf, optionsOf } from '../app/labels';
import { ListTable } from '../app/ListTable';
import { useListParams } from '../app/list';
import { formatFen } from '../app/money';
import { Page } from '../app/Page';
import { fetchCases, type CaseListQuery, type CaseProgress, type CaseStatus, type CaseSummary, type CaseType } from './api';
import { CaseDeadline, CaseStatusTag, CaseTags, ProposalText } from './labels';

type Tab = 'mine' | 'all' | 'escalated' | 'approval';

/** What each tab asks the server for; 待审批 fixes the status. */
const TAB_QUERIES: Record<Tab, Partial<CaseListQuery>> = {
  mine: { mine: 'true' },
  all: {},
  escalated: { escalated: 'true' },
  approval: { status: 'awaiting_approval' },
};

/**
 * 售后工作台: the cases by deadline, soonest (so overdue) first — the agent's own, all, those handed
 * to a supervisor, and the refunds waiting for a supervisor's approval — filtered by type, status and
 * progress (未完结, 已超时, 退货签收超 24 小时未退款: the queues the workbench counts).
 */
export default function AftersalesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useListParams();
  const tabs: Tab[] = [...(can('aftersales.handle') ? (['mine'] as const) : []), 'all', 'escalated', ...(can('aftersales.approve') ? (['approval'] as const) : [])];
  const tab = tabs.find((key) => key === list.filters.tab) ?? tabs[0]!;
  const { type, status, q, progress } = list.filters;

  const cases = useQuery({
    queryKey: ['aftersalesCases', tab, list.query],
    queryFn: () =>
      fetchCases({ q, type: type as CaseType | undefined, status: status as CaseStatus | undefined, progress: progress as CaseProgress | undefined, ...TAB_QUERIES[tab], page: list.page, pageSize: list.pageSize }),
    placeholderData: (previous) => previous,
  });

  const columns: TableColumnsType<CaseSummary> = [
    { title: t.aftersales.caseNo, dataIndex: 'caseNo', width: 170, render: (no: string, c) => <Link to={`/aftersales/${c.id}`}>{no}</Link> },
    { title: t.aftersales.orderNo, dataIndex: 'orderNo', width: 180, render: (no: string, c) => <Link to={`/orders/${c.orderId}`}>{no}</Link> },
    { title: t.aftersales.type, dataIndex: 'type', width: 100, render: (v: CaseType) => labelOf(t.aftersales.types, v) },
    {
      title: t.aftersales.status,
      dataIndex: 'status',
      width: 160,
      render: (v: CaseStatus, c) => (
        <Space size={0} wrap>
          <CaseStatusTag status={v} />
          <CaseTags c={c} />
        </Space>
      ),
    },
    { title: t.aftersales.reason, dataIndex: 'reason', ellipsis: true },
    { title: t.aftersales.owner, dataIndex: 'owner', width: 100 },
    { title: t.aftersales.deadline, key: 'deadline', width: 150, render: (_, c) => <CaseDeadline c={c} /> },
    { title: t.aftersales.refunded, dataIndex: 'refunded', width: 110, align: 'right', render: formatFen },
    { title: t.aftersales.proposal, key: 'proposal', ellipsis: true, render: (_, c) => <ProposalText proposal={c.proposal} /> },
  ];

  return (
    <Page title={t.aftersales.workbenchTitle}>
      <Tabs
        activeKey={tab}
        // a new tab keeps the type filter; the status is the tab's own on 待审批
        onChange={(key) => list.applyFilters({ tab: key, type })}
        items={tabs.map((key) => ({ key, label: t.aftersales.tabs[key] }))}
      />
      <FilterBar list={list} keepKeys={['tab']}>
        <Form.Item name="q" label={t.aftersales.search} tooltip={t.aftersales.searchHint}>
          <Input allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="type" label={t.aftersales.type}>
          <Select options={optionsOf(t.aftersales.types)} allowClear placeholder={t.common.all} style={{ width: 140 }} />
        </Form.Item>
        {tab !== 'approval' && (
          <Form.Item name="status" label={t.aftersales.status}>
            <Select options={optionsOf(t.aftersales.statuses)} allowClear placeholder={t.common.all} style={{ width: 140 }} />
          </Form.Item>
        )}
        <Form.Item name="progress" label={t.aftersales.progress}>
          <Select options={optionsOf(t.aftersales.progresses)} allowClear placeholder={t.common.all} style={{ width: 200 }} />
        </Form.Item>
      </FilterBar>
      <ListTable list={list} query={cases} labels={{ q: t.aftersales.search, type: t.aftersales.type, status: t.aftersales.status, progress: t.aftersales.progress }} rowKey="id" columns={columns} />
    </Page>
  );
}
