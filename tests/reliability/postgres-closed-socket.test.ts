// The patched postgres.js (patches/postgres+3.4.9.patch) rejects a query on a dead connection instead of crashing the process.
import { spawnSync } from 'node:child_process';
import { describe, expect, it, inject } from 'vitest';

const pg = inject('postgresTemplate');

// Upstream porsager/postgres#1208: a reserved connection whose backend dies throws from a setImmediate
// in nextWrite, which no caller can catch. Run in a child so an unpatched driver shows up as its exit code.
const script = `
import postgres from 'postgres';
const sql = postgres(process.argv[1], { max: 2, onnotice: () => {} });
const reserved = await sql.reserve();
const [{ pid }] = await reserved\`select pg_backend_pid() as pid\`;
await sql\`select pg_terminate_backend(\${pid})\`;
await new Promise((r) => setTimeout(r, 100));
const outcomes = [];
for (let i = 0; i < 3; i++) {
  try { await reserved\`select 1\`; outcomes.push('ok'); } catch (e) { outcomes.push(e.code); }
}
reserved.release();
const [{ one }] = await sql\`select 1 as one\`;
outcomes.push('pool:' + one);
await sql.end({ timeout: 1 });
console.log(JSON.stringify(outcomes));
`;

describe.skipIf(!pg)('postgres.js on a connection whose backend died', () => {
  it('rejects each query with CONNECTION_CLOSED, keeps the pool usable and the process alive', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, pg!.adminUrl], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).not.toMatch(/TypeError/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toEqual(['CONNECTION_CLOSED', 'CONNECTION_CLOSED', 'CONNECTION_CLOSED', 'pool:1']);
  });
});
