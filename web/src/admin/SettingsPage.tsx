import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, Select, Spin, Switch, type FormItemProps } from 'antd';
import { useAuth } from '../app/auth';
import type { FieldLabels } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { LoadError } from '../app/LoadError';
import { fill } from '../app/locales/zh';
import { MoneyInput, moneyRule } from '../app/MoneyInput';
import { Page } from '../app/Page';
import { useApiMutation } from '../app/useApiMutation';
import { fetchSettings, saveSettings } from './api';
import { MinutesInput, MinutesListInput, useUnitWords } from './SettingInputs';
import { formatSettingNumber, type SettingUnit, type UnitWords } from './settingUnits';

type Path = string[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown, unit: SettingUnit | null, words: UnitWords, yes: string, no: string): string {
  if (typeof value === 'boolean') return value ? yes : no;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' ? formatSettingNumber(v, unit, words) : String(v))).join('、');
  if (typeof value === 'number') return formatSettingNumber(value, unit, words);
  return String(value);
}

/** A whole number of the setting's unit, as the server stores it (a duration typed as 1.5 分钟 is not). */
const wholeRule = (message: string) => ({
  validator: (_: unknown, value: number | undefined) => (value === undefined || Number.isInteger(value) ? Promise.resolve() : Promise.reject(new Error(message))),
});

interface FieldProps {
  path: Path;
  label: string;
  defaultValue: unknown;
  /** What the number (or the list's numbers) counts; for an object setting, `fieldUnits` says it per field. */
  unit: SettingUnit | null;
  fieldUnits?: Record<string, SettingUnit>;
  disabled: boolean;
}

/**
 * One setting value, as the input its default's type and unit call for: switch, number with its
 * unit, money in 元, a duration in minutes or hours, tag list or text. Object settings (a risk rule's switch and thresholds) become one item per field.
 */
function SettingField({ path, label, defaultValue, unit, fieldUnits, disabled }: FieldProps) {
  const { t } = useI18n();
  const words = useUnitWords();
  if (isPlainObject(defaultValue)) {
    return (
      <Card size="small" title={label} style={{ marginBottom: 16 }}>
        {Object.entries(defaultValue).map(([key, value]) => (
          <SettingField key={key} path={[...path, key]} label={labelOf(t.settings.fields, key)} defaultValue={value} unit={fieldUnits?.[key] ?? null} disabled={disabled} />
        ))}
      </Card>
    );
  }
  const item: FormItemProps = {
    name: path,
    label,
    extra: fill(t.settings.default, { value: describe(defaultValue, unit, words, t.common.yes, t.common.no) }),
  };
  if (typeof defaultValue === 'boolean') {
    return (
      <Form.Item {...item} valuePropName="checked">
        <Switch disabled={disabled} />
      </Form.Item>
    );
  }
  if (typeof defaultValue === 'number') {
    if (unit === 'fen') {
      return (
        <Form.Item {...item} rules={[moneyRule(t.common.invalidMoney)]}>
          <MoneyInput disabled={disabled} style={{ width: 200 }} />
        </Form.Item>
      );
    }
    if (unit === 'minutes') {
      return (
        <Form.Item {...item} rules={[wholeRule(t.settings.wholeMinutes)]}>
          <MinutesInput disabled={disabled} />
        </Form.Item>
      );
    }
    const suffix = unit === null || unit === 'count' ? undefined : words[unit];
    return (
      <Form.Item {...item}>
        <InputNumber disabled={disabled} suffix={suffix} style={{ width: 200 }} />
      </Form.Item>
    );
  }
  if (Array.isArray(defaultValue) && unit === 'minutes') {
    return (
      <Form.Item {...item}>
        <MinutesListInput disabled={disabled} placeholder={t.settings.addDuration} />
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
            <SettingField
              key={definition.key}
              path={[definition.key]}
              label={definition.label}
              defaultValue={definition.defaultValue}
              unit={definition.unit}
              fieldUnits={definition.fieldUnits}
              disabled={!editable}
            />
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
