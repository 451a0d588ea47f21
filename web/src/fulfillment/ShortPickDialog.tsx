import { Alert, Input, Modal, Radio, Typography, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { reportShortPick, type PickLine, type ShortPickResult } from './pickingApi';
import { LARGE } from './RoundPanels';

/** The key that reports a short pick at the stop the picker stands at (typing digits into the scan box stays free). */
export const SHORT_PICK_KEY = 'F8';

interface ShortPickProps {
  waveId: number;
  /** The bin the picker stands at (null: the SKUs without one) and its name in words. */
  stop: string | null;
  stopName: string;
  /** The lines at the stop with units left to pick; the first is asked about unless another is chosen. */
  lines: PickLine[];
  onDone: (result: ShortPickResult, line: PickLine) => void;
  onCancel: () => void;
}

/**
 * 报缺货, from the keyboard: the count really in the bin, Enter shows what reporting it does, Enter
 * again reports it (a stock discrepancy recorded, the orders that cannot be served sent back to
 * review); typing another count asks again, Esc goes back to picking.
 */
export function ShortPickDialog({ waveId, stop, stopName, lines, onDone, onCancel }: ShortPickProps) {
  const { t } = useI18n();
  const p = t.picking;
  const input = useRef<InputRef>(null);
  const [skuId, setSkuId] = useState(lines[0]!.skuId);
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const line = lines.find((l) => l.skuId === skuId) ?? lines[0]!;
  const remaining = line.quantity - line.done;
  const found = /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;

  async function next() {
    if (saving) return;
    if (found === null) return setProblem(p.shortFoundInvalid);
    if (!confirming) return setConfirming(true);
    setSaving(true);
    try {
      onDone(await reportShortPick(waveId, { binCode: stop ?? undefined, skuCode: line.skuCode, found }), line);
    } catch (err) {
      setConfirming(false);
      setProblem(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  const changed = () => {
    setConfirming(false);
    setProblem(null);
  };
  return (
    <Modal
      open
      title={<span style={{ fontSize: 22 }}>{fill(p.shortTitle, { stop: stopName })}</span>}
      okText={confirming ? p.shortAction : p.shortCheck}
      okButtonProps={{ danger: confirming }}
      confirmLoading={saving}
      onOk={() => void next()}
      onCancel={onCancel}
      afterOpenChange={(opened) => opened && input.current?.focus()}
    >
      {lines.length > 1 && (
        <Radio.Group
          aria-label={p.shortSku}
          value={skuId}
          onChange={(e) => {
            setSkuId(e.target.value as number);
            changed();
            input.current?.focus();
          }}
          options={lines.map((l) => ({ value: l.skuId, label: l.skuCode }))}
          optionType="button"
          style={{ marginBottom: 12 }}
        />
      )}
      <Typography.Paragraph style={LARGE}>{fill(p.shortRemaining, { sku: line.skuCode, name: line.productName, spec: line.spec, n: remaining })}</Typography.Paragraph>
      <label htmlFor="short-pick-found" style={{ fontSize: 18 }}>
        {p.shortFoundLabel}
      </label>
      <Input
        ref={input}
        id="short-pick-found"
        size="large"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        status={problem ? 'error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          changed();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) void next();
        }}
        style={{ marginTop: 8, fontSize: 24, width: 200, display: 'block' }}
      />
      <Typography.Text type="secondary">{confirming ? p.shortConfirmHint : p.shortFoundHint}</Typography.Text>
      {confirming && found !== null && (
        <Alert type="warning" showIcon title={<span style={LARGE}>{fill(p.shortConfirm, { stop: stopName, sku: line.skuCode, remaining, found })}</span>} style={{ marginTop: 12 }} />
      )}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
