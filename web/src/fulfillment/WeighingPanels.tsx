import { BarcodeOutlined, CloseCircleFilled } from '@ant-design/icons';
import { Button, Flex, Result, Space, Typography } from 'antd';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import type { Parcel } from './packingApi';
import { overrideWeight } from './parcelApi';
import { LARGE, ParcelHeading, ParcelLines } from './StationParcel';
import { StationReasonDialog } from './StationReasonDialog';
import type { Mismatch } from './weighingScale';

/** The keys that settle a mismatch from the keyboard (the weight field keeps typing digits). */
export const REPACK_KEY = 'F2';
export const OVERRIDE_KEY = 'F4';

export function ScaleWaitingPanel() {
  const { t } = useI18n();
  return <Result icon={<BarcodeOutlined />} title={<span style={{ fontSize: 32 }}>{t.weighing.waiting}</span>} subTitle={<span style={LARGE}>{t.weighing.waitingHint}</span>} />;
}

interface OnScaleProps {
  parcel: Parcel;
  mismatch: Mismatch | null;
  /** The user may let a mismatch go (fulfillment.override). */
  mayOverride: boolean;
  onRepack: () => void;
  onOverride: () => void;
}

/** The parcel on the scale: its expected weight large, and a weighing that was off in red with what can be done about it. */
export function OnScalePanel({ parcel, mismatch, mayOverride, onRepack, onOverride }: OnScaleProps) {
  const { t } = useI18n();
  const w = t.weighing;
  return (
    <div>
      <ParcelHeading parcel={parcel} testId="weighing-order-no" />
      <Flex align="baseline" gap={16} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={LARGE}>
          {w.expected}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 40 }} data-testid="weighing-expected">
          {fill(t.parcelStation.grams, { n: parcel.expectedGrams ?? 0 })}
        </Typography.Text>
      </Flex>
      {mismatch && <MismatchPanel mismatch={mismatch} mayOverride={mayOverride} onRepack={onRepack} onOverride={onOverride} />}
      <ParcelLines parcel={parcel} />
    </div>
  );
}

/** "重了 81 克" / "轻了 200 克". */
export function differenceText(differenceGrams: number, w: { heavier: string; lighter: string }): string {
  return fill(differenceGrams < 0 ? w.lighter : w.heavier, { n: Math.abs(differenceGrams) });
}

function MismatchPanel({ mismatch, mayOverride, onRepack, onOverride }: { mismatch: Mismatch } & Omit<OnScaleProps, 'parcel' | 'mismatch'>) {
  const { t } = useI18n();
  const w = t.weighing;
  const grams = (n: number) => fill(t.parcelStation.grams, { n });
  const figure = (label: string, value: string, testId: string) => (
    <Space orientation="vertical" size={0}>
      <Typography.Text style={{ ...LARGE, color: '#a8071a' }}>{label}</Typography.Text>
      <Typography.Text strong style={{ fontSize: 36, color: '#a8071a' }} data-testid={testId}>
        {value}
      </Typography.Text>
    </Space>
  );
  const keyHint = (key: string, action: string) => fill(w.keyHint, { key, action });
  return (
    <div role="alert" data-testid="weighing-mismatch" style={{ border: '3px solid #cf1322', background: '#fff1f0', borderRadius: 8, padding: '20px 24px', marginBottom: 16 }}>
      <Typography.Text strong style={{ fontSize: 30, color: '#cf1322' }}>
        <CloseCircleFilled /> {mismatch.earlier ? w.lastMismatch : w.mismatch}
      </Typography.Text>
      <Flex gap={56} wrap style={{ margin: '12px 0 16px' }}>
        {figure(w.expected, grams(mismatch.expectedGrams), 'mismatch-expected')}
        {figure(w.actual, grams(mismatch.grams), 'mismatch-actual')}
        {figure(w.difference, differenceText(mismatch.differenceGrams, w), 'mismatch-difference')}
      </Flex>
      <Space orientation="vertical" size={8} style={LARGE}>
        <span>{w.reweigh}</span>
        <Button size="large" onClick={onRepack}>
          {keyHint(REPACK_KEY, w.repack)}
        </Button>
        {mayOverride ? (
          <Button size="large" danger onClick={onOverride}>
            {keyHint(OVERRIDE_KEY, w.override)}
          </Button>
        ) : (
          <Typography.Text type="secondary" style={LARGE}>
            {w.askSupervisor}
          </Typography.Text>
        )}
      </Space>
    </div>
  );
}

/** Weighed right, or let go by a supervisor: the parcel goes to the door. */
export function PassedPanel({ parcel }: { parcel: Parcel }) {
  const { t } = useI18n();
  const w = t.weighing;
  const overridden = parcel.weightVerdict === 'override';
  return (
    <Result
      status="success"
      title={<span style={{ fontSize: 40 }}>{overridden ? w.overridden : w.passed}</span>}
      subTitle={
        <Space orientation="vertical" size={8} style={LARGE}>
          <span>{parcel.orderNo}</span>
          <Typography.Text strong style={{ fontSize: 32 }} data-testid="weighing-grams">
            {fill(t.parcelStation.grams, { n: parcel.weighedGrams ?? 0 })}
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 28 }}>
            {w.toDoor}
          </Typography.Text>
        </Space>
      }
    />
  );
}

/** Sent back to 验货: the parcel is to be unpacked and every item scanned again. */
export function RepackedPanel({ parcel }: { parcel: Parcel }) {
  const { t } = useI18n();
  const w = t.weighing;
  return (
    <Result
      status="warning"
      title={<span style={{ fontSize: 40 }}>{w.repacked}</span>}
      subTitle={
        <Space orientation="vertical" size={8} style={LARGE}>
          <span>{fill(w.repackedMessage, { orderNo: parcel.orderNo })}</span>
          <Typography.Text strong style={{ fontSize: 28 }}>
            {w.repackedNext}
          </Typography.Text>
        </Space>
      }
    />
  );
}

interface OverrideProps {
  parcel: Parcel;
  mismatch: Mismatch;
  onDone: (parcel: Parcel, reason: string) => void;
  /** The server refused it as a step the parcel can no longer take (intercepted meanwhile). */
  onRefused: (err: unknown) => void;
  onCancel: () => void;
}

/** 主管放行, shown while it is asked for: the reason typed, Enter lets the parcel go, Esc goes back to the scale. */
export function OverrideDialog({ parcel, mismatch, ...outcomes }: OverrideProps) {
  const { t } = useI18n();
  const w = t.weighing;
  const words = { title: fill(w.reasonTitle, { orderNo: parcel.orderNo }), action: w.overrideAction, label: w.reasonLabel, placeholder: w.reasonPlaceholder, hint: w.reasonHint, required: w.reasonRequired };
  const summary = `${w.expected} ${fill(t.parcelStation.grams, { n: mismatch.expectedGrams })} · ${w.actual} ${fill(t.parcelStation.grams, { n: mismatch.grams })} · ${differenceText(mismatch.differenceGrams, w)}`;
  return <StationReasonDialog id="override-reason" words={words} summary={summary} submit={(reason) => overrideWeight(parcel.id, reason)} {...outcomes} />;
}
