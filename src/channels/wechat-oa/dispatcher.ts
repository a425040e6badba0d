// Sends staff replies and case updates to Official Account followers (customer-service API, else on their next message).
import { startOutboxDispatcher, type Dispatcher, type DispatcherDeps } from '../shared/outbox-dispatcher.js';
import { OA_CHANNEL, oaChannelFor, type OaChannelDeps } from './routes.js';

export function startOaDispatcher(runtime: OaChannelDeps & DispatcherDeps): Dispatcher | undefined {
  const oa = oaChannelFor(runtime);
  // Without a customer-service API the items wait in the outbox and ride along with the next passive reply.
  if (!oa?.api) return undefined;
  return startOutboxDispatcher(runtime, { channel: OA_CHANNEL, send: (item, openId) => oa.push(openId, item.text) });
}
