import { Col, Form, Input, Row, Select } from 'antd';
import { useI18n } from '../app/i18n';
import { childrenOf, divisionOptions, useDivisions } from './divisions';

/**
 * Province → city → district as three selects, then the street and postcode, named as the server's
 * address fields under `prefix` (manual entry nests them in `address`; 改地址 sends them flat).
 */
export function AddressFields({ prefix = [] }: { prefix?: string[] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const divisions = useDivisions();
  const name = (field: string) => [...prefix, field];
  const province = Form.useWatch(name('province'), form) as string | undefined;
  const city = Form.useWatch(name('city'), form) as string | undefined;
  const cities = childrenOf(divisions.data, province);
  const districts = childrenOf(cities, city);
  const required = [{ required: true, message: t.common.required }];
  const search = { optionFilterProp: 'label' as const };
  const clear = (...fields: string[]) => form.setFields(fields.map((f) => ({ name: name(f), value: undefined })));
  return (
    <Row gutter={12}>
      <Col span={8}>
        <Form.Item name={name('province')} label={t.orders.province} rules={required}>
          <Select showSearch={search} loading={divisions.isLoading} options={divisionOptions(divisions.data ?? [])} onChange={() => clear('city', 'district')} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={name('city')} label={t.orders.city} rules={required}>
          <Select showSearch={search} disabled={!province} options={divisionOptions(cities, province)} onChange={() => clear('district')} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={name('district')} label={t.orders.district} rules={required}>
          <Select showSearch={search} disabled={!city} options={divisionOptions(districts)} />
        </Form.Item>
      </Col>
      <Col span={16}>
        <Form.Item name={name('detail')} label={t.orders.addressDetail} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={name('postalCode')} label={t.orders.postalCode} rules={[{ pattern: /^\d{6}$/, message: t.orders.postalCodeRule }]}>
          <Input maxLength={6} />
        </Form.Item>
      </Col>
    </Row>
  );
}
