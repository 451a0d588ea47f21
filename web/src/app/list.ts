import type { TablePaginationConfig } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from './i18n';
import { fill } from './locales/zh';

const PAGING_KEYS = ['page', 'pageSize', 'sort'];

export type Filters = Record<string, string>;

/** The part of antd's SorterResult this hook reads (any row type fits). */
interface Sorter {
  columnKey?: React.Key;
  field?: React.Key | readonly React.Key[];
  order?: 'ascend' | 'descend' | null;
}

export interface ListParams {
  page: number;
  pageSize: number;
  /** "createdAt" ascending, "-createdAt" descending; undefined = the server's default order. */
  sort: string | undefined;
  filters: Filters;
  /** page, pageSize, sort and filters together (a query key, or an API query string). */
  query: Record<string, string | number>;
  applyFilters: (values: Record<string, unknown>) => void;
  /** Pagination for an antd Table given the total the server reported (capped: "10000+"). */
  pagination: (total: number | undefined, capped?: boolean) => TablePaginationConfig;
  /** Table onChange: turns page and sorter clicks into URL changes. */
  onTableChange: (paging: TablePaginationConfig, filters: unknown, sorter: Sorter | Sorter[]) => void;
  /** Sorting props for a column whose sort key is `key`: its order from the URL, flipping between the two directions. */
  sortable(key: string): { key: string; sorter: true; sortOrder: 'ascend' | 'descend' | null; sortDirections: ('ascend' | 'descend')[] };
}

function isEmpty(value: unknown) {
  return value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

/**
 * A list page's filters, page, page size and sort, kept in the URL query string so that refresh,
 * back/forward and a shared link all show the same list.
 */
export function useListParams(defaults: { pageSize?: number; sort?: string } = {}): ListParams {
  const [search, setSearch] = useSearchParams();
  const { t } = useI18n();

  const page = Number(search.get('page')) || 1;
  const pageSize = Number(search.get('pageSize')) || defaults.pageSize || 20;
  const sort = search.get('sort') ?? defaults.sort;
  const searchKey = search.toString();
  const filters = useMemo(() => {
    const out: Filters = {};
    for (const [key, value] of new URLSearchParams(searchKey)) if (!PAGING_KEYS.includes(key)) out[key] = value;
    return out;
  }, [searchKey]);

  const update = useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(searchKey);
      change(next);
      setSearch(next);
    },
    [searchKey, setSearch],
  );

  const applyFilters = useCallback(
    (values: Record<string, unknown>) =>
      update((next) => {
        for (const key of [...next.keys()]) if (!PAGING_KEYS.includes(key)) next.delete(key);
        for (const [key, value] of Object.entries(values)) if (!isEmpty(value)) next.set(key, Array.isArray(value) ? value.join(',') : String(value));
        next.delete('page');
      }),
    [update],
  );

  const onTableChange = useCallback<ListParams['onTableChange']>(
    (paging, _filters, sorter) => {
      update((next) => {
        const single = Array.isArray(sorter) ? sorter[0] : sorter;
        const key = single?.columnKey ?? single?.field;
        const newSort = single?.order && key ? `${single.order === 'descend' ? '-' : ''}${Array.isArray(key) ? key.join('.') : String(key)}` : undefined;
        if (newSort !== (next.get('sort') ?? defaults.sort)) {
          if (newSort && newSort !== defaults.sort) next.set('sort', newSort);
          else next.delete('sort');
          next.delete('page');
          return;
        }
        if (paging.current && paging.current !== 1) next.set('page', String(paging.current));
        else next.delete('page');
        if (paging.pageSize && paging.pageSize !== (defaults.pageSize || 20)) next.set('pageSize', String(paging.pageSize));
        else next.delete('pageSize');
      });
    },
    [update, defaults.pageSize, defaults.sort],
  );

  return {
    page,
    pageSize,
    sort,
    filters,
    query: { ...filters, page, pageSize, ...(sort && { sort }) },
    applyFilters,
    onTableChange,
    pagination: (total, capped = false) => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      showTotal: (n) => fill(t.common.total, { n: capped ? `${n}+` : n }),
    }),
    // the repeated 'descend' makes antd flip ascend ⇄ descend instead of clearing the sort on the third click
    sortable: (key) => ({ key, sorter: true, sortOrder: sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null, sortDirections: ['descend', 'ascend', 'descend'] }),
  };
}
