import { CheckCircleFilled, EnvironmentOutlined } from '@ant-design/icons';
import { Flex, Result, Space, Table, Typography, type TableColumnType } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { isLeft, linesAt, nextStop, type Position, type RoundLine } from './binRound';

/** Read from an arm's length, a cart or a shelf away. */
export const LARGE: CSSProperties = { fontSize: 22 };

/** A line as 配货 and 回库 show it: the SKU with its product and spec. */
export type ShownLine = RoundLine & { productName: string; spec: string };

/** What 配货 and 回库 say about a round, in words. */
export function useRoundWords() {
  const { t } = useI18n();
  const r = t.round;
  /** Where to go next: the next bin to scan, or the SKUs without one. */
  const goNext = (lines: readonly RoundLine[]) => {
    const stop = nextStop(lines);
    return stop === undefined ? '' : stop === null ? r.noBinNext : fill(r.goTo, { bin: stop });
  };
  return {
    stopName: (stop: string | null) => (stop === null ? r.noBin : fill(r.binName, { bin: stop })),
    goNext,
    /** What is still to do at a stop: "CUP 1 件、LID 2 件". */
    itemsAt: (lines: readonly RoundLine[], stop: Position) =>
      linesAt(lines, stop)
        .filter(isLeft)
        .map((l) => fill(r.item, { sku: l.skuCode, n: l.quantity - l.done }))
        .join('、'),
    /** An item's answer, and where to go next when it finished its stop (`stopDone` a template with {next}). */
    afterTaking: (lines: readonly RoundLine[], taken: RoundLine, said: string, stopDone: string) =>
      linesAt(lines, taken.binCode).some(isLeft) ? said : `${said}；${fill(stopDone, { next: goNext(lines) })}`,
  };
}

const LIT = '#b7eb8f';
const DONE = '#f6ffed';

/** The stop large: the bin (or the SKUs without one), whether the worker is there or is to go there, and what is taken or put back there. */
export function StopPanel<L extends ShownLine>({ lines, stop, here, lastSkuId, count }: { lines: readonly L[]; stop: Position; here: boolean; lastSkuId: number | null; count: (line: L) => string }) {
  const { t } = useI18n();
  const r = t.round;
  if (stop === undefined) return null;
  return (
    <div data-testid="round-stop" style={{ border: `2px solid ${here ? '#1677ff' : '#d9d9d9'}`, borderRadius: 8, padding: '16px 24px', marginBottom: 16 }}>
      <Flex align="baseline" gap={24} wrap>
        <Typography.Text type="secondary" style={LARGE}>
          <EnvironmentOutlined /> {here ? r.atStop : r.goToStop}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 44 }} data-testid="round-stop-bin">
          {stop ?? r.noBin}
        </Typography.Text>
        {stop === null && <span style={LARGE}>{r.noBinHint}</span>}
      </Flex>
      {linesAt(lines, stop).map((line) => (
        <Flex
          key={line.skuId}
          align="baseline"
          gap={24}
          wrap
          style={{ padding: '8px 12px', marginTop: 8, borderRadius: 6, background: line.skuId === lastSkuId ? LIT : line.done >= line.quantity ? DONE : undefined }}
        >
          <Typography.Text strong style={{ fontSize: 30 }}>
            {line.skuCode}
          </Typography.Text>
          <span style={LARGE}>{`${line.productName} ${line.spec}`}</span>
          <Typography.Text strong style={{ fontSize: 30 }}>
            {line.done >= line.quantity && <CheckCircleFilled style={{ color: '#52c41a', marginRight: 8 }} />}
            {count(line)}
          </Typography.Text>
        </Flex>
      ))}
    </div>
  );
}

/** The whole round along the route, the stop shown lit. */
export function RoundTable<L extends ShownLine>({ lines, stop, count, countTitle }: { lines: readonly L[]; stop: Position; count: (line: L) => string; countTitle: string }) {
  const { t } = useI18n();
  const r = t.round;
  const lit = (column: TableColumnType<L>): TableColumnType<L> => ({
    ...column,
    onCell: (line) => ({ style: { background: stop !== undefined && line.binCode === stop ? '#e6f4ff' : line.done >= line.quantity ? DONE : undefined } }),
  });
  const columns = [
    lit({ title: r.bin, key: 'bin', render: (_, line) => line.binCode ?? r.noBin }),
    lit({ title: r.skuCode, dataIndex: 'skuCode' }),
    lit({ title: r.product, dataIndex: 'productName' }),
    lit({ title: r.spec, dataIndex: 'spec' }),
    lit({ title: countTitle, key: 'count', align: 'right', render: (_, line) => <Typography.Text strong>{count(line)}</Typography.Text> }),
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>{r.route}</Typography.Title>
      <Table rowKey="skuId" size="middle" columns={columns} dataSource={[...lines]} pagination={false} />
    </Space>
  );
}

/** The round done: 配货完成 / 回库完成, and what to scan next. */
export function RoundDonePanel({ title, hint, next }: { title: string; hint: string; next: string }) {
  return (
    <Result
      status="success"
      title={<span style={{ fontSize: 40 }}>{title}</span>}
      subTitle={
        <Space orientation="vertical" size={8} style={LARGE}>
          <span>{hint}</span>
          <Typography.Text strong style={{ fontSize: 28 }}>
            {next}
          </Typography.Text>
        </Space>
      }
    />
  );
}

/** Before the first scan: what to scan. */
export function RoundWaitingPanel({ icon, title, hint }: { icon: ReactNode; title: string; hint: string }) {
  return <Result icon={icon} title={<span style={{ fontSize: 32 }}>{title}</span>} subTitle={<span style={LARGE}>{hint}</span>} />;
}
