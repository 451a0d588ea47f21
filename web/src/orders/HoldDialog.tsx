import { useQuery } from '@tanstack/react-query';
import { App, Input, Modal, Typography, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { useAuth } from '../app/auth';
import { useShowError } from '../app/errors';
import { useI18n } from '../app/i18n';
import { LoadError } from '../app/LoadError';
import { fetchHoldPresets, holdOrder } from './api';
import { presetKey } from './holdPresetKeys';
import { useRefreshAfterOrderChange } from './refresh';

const optionStyle = (active: boolean) => ({
  padding: '6px 10px',
  borderRadius: 6,
  cursor: 'pointer',
  background: active ? '#e6f4ff' : undefined,
  outline: active ? '2px solid #1677ff' : undefined,
  outlineOffset: -2,
});

/**
 * Hold with a reason (挂起): one of the usual reasons the supervisor keeps in settings, picked by its
 * number or the arrows and Enter, or typed. Shared by the order page and the review queue's "h".
 */
export function HoldDialog(props: { orderId: number | null; onClose: () => void }) {
  // a fresh choice for each order held
  return <HoldModal key={props.orderId ?? 'closed'} {...props} />;
}

function HoldModal({ orderId, onClose }: { orderId: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useShowError();
  const refresh = useRefreshAfterOrderChange();
  const open = orderId !== null;
  const presets = useQuery({ queryKey: ['hold-presets'], queryFn: fetchHoldPresets, enabled: can('orders.hold'), staleTime: 60_000 });
  const items = presets.data?.items ?? [];
  const [active, setActive] = useState(0);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<InputRef>(null);

  // once open; unless a key typed meanwhile (0) already went to the reason field
  const focusStart = () => {
    if (document.activeElement === inputRef.current?.input) return;
    (items.length > 0 ? listRef.current : inputRef.current)?.focus();
  };

  async function submit(reason: string) {
    if (busy || !reason.trim()) return;
    setBusy(true);
    try {
      await holdOrder(orderId!, reason.trim());
      void message.success(t.orders.held);
      await refresh();
      onClose();
    } catch (err) {
      showError(err, undefined, { reason: t.orders.holdReason });
    } finally {
      setBusy(false);
    }
  }

  // on the whole dialog, so a number typed right after "h" counts before the list has the focus
  function onDialogKey(event: React.KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (['INPUT', 'TEXTAREA'].includes(target.tagName) || target.closest('.ant-modal-footer')) return;
    const result = presetKey(event.key, active, items.length);
    if (!result) return;
    event.preventDefault();
    if (result.kind === 'pick') setActive(result.index);
    else if (result.kind === 'submit') void submit(items[result.index]!);
    else inputRef.current?.focus();
  }

  return (
    <Modal
      open={open}
      title={t.orders.hold}
      okText={t.orders.hold}
      confirmLoading={busy}
      okButtonProps={{ disabled: active < 0 && !text.trim() }}
      onOk={() => void submit(active >= 0 ? (items[active] ?? '') : text)}
      onCancel={onClose}
      // keyboard users (the review queue's "h") choose straight away
      afterOpenChange={(visible) => visible && focusStart()}
      destroyOnHidden
      modalRender={(node) => <div onKeyDown={onDialogKey}>{node}</div>}
    >
      {presets.isError && <LoadError query={presets} inline />}
      {items.length > 0 ? (
        <>
          <Typography.Text type="secondary">{t.orders.holdPresets}</Typography.Text>
          <div ref={listRef} role="listbox" aria-label={t.orders.holdPresets} tabIndex={0} style={{ margin: '8px 0 16px', outline: 'none' }}>
            {items.map((reason, i) => (
              <div key={reason} role="option" aria-selected={i === active} style={optionStyle(i === active)} onClick={() => setActive(i)} onDoubleClick={() => void submit(reason)}>
                {i < 9 ? `${i + 1}. ` : ''}
                {reason}
              </div>
            ))}
          </div>
        </>
      ) : (
        presets.isSuccess && <Typography.Paragraph type="secondary">{t.orders.holdNoPresets}</Typography.Paragraph>
      )}
      <Input
        ref={inputRef}
        aria-label={t.orders.holdOther}
        addonBefore={items.length > 0 ? `0. ${t.orders.holdOther}` : t.orders.holdReason}
        placeholder={t.orders.holdOtherPlaceholder}
        maxLength={200}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onFocus={() => setActive(-1)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit(text);
          } else if (e.key === 'ArrowUp' && items.length > 0) {
            e.preventDefault();
            setActive(items.length - 1);
            listRef.current?.focus();
          }
        }}
      />
    </Modal>
  );
}
