// Prepares template databases once per test run: a dumped PGlite data dir, and a migrated PostgreSQL template database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { readTestSettings } from '../../src/config.js';
import { openDatabase } from '../../src/store/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: { adminUrl: string; template: string } | null;
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'nuanxin-test-'));
  const pglite = await openDatabase({ kind: 'pglite' });
  const dump = await pglite.pglite!.dumpDataDir('none');
  await pglite.close();
  const templatePath = join(dir, 'template.tar');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', templatePath);

  const { databaseUrl } = readTestSettings();
  let dropTemplate: (() => Promise<void>) | undefined;
  if (databaseUrl) {
    const template = `nuanxin_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`CREATE DATABASE "${template}"`);
    const handle = await openDatabase({ kind: 'postgres', url: withDatabase(databaseUrl, template), max: 1 });
    await handle.close();
    project.provide('postgresTemplate', { adminUrl: databaseUrl, template });
    dropTemplate = async () => {
      // Test databases cloned from this template are dropped by their own tests; sweep any a crashed worker left.
      const leftovers = await admin<
        { datname: string }[]
      >`SELECT datname FROM pg_database WHERE datname LIKE ${`nuanxin_t_${process.pid}_%`} OR datname = ${template}`;
      for (const { datname } of leftovers) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.end();
    };
  } else {
    project.provide('postgresTemplate', null);
  }

  return async () => {
    await dropTemplate?.();
    rmSync(dir, { recursive: true, force: true });
  };
}
