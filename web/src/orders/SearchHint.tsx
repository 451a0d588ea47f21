import { Empty } from 'antd';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import type { SearchKind } from './api';

/** The order list's empty state after a search: what the search box looked the text up as (按 手机尾号 7927、昵称“7927” 查找，没有找到订单). */
export function SearchHint({ q, searchedAs }: { q: string; searchedAs: SearchKind[] }) {
  const { t } = useI18n();
  const what = searchedAs.map((kind) => fill(t.orders.searchKinds[kind], { q: q.trim() })).join('、');
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={fill(t.orders.searchNotFound, { what })} />;
}
