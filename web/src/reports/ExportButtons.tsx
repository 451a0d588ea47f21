import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { FieldLabels } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { useApiMutation } from '../app/useApiMutation';

export type { ExportFormat } from './api';
import type { ExportFormat } from './api';

/** 导出 Excel / 导出 CSV: downloads the report as the server makes it and says the file's name; a refusal names the filter it is about. */
export function ExportButtons({ exportAs, labels }: { exportAs: (format: ExportFormat) => Promise<string>; labels?: FieldLabels }) {
  const { t } = useI18n();
  const exporting = useApiMutation(exportAs, { success: (name) => fill(t.reports.exported, { name }), labels });
  const button = (format: ExportFormat, label: string) => (
    <Button icon={<DownloadOutlined />} loading={exporting.isPending && exporting.variables === format} disabled={exporting.isPending} onClick={() => exporting.mutate(format)}>
      {label}
    </Button>
  );
  return (
    <Space>
      {button('xlsx', t.reports.exportXlsx)}
      {button('csv', t.reports.exportCsv)}
    </Space>
  );
}
