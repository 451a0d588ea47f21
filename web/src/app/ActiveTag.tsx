import { Tag } from 'antd';
import { useI18n } from './i18n';

/** 正常 / 已停用 for anything that can be switched off (users, shops, warehouses). */
export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useI18n();
  return active ? <Tag color="green">{t.common.active}</Tag> : <Tag>{t.common.inactive}</Tag>;
}
