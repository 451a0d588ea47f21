import type { Config } from '../../config';
import type { Clock } from '../clock';
import type { JobDefinition } from '../jobs';
import { logChannel, type Channel, type MessageLog } from './channels';
import { drainOutbox } from './dispatcher';
import { webhookChannel } from './webhook';

/** The channels the configuration switches on, registered once at start-up (main.ts). */
export function configuredChannels(config: Config['outbox'], log: MessageLog, clock: Clock): Channel[] {
  const channels: Channel[] = [];
  if (config.logTopics) channels.push(logChannel(log, config.logTopics));
  if (config.webhook) channels.push(webhookChannel(config.webhook, clock));
  return channels;
}

/** Customers wait for their notices: the outbox is delivered every few seconds, not every minute. */
export const OUTBOX_DISPATCH_SECONDS = 5;

export function outboxJobs(channels: Channel[]): JobDefinition[] {
  return [{ name: 'platform-outbox-dispatch', everySeconds: OUTBOX_DISPATCH_SECONDS, handler: (deps) => drainOutbox(deps, channels) }];
}
