import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useAuth } from '../app/auth';
import { useShowError } from '../app/errors';
import { useI18n } from '../app/i18n';
import { labelOf } from '../app/labels';
import { fill } from '../app/locales/zh';
import { formatFen } from '../app/money';
import type { Order } from '../orders/api';
import { CASE_TYPES, COMPLAINT_CATEGORIES, NO_REASON_TYPES, openCase } from './api';
import { EvidenceFields } from './EvidenceFields';
import { caseRequest, type NewCaseValues } from './newCase';

/**
 * 申请售后 on an order: the type, the reason, how many of each line (0 = not in the case), 七天无理由
 * for a return or exchange, the damage for a damaged parcel, evidence photos, PDFs and notes. A case the rules refuse
 * shows the server's reason; a supervisor may then give a reason to open it anyway (越权受理).
 */
function NewCaseDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useI18n();
  const a = t.aftersales;
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [form] = Form.useForm<NewCaseValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const type = Form.useWatch('type', form);
  const labels = { type: a.type, reason: a.reason, 'lines.*.quantity': a.quantity, 'lines.*.skuCode': a.skuCode, evidence: a.evidence, 'evidence.*.note': a.evidenceNote, 'evidence.*.fileId': a.evidenceFile, severity: a.severity, complaintCategory: a.complaintCategory, noReason: a.noReason, reportedBarcode: a.reportedBarcodeLabel, shippingInsurance: a.shippingInsurance, 'override.reason': a.overrideReasonLabel };

  const create = useMutation({
    mutationFn: (values: NewCaseValues) => openCase(caseRequest(order, values)),
    onSuccess: async (created) => {
      void message.success(fill(a.created, { caseNo: created.caseNo }));
      await queryClient.invalidateQueries({ queryKey: ['aftersalesCases'] });
      void navigate(`/aftersales/${created.id}`);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'not_eligible') setRefusal(err.message);
      else showError(err, form, labels);
    },
  });

  return (
    <Modal open title={fill(a.newCaseTitle, { orderNo: order.orderNo })} okText={a.newCase} confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose} width={720}>
      <Form<NewCaseValues>
        form={form}
        name="new-case"
        layout="vertical"
        // the refusal was about what the case asks; asking something else may pass
        onValuesChange={(changed: Partial<NewCaseValues>) => {
          if (changed.type !== undefined || changed.quantities !== undefined || changed.noReason !== undefined) setRefusal(null);
        }}
        initialValues={{ quantities: order.items.map(() => 0), evidence: [] }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="type" label={a.type} rules={[{ required: true, message: t.common.required }]}>
          <Select options={CASE_TYPES.map((value) => ({ value, label: labelOf(a.types, value) }))} />
        </Form.Item>
        <Form.Item name="reason" label={a.reason} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        <Form.Item label={a.caseLines}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={order.items}
            columns={[
              { title: a.skuCode, dataIndex: 'skuCode' },
              { title: a.product, dataIndex: 'productName' },
              { title: a.spec, dataIndex: 'spec' },
              { title: a.unitPrice, dataIndex: 'unitPrice', align: 'right', render: formatFen },
              { title: a.boughtQuantity, dataIndex: 'quantity', align: 'right' },
              {
                title: a.quantity,
                key: 'caseQuantity',
                width: 110,
                render: (_, item, i) => (
                  <Form.Item name={['quantities', i]} noStyle>
                    <InputNumber min={0} max={item.quantity} precision={0} aria-label={`${item.skuCode} ${a.quantity}`} style={{ width: '100%' }} />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Form.Item>
        {type && NO_REASON_TYPES.includes(type) && (
          <Form.Item name="noReason" valuePropName="checked">
            <Checkbox>{a.noReason}</Checkbox>
          </Form.Item>
        )}
        {type === 'wrong_item' && (
          <Form.Item name="reportedBarcode" label={a.reportedBarcodeLabel} extra={a.reportedBarcodeHint} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
            {/* a scanner types the code and Enter: on to the reason, not a submit */}
            <Input
              autoFocus
              maxLength={64}
              autoComplete="off"
              onPressEnter={(e) => {
                e.preventDefault();
                form.focusField('reason');
              }}
            />
          </Form.Item>
        )}
        {type === 'damaged' && (
          <Form.Item name="severity" label={a.severity} rules={[{ required: true, message: t.common.required }]}>
            <Select options={(['minor', 'severe'] as const).map((value) => ({ value, label: labelOf(a.severities, value) }))} />
          </Form.Item>
        )}
        {type === 'complaint' && (
          <Form.Item name="complaintCategory" label={a.complaintCategory} rules={[{ required: true, message: t.common.required }]}>
            <Select options={COMPLAINT_CATEGORIES.map((value) => ({ value, label: labelOf(a.complaintCategories, value) }))} />
          </Form.Item>
        )}
        <Form.Item name="shippingInsurance" valuePropName="checked">
          <Checkbox>{a.shippingInsurance}</Checkbox>
        </Form.Item>
        <EvidenceFields />
        {refusal && <Alert type="error" showIcon title={a.notEligibleTitle} description={refusal} style={{ marginBottom: 16 }} />}
        {refusal && can('aftersales.approve') && (
          <Form.Item name="overrideReason" label={a.overrideReasonLabel} extra={a.overrideHint} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The 申请售后 button of the order page and its dialog, for those who handle after-sales. */
export function NewCaseButton({ order }: { order: Order }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  // a case needs a paid order; the server says why when the rules refuse one
  if (!can('aftersales.handle') || order.paidAmount === 0) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t.aftersales.newCase}</Button>
      {open && <NewCaseDialog order={order} onClose={() => setOpen(false)} />}
    </>
  );
}
