import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import type { ListParams } from './list';

interface ListPage<T> {
  items: T[];
  total?: number | null;
  totalCapped?: boolean;
}

type Props<T> = { list: ListParams; query: UseQueryResult<ListPage<T>> } & Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'onChange'>;

/** A list page's table: rows, loading and pagination from its query; page and sort clicks go into the URL. */
export function ListTable<T extends object>({ list, query, ...table }: Props<T>) {
  return (
    <Table<T>
      {...table}
      dataSource={query.data?.items}
      loading={query.isFetching}
      pagination={list.pagination(query.data?.total ?? undefined, query.data?.totalCapped)}
      onChange={list.onTableChange}
    />
  );
}
