import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Result, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Countdown } from '../app/Countdown';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { QueryTable } from '../app/ListTable';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { fetchCases, type Case, type CaseListQuery, type CaseSummary } from './api';
import { expectedOf, scannedOf, shortLines, type Desk } from './returnDesk';

const LARGE = { fontSize: 22 };
type Line = Case['lines'][number];

export function DeskWaiting() {
  const { t } = useI18n();
  return <Result icon={<InboxOutlined />} title={t.returns.waiting} subTitle={<span style={LARGE}>{t.returns.waitingHint}</span>} />;
}

/** The case on the desk: its numbers, what was scanned of each line (次品 apart) and what is still short. */
export function DeskPanel({ desk, lastOrderItemId }: { desk: Desk; lastOrderItemId: number | null }) {
  const { t } = useI18n();
  const r = t.returns;
  const expected = desk.lines.reduce((n, l) => n + expectedOf(l), 0);
  const short = shortLines(desk).reduce((n, s) => n + s.short, 0);
  const columns: TableColumnsType<Line> = [
    { title: r.colSku, dataIndex: 'skuCode', width: 160 },
    { title: r.colProduct, key: 'product', render: (_, l) => `${l.productName}${l.spec ? ` / ${l.spec}` : ''}` },
    { title: r.colBarcode, dataIndex: 'barcode', width: 170 },
    { title: r.colExpected, key: 'expected', width: 90, align: 'right', render: (_, l) => expectedOf(l) },
    { title: r.colScanned, key: 'scanned', width: 90, align: 'right', render: (_, l) => <strong data-testid={`returns-scanned-${l.skuCode}`}>{scannedOf(desk, l.orderItemId)}</strong> },
    {
      title: r.colDefective,
      key: 'defective',
      width: 100,
      align: 'right',
      render: (_, l) => {
        const n = scannedOf(desk, l.orderItemId, 'defective');
        return n ? <Tag color="orange" data-testid={`returns-defective-${l.skuCode}`}>{n}</Tag> : 0;
      },
    },
  ];
  return (
    <Card>
      <Flex align="baseline" gap={24} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={LARGE}>
          {r.caseNo}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 36 }} data-testid="returns-case-no">
          {desk.caseNo}
        </Typography.Text>
        <Typography.Text style={LARGE}>
          {r.orderNo} {desk.orderNo}
        </Typography.Text>
        {desk.returnTrackingNo && (
          <Typography.Text style={LARGE}>
            {r.returnTrackingNo} {desk.returnTrackingNo}
          </Typography.Text>
        )}
        <Typography.Text strong style={{ fontSize: 28 }} data-testid="returns-progress">
          {fill(r.progress, { scanned: desk.units.length, expected })}
        </Typography.Text>
        {short > 0 ? <Tag color="red" style={LARGE}>{fill(r.shortBadge, { n: short })}</Tag> : <Tag color="green" style={LARGE}>{r.allIn}</Tag>}
      </Flex>
      <Table<Line>
        rowKey="orderItemId"
        columns={columns}
        dataSource={desk.lines}
        pagination={false}
        size="large"
        rowClassName={(l) => (l.orderItemId === lastOrderItemId ? 'ant-table-row-selected' : '')}
      />
    </Card>
  );
}

/** The return just signed for: what it is worth to refund, and how the rules got there. */
export function SettledPanel({ signed }: { signed: Case }) {
  const { t } = useI18n();
  const r = t.returns;
  const s = signed.settlement;
  return (
    <Card title={<span style={LARGE}>{fill(r.settledTitle, { caseNo: signed.caseNo })}</span>} style={{ marginBottom: 16 }} data-testid="returns-settlement">
      {s && (
        <Descriptions
          column={5}
          size="middle"
          items={[
            { key: 'amount', label: r.settlementAmount, children: <Typography.Text strong style={{ fontSize: 28 }}>{formatFen(s.amount)}</Typography.Text> },
            { key: 'goods', label: r.settlementGoods, children: formatFen(s.goods) },
            { key: 'shipping', label: r.settlementShipping, children: formatFen(s.shipping) },
            { key: 'deducted', label: r.settlementDeducted, children: formatFen(s.shippingDeducted) },
            { key: 'returnShipping', label: r.settlementReturnShipping, children: formatFen(s.returnShipping) },
          ]}
        />
      )}
      <Typography.Text type="secondary" style={LARGE}>
        {r.next}
      </Typography.Text>
    </Card>
  );
}

const PAGE_SIZE = 10;

/** One paged list of cases for the desk (awaiting return, overdue receipts). */
function CaseQueue({ title, query, extra, testId }: { title: string; query: Partial<CaseListQuery>; extra: TableColumnsType<CaseSummary>; testId: string }) {
  const { t } = useI18n();
  const r = t.returns;
  const [page, setPage] = useState(1);
  const cases = useQuery({ queryKey: ['aftersalesCases', 'returns', query, page], queryFn: () => fetchCases({ ...query, page, pageSize: PAGE_SIZE }), placeholderData: (previous) => previous });
  const columns: TableColumnsType<CaseSummary> = [
    { title: r.caseNo, dataIndex: 'caseNo', width: 170, render: (no: string, c) => <Link to={`/aftersales/${c.id}`}>{no}</Link> },
    { title: r.orderNo, dataIndex: 'orderNo', width: 180 },
    { title: r.returnTrackingNo, dataIndex: 'returnTrackingNo', width: 180 },
    ...extra,
  ];
  return (
    <Card title={title} size="small" style={{ marginTop: 16 }} data-testid={testId}>
      <QueryTable<CaseSummary>
        query={cases}
        rowKey="id"
        size="small"
        columns={columns}
        locale={{ emptyText: r.nothing }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: cases.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Card>
  );
}

/** Cases whose goods are awaited, and returns signed for more than 24 h ago with nothing refunded (逾期), so they surface. */
export function ReturnQueues() {
  const { t } = useI18n();
  const r = t.returns;
  return (
    <>
      <CaseQueue
        title={r.overdueTitle}
        testId="returns-overdue"
        query={{ progress: 'return_unrefunded' }}
        extra={[
          { title: r.receivedAt, dataIndex: 'receivedAt', width: 170, render: formatTime },
          { title: r.deadline, key: 'deadline', render: (_, c) => <Countdown dueAt={c.deadline} warnWithinMs={0} /> },
          { title: r.settlementAmount, key: 'amount', align: 'right', render: (_, c) => (c.settlement ? formatFen(c.settlement.amount) : '') },
        ]}
      />
      <CaseQueue title={r.awaitingTitle} testId="returns-awaiting" query={{ status: 'awaiting_return' }} extra={[{ title: t.aftersales.reason, dataIndex: 'reason', ellipsis: true }]} />
    </>
  );
}
