// Regression from issue 12: with its stdout and stderr pipes closed, the server still answers, and SIGTERM ends it cleanly within 10 s.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { environmentWith } from '../../src/config.js';
import { seedPgliteDir } from '../support/server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'nuanxin-closed-pipe-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a server whose log pipe is gone (supervisor died, `| head` exited)', () => {
  it('answers requests, then exits within 10 s of SIGTERM with code 0', async () => {
    await seedPgliteDir(dataDir);
    // Debug level logs every request, so each one writes to the closed pipe.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: environmentWith({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', DATA_DIR: dataDir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /health:\s+(http:\/\/\S+)\/healthz/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`server exited early with ${code}: ${out}`)));
      });
      // Close our ends: the child's next write to either pipe fails with EPIPE.
      child.stdout.destroy();
      child.stderr.destroy();

      const ask = (i: number) =>
        fetch(`${url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: `pipe-${i % 3}`, text: i % 2 ? '连续开车多久要休息' : '你好' }),
          signal: AbortSignal.timeout(15_000),
        });
      for (let i = 0; i < 6; i++) expect((await ask(i)).status).toBe(200);
      // Hostile input that makes the server log a refusal, and a route that does not exist.
      expect((await fetch(`${url}/api/chat/updates?userId=a%00b`, { signal: AbortSignal.timeout(5_000) })).status).toBe(400);
      expect((await fetch(`${url}/nope`, { signal: AbortSignal.timeout(5_000) })).status).toBe(404);

      // A turn still running when SIGTERM arrives is answered before the process ends.
      const inFlight = ask(99);
      await new Promise((r) => setTimeout(r, 20));
      const sentAt = Date.now();
      child.kill('SIGTERM');
      const res = await inFlight;
      expect(res.status).toBe(200);
      const exit = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - sentAt).toBeLessThan(10_000);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  }, 90_000);
});
