// What the Worker's entry pulls in: LangChain stays on Node (src/runtime.ts injects it), so the Worker bundle keeps its size budget.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every input file esbuild reaches from an entry, as wrangler would bundle it (the generated assets module left out). */
async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [resolve(ROOT, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'neutral',
    format: 'esm',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'import'],
    external: ['nuanxin:assets', 'node:*', 'cloudflare:*'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the Worker bundle', () => {
  it('carries no LangChain, while the Node runtime does', async () => {
    const worker = await inputsOf('src/worker.ts');
    expect(worker.some((f) => f.includes('src/composition-root.ts'))).toBe(true);
    expect(worker.filter((f) => f.includes('@langchain') || f.includes('knowledge-chooser'))).toEqual([]);
    const node = await inputsOf('src/runtime.ts');
    expect(node.some((f) => f.includes('@langchain/core'))).toBe(true);
  }, 30_000);
});
