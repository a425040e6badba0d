// `npm run sweep`: escalates overdue cases one level up and asks due callbacks, once, against the configured database.
import { readConfigOrExit } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { createRuntime } from '../src/runtime.js';
import { openConfiguredDatabase } from '../src/open-database.js';

async function main(): Promise<void> {
  // The one-off sweep runs its own pass; no timer.
  const base = readConfigOrExit();
  const config = { ...base, cases: { ...base.cases, sweepIntervalMs: 0 } };
  const log = createLogger(config.logLevel);
  const { database, release } = await openConfiguredDatabase(config);
  try {
    const runtime = await createRuntime({ config, database, log });
    const started = performance.now();
    const result = await runtime.cases.service.sweep();
    await runtime.stop();
    process.stdout.write(
      `sweep: ${result.escalated} case(s) escalated, ${result.callbacksSent} callback question(s) sent in ${Math.round(performance.now() - started)} ms\n`,
    );
  } finally {
    await database.close();
    release();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`sweep failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
