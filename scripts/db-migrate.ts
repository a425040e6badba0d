// npm run db:migrate: applies db/migrations to DATABASE_URL (run before deploying the Worker, which never migrates).
import { ConfigError, readConfig } from '../src/config.js';
import { openDatabase } from '../src/store/database.js';

try {
  const config = readConfig();
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL', 'set to the PostgreSQL database to migrate');
  const database = await openDatabase({ kind: 'postgres', url: config.databaseUrl, max: 1 });
  await database.close();
  process.stdout.write('migrations applied\n');
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
