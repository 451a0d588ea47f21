import type { WebhookConfig } from '../../config';
import type { Clock } from '../clock';
import { SIGNATURE_HEADERS, signBody } from '../signature';
import { DeliveryFailure, type Channel, type OutboxMessage } from './channels';

/** Request headers a receiver reads; the signature covers `${timestamp}.${body}`. */
export const WEBHOOK_HEADERS = {
  ...SIGNATURE_HEADERS,
  messageId: 'x-shopflow-message-id',
  topic: 'x-shopflow-topic',
} as const;

/**
 * POSTs each message as JSON to one URL. The body is signed with HMAC-SHA256 over the Unix
 * timestamp (seconds) and the body, so the receiver can check who sent it and refuse a replay
 * older than it allows. Any answer but 2xx, a redirect included, is a failure.
 */
export function webhookChannel(config: WebhookConfig, clock: Clock): Channel {
  return {
    name: 'webhook',
    topics: config.topics,
    async deliver(message: OutboxMessage) {
      const body = JSON.stringify({ id: message.id, topic: message.topic, createdAt: message.createdAt.toISOString(), payload: message.payload });
      const timestamp = String(Math.floor(clock.now().getTime() / 1000));
      let response: Response;
      try {
        response = await fetch(config.url, {
          method: 'POST',
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(config.timeoutMs),
          headers: {
            'content-type': 'application/json',
            [WEBHOOK_HEADERS.timestamp]: timestamp,
            [WEBHOOK_HEADERS.signature]: signBody(config.secret, timestamp, body),
            [WEBHOOK_HEADERS.messageId]: String(message.id),
            [WEBHOOK_HEADERS.topic]: message.topic,
          },
        });
      } catch (err) {
        throw new DeliveryFailure(requestFailure(err, config.timeoutMs));
      }
      // The answer's body is not kept (it may quote anything); reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new DeliveryFailure(`对方返回 HTTP ${response.status}`);
    },
  };
}

/** Why no answer came, in words that quote neither the URL nor the request. */
function requestFailure(err: unknown, timeoutMs: number): string {
  const { name, cause } = err as { name?: string; cause?: { code?: unknown } };
  if (name === 'TimeoutError') return `请求超时（${timeoutMs} 毫秒内没有答复）`;
  const code = typeof cause?.code === 'string' ? cause.code : 'unknown';
  return `无法连接接收方（${code}）`;
}
