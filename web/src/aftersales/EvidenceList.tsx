import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Image, List, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useShowError } from '../app/errors';
import { useI18n } from '../app/i18n';
import { LoadError } from '../app/LoadError';
import { openInTab, PopupBlocked } from '../app/openInTab';
import { fetchFile, type Evidence } from './api';

/** A photo the buyer sent, fetched with the session's token; click to see it large. */
function Photo({ fileId, name }: { fileId: number; name: string }) {
  const file = useQuery({ queryKey: ['file', fileId], queryFn: () => fetchFile(fileId), staleTime: Infinity });
  const url = useMemo(() => (file.data ? URL.createObjectURL(file.data) : null), [file.data]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  if (file.isError) return <LoadError query={file} inline />;
  if (!url) return <Spin />;
  return <Image src={url} alt={name} width={160} style={{ objectFit: 'cover' }} />;
}

/** A PDF (a chat record, a carrier's report) opened in a tab of its own. */
function PdfLink({ fileId, name }: { fileId: number; name: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const open = () => openInTab(() => fetchFile(fileId)).catch((err: unknown) => (err instanceof PopupBlocked ? void message.error(t.aftersales.popupBlocked) : showError(err)));
  return (
    <Button icon={<FilePdfOutlined />} onClick={open}>
      {name}
    </Button>
  );
}

/** The case's evidence: each photo as a picture, each PDF to open, and the notes written with them. */
export function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const { t } = useI18n();
  return (
    <Card title={t.aftersales.evidence} style={{ marginBottom: 16 }} data-testid="case-evidence">
      {evidence.length ? (
        <List
          size="small"
          dataSource={evidence}
          renderItem={(e, i) => (
            <List.Item key={i}>
              <Space align="start" wrap>
                {e.fileId !== null && (e.contentType?.startsWith('image/') ? <Photo fileId={e.fileId} name={e.name ?? ''} /> : <PdfLink fileId={e.fileId} name={e.name ?? ''} />)}
                {e.note && <Typography.Text>{e.note}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.aftersales.noEvidence} />
      )}
    </Card>
  );
}
