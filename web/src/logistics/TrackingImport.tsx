import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, saveFile } from '../api/client';
import { errorText } from '../app/errorText';
import { useI18n } from '../app/i18n';
import { fill } from '../app/locales/zh';
import { importTracking, readCsvFile } from './api';
import { importProblems, trackingTemplate, type ImportProblem } from './trackingImport';

type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; name: string }
  | { step: 'sending'; name: string }
  | { step: 'done'; name: string; result: Awaited<ReturnType<typeof importTracking>> }
  | { step: 'failed'; name: string; error: unknown };

/**
 * 导入物流轨迹 (CSV): an aggregator's export, imported whole or not at all — the result says how many
 * events were recorded, a refusal lists each bad row by number and column, and nothing of it is kept.
 */
export function TrackingImport({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const l = t.logistics;
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const busy = state.step === 'reading' || state.step === 'sending';

  async function importFile(file: File) {
    const name = file.name;
    setState({ step: 'reading', name });
    try {
      const content = await readCsvFile(file);
      setState({ step: 'sending', name });
      const result = await importTracking(content);
      setState({ step: 'done', name, result });
      onImported();
    } catch (error) {
      setState({ step: 'failed', name, error });
    }
  }

  return (
    <div data-testid="tracking-import">
      <Typography.Paragraph type="secondary">{l.importHint}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void importFile(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy}>
            {l.chooseFile}
          </Button>
        </Upload>
        <Button icon={<DownloadOutlined />} onClick={() => saveFile(new Blob([trackingTemplate(l.importColumns)], { type: 'text/csv;charset=utf-8' }), l.templateFile)}>
          {l.downloadTemplate}
        </Button>
      </Space>
      <ImportResult state={state} />
    </div>
  );
}

function ImportResult({ state }: { state: ImportState }) {
  const { t } = useI18n();
  const l = t.logistics;
  if (state.step === 'idle') return null;
  if (state.step === 'reading' || state.step === 'sending') {
    return <Alert type="info" icon={<Spin size="small" />} showIcon title={fill(state.step === 'reading' ? l.importReading : l.importing, { name: state.name })} />;
  }
  if (state.step === 'done') return <Alert type="success" showIcon title={fill(l.imported, { name: state.name, ...state.result })} />;
  const problems = state.error instanceof ApiError ? importProblems(state.error.details, { columns: l.importColumns, missingColumn: l.missingColumn }) : [];
  return (
    <Alert
      type="error"
      showIcon
      title={fill(l.importFailed, { name: state.name, reason: errorText(state.error, t, { content: l.fileContent }) })}
      description={
        <>
          <div style={{ marginBottom: problems.length ? 8 : 0 }}>{l.importNothing}</div>
          {problems.length > 0 && (
            <Table<ImportProblem>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={problems}
              data-testid="import-problems"
              columns={[
                { title: l.problemRow, dataIndex: 'row', width: 90, render: (row: number | null) => (row === null ? '' : fill(l.rowNo, { n: row })) },
                { title: l.problemColumn, dataIndex: 'column', width: 110 },
                { title: l.problem, dataIndex: 'message' },
              ]}
            />
          )}
        </>
      }
    />
  );
}
