// msw server for tests: every outbound HTTP call must be mocked; `data:` URLs (openai's file uploads) pass through.
import { setupServer } from 'msw/node';

export function createMockNetwork() {
  return setupServer();
}

export const mswListenOptions = {
  onUnhandledRequest(request: Request, print: { error(): void }) {
    if (request.url.startsWith('data:')) return;
    print.error();
  },
} as const;
