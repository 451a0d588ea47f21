import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import type { FieldLabels } from './errorText';
import type { ListParams } from './list';
import { LoadError } from './LoadError';

interface ListPage<T> {
  items: T[];
  total?: number | null;
  totalCapped?: boolean;
}

type QueryTableProps<T> = {
  query: UseQueryResult<{ items: T[] }>;
  /** Names the query's parameters (the filters) if the server refuses them. */
  labels?: FieldLabels;
} & Omit<TableProps<T>, 'dataSource' | 'loading'>;

/**
 * A table of a query's rows. When the query failed it shows why and 重试 where the rows would be
 * (never the empty state, and no rows from before the failure); an empty answer still reads 暂无数据.
 */
export function QueryTable<T extends object>({ query, labels, locale, pagination, ...table }: QueryTableProps<T>) {
  const failed = query.isError;
  return (
    <Table<T>
      {...table}
      dataSource={failed ? [] : query.data?.items}
      loading={query.isFetching}
      pagination={failed ? false : pagination}
      locale={failed ? { ...locale, emptyText: <LoadError query={query} labels={labels} /> } : locale}
    />
  );
}

type Props<T> = {
  list: ListParams;
  query: UseQueryResult<ListPage<T>>;
  /** The total where the query's answer left it out (counted elsewhere). */
  total?: { count: number; capped: boolean };
} & Omit<QueryTableProps<T>, 'query' | 'pagination' | 'onChange'>;

/** A list page's table: rows, loading, load errors and pagination from its query; page and sort clicks go into the URL. */
export function ListTable<T extends object>({ list, query, total, ...table }: Props<T>) {
  const pagination = total ? list.pagination(total.count, total.capped) : list.pagination(query.data?.total ?? undefined, query.data?.totalCapped);
  return <QueryTable<T> {...table} query={query} pagination={pagination} onChange={list.onTableChange} />;
}
