import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../app/i18n';
import { useApiMutation } from '../app/useApiMutation';
import { addRemark, FLAGS, type Flag } from './api';
import { FlagLabel } from './labels';
import { useRefreshAfterOrderChange } from './refresh';

interface Values {
  flag: Flag;
  content: string;
  promiseDate?: Dayjs;
}

/** A seller remark with its flag (green holds the order; the server does that). */
export function RemarkForm({ orderId }: { orderId: number }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const refresh = useRefreshAfterOrderChange();
  const add = useApiMutation(
    (values: Values) => addRemark(orderId, { flag: values.flag, content: values.content, ...(values.promiseDate && { promiseDate: values.promiseDate.format('YYYY-MM-DD') }) }),
    {
      success: t.orders.remarkAdded,
      form,
      labels: { flag: t.orders.flag, content: t.orders.remarkContent, promiseDate: t.orders.promiseDate },
      onSuccess: () => {
        form.resetFields();
        void refresh();
      },
    },
  );
  return (
    <Form form={form} name="remark" layout="vertical" initialValues={{ flag: 'grey' }} onFinish={(values) => add.mutate(values)}>
      <Space align="start" wrap>
        <Form.Item name="flag" label={t.orders.flag} rules={[{ required: true, message: t.common.required }]}>
          <Select style={{ width: 260 }} options={FLAGS.map((flag) => ({ value: flag, label: <FlagLabel flag={flag} />, title: t.flags[flag] }))} />
        </Form.Item>
        <Form.Item name="promiseDate" label={t.orders.promiseDate}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="content" label={t.orders.remarkContent} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder={t.orders.remarkPlaceholder} />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending}>
        {t.orders.addRemark}
      </Button>
    </Form>
  );
}
