// PGlite's query with named prepared statements answers as PGlite's own path does: rows, types, row modes, errors.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePgliteQueries } from './pglite-prepared.js';

describe('preparePgliteQueries', () => {
  let prepared: PGlite;
  let plain: PGlite;

  beforeAll(async () => {
    [prepared, plain] = await Promise.all([PGlite.create(), PGlite.create()]);
    preparePgliteQueries(prepared);
    for (const db of [prepared, plain]) await db.exec('create table t (id serial primary key, doc jsonb, at timestamptz, n bigint)');
  });
  afterAll(async () => {
    await Promise.all([prepared.close(), plain.close()]);
  });

  const statement = 'insert into t (doc, at, n) values ($1, $2, $3) returning id, doc, n, $4::int as four, $5::text as label';
  const params = [{ a: [1, '二'] }, new Date('2026-12-06T00:00:00Z'), 12345678901n, 4, null];

  it('returns what the unnamed path returns, on the first call and when the statement is reused', async () => {
    for (let i = 0; i < 3; i++) {
      const [ours, theirs] = await Promise.all([prepared.query(statement, params), plain.query(statement, params)]);
      expect(ours.rows).toEqual(theirs.rows);
      expect(ours.fields).toEqual(theirs.fields);
      expect(ours.affectedRows).toBe(theirs.affectedRows);
    }
    const options = { rowMode: 'array' as const, parsers: { 1184: (value: string) => `at ${value}` } };
    const sel = 'select doc, at from t where id = $1';
    expect((await prepared.query(sel, [1], options)).rows).toEqual((await plain.query(sel, [1], options)).rows);
  });

  it('reports a database error with its code and keeps working after it', async () => {
    const failing = 'insert into t (id) values ($1)';
    await prepared.query(failing, [100]);
    const error = await prepared.query(failing, [100]).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: '23505', query: failing });
    expect((await prepared.query('select count(*)::int as n from t where id = $1', [100])).rows).toEqual([{ n: 1 }]);
    const syntax = await prepared.query('selec $1', [1]).catch((err: unknown) => err);
    expect(syntax).toMatchObject({ code: '42601' });
  });

  it('waits for a transaction in progress instead of running inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = prepared.transaction(async (t) => {
      await t.query('insert into t (id) values ($1)', [200]);
      await held;
      await t.rollback();
    });
    const outside = prepared.query('select count(*)::int as n from t where id = $1', [200]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await tx;
    // Run inside the transaction it would have seen the uncommitted row.
    expect((await outside).rows).toEqual([{ n: 0 }]);
  });
});
