// The short version of `npm run bench:load`: a few seconds of FAQ turns and case filings against a child server, then nothing lost or doubled.
import { expect, it } from 'vitest';
import { runLoad } from '../../bench/load-run.js';
import { readTestSettings } from '../../src/config.js';

it('stores every driver message and every filed case sent under load, with no errors', async () => {
  const r = await runLoad({ seconds: 4, faqRate: 20, filingRate: 6, databaseUrl: readTestSettings().databaseUrl });
  expect(r.faq.errors + r.filing.errors).toBe(0);
  expect(r.faq.non2xx + r.filing.non2xx).toBe(0);
  expect(r.sentTurns).toBeGreaterThan(40);
  expect(r.storedDriverMessages).toBe(r.sentTurns);
  expect(r.filedCases).toBeGreaterThan(0);
  expect(r.storedCases).toBe(r.sentConfirmations);
}, 120_000);
