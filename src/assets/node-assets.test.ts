// The built server's assets cache: what it stores is what the files give, and an edit to any source file misses it.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assetSourcesHash, KNOWLEDGE_DIR, loadNodeAssets } from './node-assets.js';

describe('assets cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nuanxin-assets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses nothing through JSON, so a cached start sees the same assets', () => {
    const assets = loadNodeAssets();
    expect(JSON.parse(JSON.stringify(assets))).toStrictEqual(assets);
  });

  it('changes its key when a knowledge file changes, and only then', () => {
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    const before = assetSourcesHash(dir);
    expect(assetSourcesHash(dir)).toBe(before);
    writeFileSync(join(dir, 'coverage.md'), '# edited\n', { flag: 'a' });
    expect(assetSourcesHash(dir)).not.toBe(before);
  });
});
