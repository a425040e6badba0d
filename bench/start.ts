// npm run bench:start [rounds]: the server's first start on an empty PGlite data dir and its reopen, to /healthz, with resident memory, for the built server and (--tsx) the development path.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentWith } from '../src/config.js';
import { processCpuMs, residentMemoryMiB, serverNodeFlags } from './support.js';
import { ensureBuilt } from '../scripts/ensure-built.js';

const ROOT = join(import.meta.dirname, '..');
const modes: Record<string, string[]> = {
  built: [...serverNodeFlags(), join(ROOT, 'scripts', 'start.js')],
  tsx: ['--import', 'tsx', join(ROOT, 'src', 'main.ts')],
};
const wanted = process.argv.includes('--tsx') ? ['built', 'tsx'] : ['built'];

interface StartFigure {
  toHealthMs: number;
  cpuMs: number;
  rssMiB: number;
  rssAfterTurnMiB: number;
}

async function startOnce(args: string[], dataDir: string): Promise<StartFigure> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: environmentWith({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /health:\s+(http:\/\/\S+)\/healthz/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    const health = await fetch(`${url}/healthz`);
    if (!health.ok) throw new Error(`healthz answered ${health.status}`);
    const toHealthMs = performance.now() - started;
    const cpuMs = processCpuMs(child.pid as number);
    const rssMiB = residentMemoryMiB(child.pid as number);
    const res = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'bench-start', text: '劳动仲裁收费吗' }),
    });
    if (!res.ok) throw new Error(`turn answered ${res.status}`);
    return { toHealthMs, cpuMs, rssMiB, rssAfterTurnMiB: residentMemoryMiB(child.pid as number) };
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

const fmt = (f: StartFigure) =>
  `${(f.toHealthMs / 1000).toFixed(2)} s to /healthz (process CPU ${(f.cpuMs / 1000).toFixed(2)} s), RSS ${f.rssMiB.toFixed(0)} MiB, ${f.rssAfterTurnMiB.toFixed(0)} MiB after one turn`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
/** One start moves by ±0.2 s between runs on a 2-core machine, so each figure is the median of several, with its range. */
const summary = (label: string, runs: StartFigure[]) => {
  const times = runs.map((r) => r.toHealthMs / 1000);
  const rss = runs.map((r) => Math.max(r.rssMiB, r.rssAfterTurnMiB));
  return `${label} median ${median(times).toFixed(2)} s to /healthz (${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)} s over ${runs.length}), highest RSS ${Math.max(...rss).toFixed(0)} MiB\n`;
};

process.stdout.write(
  `bench:start on ${new Date().toISOString()}, load average ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
// A stale build is rebuilt here, untimed, rather than inside the first timed start.
await ensureBuilt({ quiet: true });
const rounds = Math.max(1, Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 3));
for (const mode of wanted) {
  const firsts: StartFigure[] = [];
  const reopens: StartFigure[] = [];
  for (let round = 0; round < rounds; round++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'nuanxin-bench-start-'));
    try {
      const first = await startOnce(modes[mode] as string[], dataDir);
      const reopen = await startOnce(modes[mode] as string[], dataDir);
      firsts.push(first);
      reopens.push(reopen);
      process.stdout.write(`${mode.padEnd(5)} first start: ${fmt(first)}\n${mode.padEnd(5)} reopen:      ${fmt(reopen)}\n`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  process.stdout.write(summary(`${mode.padEnd(5)} first start:`, firsts) + summary(`${mode.padEnd(5)} reopen:     `, reopens));
}
