import { useQuery } from '@tanstack/react-query';
import { Drawer, Empty, Spin } from 'antd';
import { AuditTimeline, type AuditEvent } from './AuditTimeline';
import { LoadError } from './LoadError';

interface Props {
  /** What the drawer shows the history of; null = closed. */
  target: { key: string; title: string; load: () => Promise<{ items: AuditEvent[] }> } | null;
  onClose: () => void;
}

/** The audit history of one record (a user, a product) in a side drawer. */
export function AuditDrawer({ target, onClose }: Props) {
  const events = useQuery({ queryKey: ['events', target?.key], queryFn: () => target!.load(), enabled: !!target });
  return (
    <Drawer open={!!target} size={520} title={target?.title} onClose={onClose}>
      {events.isLoading ? <Spin /> : events.isError ? <LoadError query={events} /> : events.data?.items.length ? <AuditTimeline events={events.data.items} /> : <Empty />}
    </Drawer>
  );
}
