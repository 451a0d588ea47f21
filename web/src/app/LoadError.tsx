import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Result } from 'antd';
import { useEffect, useEffectEvent } from 'react';
import { errorText, type FieldLabels } from './errorText';
import { useI18n } from './i18n';
import { fill } from './locales/zh';

/** The part of a TanStack query a load error needs (any useQuery result fits). */
export interface LoadState {
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

function RetryButton({ query }: { query: LoadState }) {
  const { t } = useI18n();
  return (
    <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => void query.refetch()}>
      {t.errors.retry}
    </Button>
  );
}

interface Props {
  query: LoadState;
  /** Names the query's parameters (a list's filters) when the server refuses them. */
  labels?: FieldLabels;
  /** A one-line alert for a small part of a page (a mark beside a field) instead of the block. */
  inline?: boolean;
}

/**
 * What a page, list or panel shows when its query failed, in place of its content — never the empty
 * state: 加载失败, why (the server's message, 无法连接服务器, the HTTP status) and 重试.
 */
export function LoadError({ query, labels, inline }: Props) {
  const { t } = useI18n();
  const reason = errorText(query.error, t, labels);
  if (inline) return <Alert type="error" showIcon title={fill(t.errors.loadFailedWith, { reason })} action={<RetryButton query={query} />} />;
  return <Result status="error" title={t.errors.loadFailed} subTitle={reason} extra={<RetryButton query={query} />} />;
}

/**
 * For data a page leans on without showing it as its own list (the shops behind a select and a
 * column, the divisions of an address form): a notice that stays until the data loads, with 重试.
 * `what` names the data ("店铺列表"); one notice per `what`, however many components use it.
 */
export function useLoadErrorNotice(query: LoadState, what: string) {
  const { notification } = App.useApp();
  const { t } = useI18n();
  const key = `load-error:${what}`;
  const reason = query.error ? errorText(query.error, t) : null;

  const showNotice = useEffectEvent((why: string) =>
    notification.error({ key, title: fill(t.errors.loadFailedOf, { what }), description: why, actions: <RetryButton query={query} />, duration: false }),
  );
  useEffect(() => {
    if (!reason) {
      notification.destroy(key);
      return;
    }
    // shown again, with the query as it is now, when the reason or the retry's progress changes
    showNotice(reason);
  }, [reason, query.isFetching, key, notification]);

  useEffect(() => () => notification.destroy(key), [key, notification]);
}
