// Background delivery for channels that push (Official Account customer-service messages), started with the server.
import { startOaDispatcher } from './wechat-oa/dispatcher.js';

export function startPushDispatchers(runtime: Parameters<typeof startOaDispatcher>[0]): { stop(): void } {
  const workers = [startOaDispatcher(runtime)].filter((w) => w !== undefined);
  return {
    stop() {
      for (const w of workers) w.stop();
    },
  };
}
