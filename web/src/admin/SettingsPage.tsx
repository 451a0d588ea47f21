import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, Select, Spin, Switch, type FormItemProps } from 'antd';
import { useAuth } from '../app/auth';
import type { FieldLabels } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import { MoneyInput, moneyRule } from '../app/MoneyInput';
import { Page } from '../app/Page';
import { useApiMutation } from '../app/useApiMutation';
import { fetchSettings, saveSettings } from './api';

type Path = string[];

/** Amount fields are named …Fen by the server: they are edited in 元. */
const isFenField = (path: Path) => /Fen$/.test(path[path.length - 1] ?? '');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown, path: Path, yes: string, no: string): string {
  if (typeof value === 'boolean') return value ? yes : no;
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'number' && isFenField(path)) return formatFen(value);
  return String(value);
}

/**
 * One setting value, as the input its default's type calls for: switch, number, money, tag list
 * or text. Object settings (a risk rule's switch and thresholds) become one item per field.
 */
function SettingField({ path, label, defaultValue, disabled }: { path: Path; label: string; defaultValue: unknown; disabled: boolean }) {
  const { t } = useI18n();
  if (isPlainObject(defaultValue)) {
    return (
      <Card size="small" title={label} style={{ marginBottom: 16 }}>
        {Object.entries(defaultValue).map(([key, value]) => (
          <SettingField key={key} path={[...path, key]} label={labelOf(t.settings.fields, key)} defaultValue={value} disabled={disabled} />
        ))}
      </Card>
    );
  }
  const item: FormItemProps = {
    name: path,
    label,
    extra: fill(t.settings.default, { value: describe(defaultValue, path, t.common.yes, t.common.no) }),
  };
  if (typeof defaultValue === 'boolean') {
    return (
      <Form.Item {...item} valuePropName="checked">
        <Switch disabled={disabled} />
      </Form.Item>
    );
  }
  if (typeof defaultValue === 'number') {
    return isFenField(path) ? (
      <Form.Item {...item} rules={[moneyRule(t.common.invalidMoney)]}>
        <MoneyInput disabled={disabled} style={{ width: 200 }} />
      </Form.Item>
    ) : (
      <Form.Item {...item}>
        <InputNumber disabled={disabled} style={{ width: 200 }} />
      </Form.Item>
    );
  }
  if (Array.isArray(defaultValue)) {
    const numeric = typeof defaultValue[0] === 'number';
    return (
      <Form.Item {...item} normalize={(values: unknown[]) => (numeric ? values.map(Number).filter(Number.isFinite) : values)}>
        <Select mode="tags" disabled={disabled} open={false} suffixIcon={null} placeholder={t.settings.addItem} style={{ maxWidth: 640 }} />
      </Form.Item>
    );
  }
  return (
    <Form.Item {...item}>
      <Input disabled={disabled} style={{ maxWidth: 640 }} />
    </Form.Item>
  );
}

/** Each setting by its label, and the fields of an object setting by theirs ("orders.riskRules.maxOrders" → 最多下单笔数). */
function settingLabels(definitions: { key: string; label: string; defaultValue?: unknown }[], fieldLabels: Record<string, string>): FieldLabels {
  const labels: FieldLabels = {};
  for (const { key, label, defaultValue } of definitions) {
    labels[key] = label;
    if (isPlainObject(defaultValue)) for (const field of Object.keys(defaultValue)) labels[`${key}.${field}`] = `${label} · ${labelOf(fieldLabels, field)}`;
  }
  return labels;
}

export default function SettingsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const editable = can('settings.manage');
  const [form] = Form.useForm<Record<string, unknown>>();
  const settings = useQuery({ queryKey: ['settings'], queryFn: fetchSettings });
  const definitions = settings.data?.definitions ?? [];
  const save = useApiMutation(saveSettings, { success: t.common.saved, invalidate: [['settings']], form, labels: settingLabels(definitions, t.settings.fields) });

  if (settings.isLoading) return <Spin />;
  if (settings.isError)
    return (
      <Page title={t.settings.title}>
        <LoadError query={settings} />
      </Page>
    );

  return (
    <Page title={t.settings.title}>
      <Alert type="info" showIcon title={editable ? t.settings.intro : t.settings.readOnly} style={{ marginBottom: 24 }} />
      {definitions.length === 0 ? (
        <Empty description={t.common.empty} />
      ) : (
        <Form
          form={form}
          key={settings.dataUpdatedAt}
          initialValues={settings.data?.values}
          layout="horizontal"
          labelCol={{ flex: '280px' }}
          labelWrap
          onFinish={(values) => save.mutate(values)}
        >
          {definitions.map((definition) => (
            <SettingField key={definition.key} path={[definition.key]} label={definition.label} defaultValue={definition.defaultValue} disabled={!editable} />
          ))}
          {editable && (
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t.common.save}
              </Button>
            </Form.Item>
          )}
        </Form>
      )}
    </Page>
  );
}
