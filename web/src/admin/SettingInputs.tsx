import { InputNumber, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../app/i18n';
import { minutesShown, parseDuration, toMinutes, formatSettingNumber, type UnitWords } from './settingUnits';

interface ValueProps<T> {
  id?: string;
  value?: T;
  onChange?: (value: T | undefined) => void;
  disabled?: boolean;
}

/** The unit words of the current language. */
export function useUnitWords(): UnitWords {
  return useI18n().t.settings.units;
}

/**
 * A duration stored in minutes, typed in minutes or hours: it opens in hours when the value is
 * whole hours (1440 → 24 小时); changing the unit keeps the typed number.
 */
export function MinutesInput({ id, value, onChange, disabled }: ValueProps<number>) {
  const words = useUnitWords();
  const [unit, setUnit] = useState(() => (value === undefined ? 'minutes' : minutesShown(value).unit));
  const amount = value === undefined ? undefined : unit === 'hours' ? value / 60 : value;
  const emit = (typed: number | null, shownUnit: 'minutes' | 'hours') => onChange?.(typed === null ? undefined : (toMinutes(typed, shownUnit) ?? Number.NaN));
  return (
    <Space.Compact>
      <InputNumber id={id} disabled={disabled} min={0} value={amount} onChange={(typed) => emit(typed, unit)} style={{ width: 140 }} />
      <Select
        disabled={disabled}
        value={unit}
        aria-label={words.minutes + ' / ' + words.hours}
        onChange={(next: 'minutes' | 'hours') => {
          setUnit(next);
          if (amount !== undefined) emit(amount, next);
        }}
        options={[
          { value: 'minutes', label: words.minutes },
          { value: 'hours', label: words.hours },
        ]}
        style={{ width: 90 }}
      />
    </Space.Compact>
  );
}

/** A list of durations stored in minutes (催付时间点): each tag shown as staff think of it, typed as "30分钟" or "12小时". */
export function MinutesListInput({ id, value, onChange, disabled, placeholder }: ValueProps<number[]> & { placeholder: string }) {
  const words = useUnitWords();
  return (
    <Select
      id={id}
      mode="tags"
      disabled={disabled}
      open={false}
      suffixIcon={null}
      placeholder={placeholder}
      value={value}
      onChange={(entries: (number | string)[]) => onChange?.(entries.map((e) => (typeof e === 'number' ? e : parseDuration(e))).filter((m): m is number => m !== undefined))}
      tagRender={({ value: minutes, closable, onClose }) => (
        <Tag closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }}>
          {formatSettingNumber(Number(minutes), 'minutes', words)}
        </Tag>
      )}
      style={{ maxWidth: 640 }}
    />
  );
}
