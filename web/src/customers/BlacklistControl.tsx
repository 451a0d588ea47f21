import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tag } from 'antd';
import { useState } from 'react';
import { useAuth } from '../app/auth';
import { useI18n } from '../app/i18n';
import { LoadError } from '../app/LoadError';
import { ReasonDialog } from '../orders/ReasonDialog';
import { fetchCustomer, setBlacklisted } from './api';

/** The buyer's blacklist mark, and (for customer service) putting them on or taking them off it with a reason. */
export function BlacklistControl({ customerId }: { customerId: number }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const customer = useQuery({ queryKey: ['customer', customerId], queryFn: () => fetchCustomer(customerId), enabled: can('customers.read') });
  if (customer.isError) return <LoadError query={customer} inline />;
  if (!customer.data) return null;
  const listed = customer.data.blacklisted;
  const title = listed ? t.customers.unblacklist : t.customers.blacklist;

  return (
    <Space>
      {listed && <Tag color="black">{t.customers.blacklisted}</Tag>}
      {can('customers.manage') && (
        <Button size="small" danger={!listed} onClick={() => setOpen(true)}>
          {title}
        </Button>
      )}
      <ReasonDialog
        open={open}
        title={title}
        label={t.customers.reason}
        warning={listed ? undefined : t.customers.blacklistWarning}
        danger={!listed}
        onClose={() => setOpen(false)}
        onSubmit={async (reason) => {
          await setBlacklisted(customerId, !listed, reason!);
          void message.success(t.common.saved);
          await queryClient.invalidateQueries({ queryKey: ['customer', customerId] });
        }}
      />
    </Space>
  );
}
