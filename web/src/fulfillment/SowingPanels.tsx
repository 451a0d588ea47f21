import { CheckCircleFilled } from '@ant-design/icons';
import { Flex, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { LARGE } from './RoundPanels';
import type { SowingWall, SowResult, WallSlot } from './sowingApi';
import { SLOT_STATES, slotsIn, slotState, slotUnits, WALL_PAGE, type SlotState } from './sowingWall';

/** How each state looks on the wall: the tag's colour, the cell's background and border. */
const LOOKS: Record<SlotState, { tag: string; background: string; border: string }> = {
  empty: { tag: 'default', background: '#fafafa', border: '#d9d9d9' },
  sowing: { tag: 'processing', background: '#e6f4ff', border: '#91caff' },
  full: { tag: 'success', background: '#f6ffed', border: '#52c41a' },
  packing: { tag: 'warning', background: '#fffbe6', border: '#ffd666' },
  intercepted: { tag: 'error', background: '#fff1f0', border: '#ff4d4f' },
};

function StateTag({ state, large }: { state: SlotState; large?: boolean }) {
  const { t } = useI18n();
  return (
    <Tag color={LOOKS[state].tag} style={large ? { fontSize: 22, padding: '6px 14px' } : undefined} data-testid="sowing-slot-state">
      {t.sowing.states[state]}
    </Tag>
  );
}

/**
 * The slot the last item went into, lit large for the sower across the wall: its number, the
 * order, the item with its line's sown/needed and the slot's state; a full slot says 可打包.
 */
export function LitSlotPanel({ sown, slot }: { sown: SowResult; slot: WallSlot | undefined }) {
  const { t } = useI18n();
  const s = t.sowing;
  const state: SlotState = slot ? slotState(slot) : sown.slotFull ? 'full' : 'sowing';
  const { line } = sown;
  return (
    <div data-testid="sowing-lit" style={{ background: '#f6ffed', border: '3px solid #52c41a', borderRadius: 8, padding: '20px 32px', marginBottom: 16 }}>
      <Flex align="center" gap={40} wrap>
        <Typography.Text strong style={{ fontSize: 96, lineHeight: 1, color: '#389e0d' }} data-testid="sowing-lit-slot">
          {fill(s.slotNo, { slot: sown.slot })}
        </Typography.Text>
        <Space orientation="vertical" size={8}>
          <Flex align="baseline" gap={16} wrap>
            <Typography.Text type="secondary" style={LARGE}>
              {s.orderNo}
            </Typography.Text>
            <Typography.Text strong style={{ fontSize: 32 }}>
              {sown.orderNo}
            </Typography.Text>
            <StateTag state={state} large />
          </Flex>
          <Flex align="baseline" gap={24} wrap>
            <Typography.Text strong style={{ fontSize: 30 }}>
              {line.skuCode}
            </Typography.Text>
            <span style={LARGE}>{`${line.productName} ${line.spec}`}</span>
            <Typography.Text strong style={{ fontSize: 30 }} data-testid="sowing-lit-count">
              {line.sown >= line.needed && <CheckCircleFilled style={{ color: '#52c41a', marginRight: 8 }} />}
              {fill(s.lineCount, { sown: line.sown, needed: line.needed })}
            </Typography.Text>
          </Flex>
        </Space>
      </Flex>
      {sown.slotFull && (
        <div role="status" style={{ background: '#52c41a', color: '#fff', borderRadius: 8, padding: '16px 24px', marginTop: 16 }}>
          <div style={{ fontSize: 44, fontWeight: 700 }} data-testid="sowing-ready">
            <CheckCircleFilled /> {s.readyToPack}
          </div>
          <div style={LARGE}>{s.readyHint}</div>
        </div>
      )}
    </div>
  );
}

/** A refused item, the whole panel red: why in one word (错货, 多货, 拦截 …), the server's sentence, and what to do with the item. */
export function RefusedPanel({ code, message }: { code: string; message: string }) {
  const { t } = useI18n();
  const s = t.sowing;
  const known = code in s.refusals ? (code as keyof typeof s.refusals) : null;
  return (
    <div role="alert" data-testid="sowing-refused" style={{ background: '#cf1322', color: '#fff', padding: '28px 32px', borderRadius: 8, marginBottom: 16 }}>
      <div style={{ fontSize: 44, fontWeight: 700 }}>{known ? s.refusals[known] : s.refused}</div>
      <div style={{ fontSize: 24, marginTop: 8 }}>{message}</div>
      {known && <div style={{ fontSize: 22, marginTop: 12, opacity: 0.9 }}>{s.refusalHints[known]}</div>}
    </div>
  );
}

export interface WallView {
  state: SlotState | null;
  page: number;
}

function SlotCell({ slot, lit }: { slot: WallSlot; lit: boolean }) {
  const { t } = useI18n();
  const state = slotState(slot);
  const { sown, needed } = slotUnits(slot);
  const look: CSSProperties = {
    background: LOOKS[state].background,
    border: `${lit ? 4 : 2}px solid ${lit ? '#1677ff' : LOOKS[state].border}`,
    borderRadius: 8,
    padding: '8px 12px',
  };
  return (
    <div style={look} data-testid={`sowing-slot-${slot.slot}`}>
      <Flex justify="space-between" align="baseline">
        <Typography.Text strong style={{ fontSize: 30 }}>
          {slot.slot}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 20 }} data-testid="sowing-slot-count">
          {fill(t.sowing.slotCount, { sown, needed })}
        </Typography.Text>
      </Flex>
      <Flex justify="space-between" align="center" gap={4}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {slot.orderNo}
        </Typography.Text>
        <StateTag state={state} />
      </Flex>
    </div>
  );
}

/** The wall: a grid of slots with each one's progress (n/m) and state, filtered by state, a page at a time; the slot just lit outlined. */
export function WallGrid({ wall, lit, view, onView }: { wall: SowingWall; lit: number | null; view: WallView; onView: (view: WallView) => void }) {
  const { t } = useI18n();
  const s = t.sowing;
  const shown = slotsIn(wall, view.state);
  const options = [
    { value: 'all', label: `${s.all} ${wall.slots.length}` },
    ...SLOT_STATES.map((state) => ({ value: state, label: `${s.states[state]} ${slotsIn(wall, state).length}` })),
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Flex align="center" gap={16} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {s.wall}
        </Typography.Title>
        <Segmented options={options} value={view.state ?? 'all'} onChange={(value) => onView({ state: value === 'all' ? null : (value as SlotState), page: 1 })} />
      </Flex>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: 8 }}>
        {shown.slice((view.page - 1) * WALL_PAGE, view.page * WALL_PAGE).map((slot) => (
          <SlotCell key={slot.slot} slot={slot} lit={slot.slot === lit} />
        ))}
      </div>
      <Pagination current={view.page} pageSize={WALL_PAGE} total={shown.length} hideOnSinglePage showSizeChanger={false} onChange={(page) => onView({ ...view, page })} />
    </Space>
  );
}
