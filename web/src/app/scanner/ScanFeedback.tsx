import { Alert } from 'antd';
import type { Feedback } from './useScanStation';

/** What the last scan did, in large text on green or red, readable from an arm's length at a station. */
export function ScanFeedback({ feedback }: { feedback: Feedback | null }) {
  if (!feedback) return null;
  return (
    <Alert
      type={feedback.tone === 'ok' ? 'success' : 'error'}
      showIcon
      title={<span style={{ fontSize: 22, fontWeight: 600 }}>{feedback.message}</span>}
      style={{ marginBottom: 16 }}
    />
  );
}
