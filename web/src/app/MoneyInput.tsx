import { Input, type InputProps } from 'antd';
import { useState } from 'react';
import { fenToYuanText, parseYuan } from './money';

type Props = Omit<InputProps, 'value' | 'onChange'> & {
  /** Fen; NaN while the typed text is not a valid amount (so a form rule can reject it). */
  value?: number;
  onChange?: (fen: number | undefined) => void;
};

/**
 * A 元 input whose form value is integer fen. The typed text is kept as typed ("12.3") and only
 * re-derived from the value when the value changes from outside (e.g. a SKU price prefill).
 */
export function MoneyInput({ value, onChange, ...rest }: Props) {
  const [text, setText] = useState(() => (value === undefined || Number.isNaN(value) ? '' : fenToYuanText(value)));
  // The value the text was last brought in line with: a new one from outside is adopted while rendering.
  const [shownValue, setShownValue] = useState(value);
  if (!Object.is(value, shownValue)) {
    setShownValue(value);
    if (value === undefined) setText('');
    else if (!Number.isNaN(value) && parseYuan(text) !== value) setText(fenToYuanText(value));
  }

  return (
    <Input
      prefix="¥"
      inputMode="decimal"
      {...rest}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === '') return onChange?.(undefined);
        onChange?.(parseYuan(e.target.value) ?? Number.NaN);
      }}
    />
  );
}

/** Form rule for a MoneyInput: rejects text that did not parse and, optionally, negatives. */
export function moneyRule(message: string, { allowNegative = false } = {}) {
  return {
    validator: (_: unknown, value: number | undefined) =>
      value === undefined || (Number.isInteger(value) && (allowNegative || value >= 0)) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}
