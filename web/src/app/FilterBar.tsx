import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Form, Space } from 'antd';
import { useEffect, useEffectEvent, useState, type ReactNode } from 'react';
import { useI18n } from './i18n';
import type { Filters, ListParams } from './list';

interface Props {
  list: ListParams;
  children: ReactNode;
  /** URL filters → form values (e.g. two dates → one range); identity by default. */
  toForm?: (filters: Filters) => Record<string, unknown>;
  /** Form values → URL filters; identity by default. */
  fromForm?: (values: Record<string, unknown>) => Record<string, unknown>;
  /** Less used filters, behind "more filters"; shown from the start when one of `moreKeys` is in use. */
  more?: ReactNode;
  moreKeys?: string[];
  /** URL keys the page sets outside the form (a tab): searching and resetting keep them. */
  keepKeys?: string[];
}

/** The filter row above a list: submits into the URL (see useListParams) and follows it back. */
export function FilterBar({ list, children, toForm = (f) => f, fromForm = (v) => v, more, moreKeys = [], keepKeys = [] }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [expanded, setExpanded] = useState(() => moreKeys.some((key) => list.filters[key]));
  const filtersKey = JSON.stringify(list.filters);
  const kept = () => Object.fromEntries(keepKeys.flatMap((key) => (list.filters[key] ? [[key, list.filters[key]]] : [])));
  const showFilters = useEffectEvent(() => {
    form.resetFields();
    form.setFieldsValue(toForm(list.filters));
  });

  // The form follows the URL: refilled when the filters in it change, not on every render.
  useEffect(() => showFilters(), [filtersKey]);

  return (
    <Form form={form} name="filters" layout="inline" onFinish={(values) => list.applyFilters({ ...fromForm(values), ...kept() })} style={{ marginBottom: 16, rowGap: 8 }}>
      {children}
      {expanded && more}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t.common.search}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              list.applyFilters(kept());
            }}
          >
            {t.common.reset}
          </Button>
          {more && (
            <Button type="link" icon={expanded ? <UpOutlined /> : <DownOutlined />} iconPlacement="end" onClick={() => setExpanded(!expanded)}>
              {expanded ? t.common.fewerFilters : t.common.moreFilters}
            </Button>
          )}
        </Space>
      </Form.Item>
    </Form>
  );
}
