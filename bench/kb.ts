// Benchmark: knowledge index build time, query latency (p50/p99) and heap for the real base and 10,000 synthetic entries.
import { readFileSync } from 'node:fs';
import type { KnowledgeEntry } from '../src/knowledge/entry-schema.js';
import { loadEntries } from '../src/knowledge/load-entries.js';
import { buildKnowledgeIndex, type KnowledgeIndex } from '../src/knowledge/search-index.js';
import { repositoryLanguage } from '../src/knowledge/repository-language.js';
import { words } from '../src/knowledge/text-features.js';

const SYNTHETIC = Number(process.argv[2] ?? 10_000);
const P99_BUDGET_MS = 2;
const ROUNDS = 20;

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

// A small seeded generator so every run measures the same synthetic base.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Entries built from the real base's own words and sentences, so term statistics look like a larger curated base. */
function synthesise(real: KnowledgeEntry[], count: number): KnowledgeEntry[] {
  const rand = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const vocab = [...new Set(real.flatMap((e) => [e.title, ...e.questions, ...e.tags].flatMap((t) => words(t))))].filter((w) => w.length > 1);
  const sentences = real.flatMap((e) => e.answer.split(/(?<=[。；])/)).filter((s) => s.trim().length > 4);
  const phrase = (n: number) => Array.from({ length: n }, () => pick(vocab)).join('');
  return Array.from({ length: count }, (_, i) => {
    const base = pick(real);
    return {
      ...base,
      id: `synthetic-${i}`,
      title: `${phrase(3)}${i}`,
      questions: Array.from({ length: 5 }, () => `${phrase(2 + Math.floor(rand() * 3))}吗`),
      tags: [pick(vocab), pick(vocab)],
      answer: Array.from({ length: 4 }, () => pick(sentences)).join(''),
    };
  });
}

function questions(): string[] {
  const files = ['tests/eval/held-out.jsonl'];
  return files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function measure(name: string, entries: KnowledgeEntry[], qs: string[]) {
  const before = heap();
  const t0 = performance.now();
  const index: KnowledgeIndex = buildKnowledgeIndex(entries, repositoryLanguage());
  const buildMs = performance.now() - t0;
  const heapMb = (heap() - before) / 2 ** 20;
  for (const q of qs) index.search(q, 5); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of qs) {
      const c = process.cpuUsage();
      const s = performance.now();
      index.search(q, 5);
      wall.push(performance.now() - s);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const p50 = percentile(cpu, 50);
  const p99 = percentile(cpu, 99);
  console.log(
    `${name.padEnd(20)} entries=${String(entries.length).padStart(6)}  build=${buildMs.toFixed(0).padStart(6)} ms  heap=${heapMb.toFixed(1).padStart(6)} MB  ` +
      `query cpu p50=${p50.toFixed(3)} p99=${p99.toFixed(3)} ms  wall p50=${percentile(wall, 50).toFixed(3)} p99=${percentile(wall, 99).toFixed(3)} ms  (${wall.length} queries)`,
  );
  return { buildMs, p50, p99, heapMb, index };
}

/** Wall-clock spikes of a fixed pure-CPU loop: what the machine adds to any timing (other processes, scheduling). */
function noiseFloor(): string {
  let x = 0;
  const wall: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const s = performance.now();
    for (let k = 0; k < 20_000; k++) x += k * 1.0001;
    wall.push(performance.now() - s);
  }
  wall.sort((a, b) => a - b);
  return `machine noise (fixed CPU loop, wall): p50=${percentile(wall, 50).toFixed(3)} ms p99=${percentile(wall, 99).toFixed(3)} ms${x < 0 ? '' : ''}`;
}

const real = loadEntries();
console.log(noiseFloor());
const qs = questions();
if (!gc) console.log('(run with node --expose-gc for exact heap figures)');
const small = measure('real knowledge base', real, qs);
const large = measure('synthetic', [...real, ...synthesise(real, SYNTHETIC)], qs);
console.log(
  `ratios: build ×${(large.buildMs / small.buildMs).toFixed(1)}, p99 ×${(large.p99 / small.p99).toFixed(1)}, heap ×${(large.heapMb / Math.max(small.heapMb, 0.1)).toFixed(1)}`,
);
// The real entries must still win among 10,000 distractors.
const still = qs.filter((q) => large.index.search(q, 1)[0]?.entry.id === small.index.search(q, 1)[0]?.entry.id).length;
console.log(`same top entry with ${SYNTHETIC} synthetic distractors: ${still}/${qs.length}\n`);
// The budget is checked on CPU time: on a shared machine wall-clock p99 mostly measures waiting for a CPU (see the
// noise line), which no change to the index can fix.
if (large.p99 > P99_BUDGET_MS) {
  console.error(`cpu p99 ${large.p99.toFixed(3)} ms at ${SYNTHETIC} entries is over the ${P99_BUDGET_MS} ms budget`);
  process.exitCode = 1;
}
