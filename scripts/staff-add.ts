// `npm run staff:add -- --username x --role agent --region 510311 [--name 张三] [--password-stdin]`: creates a console account.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { readConfig } from '../src/config.js';
import { openConfiguredDatabase } from '../src/open-database.js';
import { accountRegionProblem } from '../src/staff/access.js';
import { MIN_PASSWORD_LENGTH, generatePassword, hashPassword } from '../src/staff/password.js';
import { createRegionDirectory } from '../src/china/regions.js';
import { loadGazetteer } from '../src/stations/load-data.js';
import { KNOWLEDGE_DIR } from '../src/runtime.js';
import { createStaffStore } from '../src/store/staff-store.js';
import { STAFF_ROLES } from '../src/staff/staff-enums.js';

function fail(message: string): never {
  process.stderr.write(`staff:add: ${message}\n`);
  process.exit(1);
}

async function readPassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: generatePassword(), generated: true };
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  const line = await rl.question(process.stdin.isTTY ? 'Password: ' : '');
  rl.close();
  return { password: line.trim(), generated: false };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const username = values.username?.trim().toLowerCase();
  if (!username || !/^[a-z0-9_.-]{2,64}$/.test(username)) fail('--username is required: 2–64 of a-z 0-9 _ . -');
  const role = values.role as (typeof STAFF_ROLES)[number];
  if (!STAFF_ROLES.includes(role)) fail(`--role must be one of ${STAFF_ROLES.join(', ')}`);
  const regions = createRegionDirectory(loadGazetteer(KNOWLEDGE_DIR));
  const regionCode = values.region?.trim() || null;
  const problem = accountRegionProblem(role, regionCode, regions);
  if (problem) fail(problem);
  const { password, generated } = await readPassword(values['password-stdin'] ?? false);
  if (Array.from(password).length < MIN_PASSWORD_LENGTH) fail(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);

  const config = readConfig();
  const { database, release } = await openConfiguredDatabase(config);
  try {
    const store = createStaffStore(database.db);
    if (await store.findAccountByUsername(username)) fail(`${username} exists already`);
    await store.createAccount({
      username,
      displayName: values.name?.trim() || username,
      role,
      regionCode: role === 'admin' ? null : regionCode,
      passwordHash: await hashPassword(password),
    });
    await store.audit({ username, action: 'staff.create', outcome: 'ok', regionCode, detail: { role, by: 'staff:add' } });
    process.stdout.write(`created ${role} ${username} for ${regions.name(role === 'admin' ? '510000' : regionCode)}\n`);
    if (generated) process.stdout.write(`password (shown once): ${password}\n`);
  } finally {
    await database.close();
    release();
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
