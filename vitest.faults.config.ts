// Long fault-injection runs kept out of the default `npm test`: `npm run test:faults` (needs root and a local PostgreSQL 15 install).
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(base, defineConfig({ test: { include: ['tests/reliability/**/*.fault.ts'] } }));
