// Sends staff replies and case updates to Official Account followers (customer-service API, else on their next message).
import type { Runtime } from '../../runtime.js';
import { startOutboxDispatcher, type Dispatcher } from '../shared/outbox-dispatcher.js';
import { OA_CHANNEL, oaChannelFor } from './routes.js';

export function startOaDispatcher(runtime: Runtime): Dispatcher | undefined {
  const oa = oaChannelFor(runtime);
  // Without a customer-service API the items wait in the outbox and ride along with the next passive reply.
  if (!oa?.api) return undefined;
  return startOutboxDispatcher(runtime, { channel: OA_CHANNEL, send: (item, openId) => oa.push(openId, item.text) });
}
