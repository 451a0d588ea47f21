import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useShowError } from '../app/errors';
import { useI18n } from '../app/i18n';
import { EVIDENCE_FILE_TYPES, uploadFile } from './api';

/**
 * The evidence of a new case (form list `evidence`): photos or PDFs uploaded as they are chosen,
 * each with what it shows, and notes alone (a chat excerpt, the barcode the buyer reports).
 */
export function EvidenceFields() {
  const { t } = useI18n();
  const a = t.aftersales;
  const showError = useShowError();
  const [uploading, setUploading] = useState(0);
  return (
    <Form.List name="evidence">
      {(fields, { add, remove }) => (
        <Form.Item label={a.evidence}>
          {fields.map((field, i) => (
            <Space key={field.key} align="start" style={{ display: 'flex' }}>
              <Form.Item name={[field.name, 'fileId']} hidden>
                <Input />
              </Form.Item>
              <Form.Item noStyle dependencies={[['evidence', field.name, 'name']]}>
                {({ getFieldValue }) => {
                  const name = getFieldValue(['evidence', field.name, 'name']) as string | undefined;
                  return name ? <Tag icon={<PaperClipOutlined />} style={{ marginTop: 6 }}>{name}</Tag> : null;
                }}
              </Form.Item>
              <Form.Item name={[field.name, 'name']} hidden>
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, 'note']} style={{ width: 460 }}>
                <Input.TextArea rows={1} maxLength={1000} placeholder={a.evidenceHint} aria-label={`${a.evidenceNote} ${i + 1}`} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} aria-label={a.removeEvidence} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Space>
            <Upload
              accept={EVIDENCE_FILE_TYPES}
              multiple
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                setUploading((n) => n + 1);
                uploadFile(file as File)
                  .then((stored) => {
                    add({ fileId: stored.id, name: stored.name, note: '' });
                    onSuccess?.(stored);
                  })
                  .catch((err: Error) => {
                    showError(err);
                    onError?.(err);
                  })
                  .finally(() => setUploading((n) => n - 1));
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading > 0}>
                {a.uploadEvidence}
              </Button>
            </Upload>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ note: '' })}>
              {a.addEvidence}
            </Button>
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}
