import type { TopicSelection } from '../../config';
import { loggablePayload } from '../logging';

/** An outbox row as a channel receives it. */
export interface OutboxMessage {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Somewhere messages go (the app log, a webhook; later SMS, a platform's API). `deliver` resolves
 * once the message is taken and throws when it is not; the dispatcher retries it then. Delivery is
 * at least once: a receiver tells repeats apart by the message id.
 */
export interface Channel {
  /** Unique among the registered channels: delivery state is kept under it. */
  name: string;
  topics: TopicSelection;
  deliver(message: OutboxMessage): Promise<void>;
}

/**
 * A failure whose message is fit to store and show staff (no URL, no secret, no personal data).
 * Anything else a channel throws is stored by its kind alone.
 */
export class DeliveryFailure extends Error {}

export const takes = (channel: Channel, topic: string) => channel.topics === 'all' || channel.topics.includes(topic);

/** Where the log channel writes: pino's `info(fields, message)`, or the worker's console. */
export interface MessageLog {
  info(fields: Record<string, unknown>, message: string): void;
}

/** Writes each message to the app log, its payload with only the fields that name no person. */
export function logChannel(log: MessageLog, topics: TopicSelection): Channel {
  return {
    name: 'log',
    topics,
    deliver(message) {
      log.info({ outbox: { id: message.id, topic: message.topic, createdAt: message.createdAt.toISOString(), payload: loggablePayload(message.payload) } }, 'outbox message');
      return Promise.resolve();
    },
  };
}
