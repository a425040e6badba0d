// Long fault-injection runs kept out of the default `npm test`: `npm run test:faults` (needs root and a local PostgreSQL 15 install).
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Spread rather than mergeConfig: merging would append to the default include list instead of replacing it.
export default defineConfig({ ...base, test: { ...base.test, include: ['tests/reliability/**/*.fault.ts'] } });
