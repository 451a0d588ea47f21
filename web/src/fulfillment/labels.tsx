import { Tag } from 'antd';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import type { WaveKind } from './api';

const KIND_COLORS: Record<WaveKind, string> = { single: 'green', multi: 'blue' };

/** 一单一件 / 多件, coloured so the two flows tell apart at a glance. */
export function WaveKindTag({ kind }: { kind: WaveKind }) {
  const { t } = useI18n();
  return <Tag color={KIND_COLORS[kind]}>{labelOf(t.waves.kinds, kind)}</Tag>;
}
