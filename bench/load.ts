// `npm run bench:load [-- --seconds=N]`: FAQ turns and case filings at fixed rates against the Node server on PostgreSQL (60 s by default), with a bare Hono hello-world as the ratio, and stored counts checked against what was sent.
import { readTestSettings } from '../src/config.js';
import { runLoad } from './load-run.js';

const SECONDS = Number(process.argv.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 60);
const FAQ_RATE = 100;
const FILING_RATE = 30;
const databaseUrl = readTestSettings().databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const r = await runLoad({ seconds: SECONDS, faqRate: FAQ_RATE, filingRate: FILING_RATE, databaseUrl });
const line = (name: string, x: { requestsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number; total: number }) =>
  `${name}: ${x.requestsPerSecond.toFixed(1)} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms, errors ${x.errors}, non-2xx ${x.non2xx}, total ${x.total}`;
console.log(`load on PostgreSQL (${new URL(databaseUrl).host}), ${SECONDS} s, offered ${FAQ_RATE} FAQ turns/s + ${FILING_RATE} filing turns/s`);
console.log(line('FAQ turns     ', r.faq));
console.log(line('filing turns  ', r.filing));
console.log(line('hello-world   ', r.hello));
console.log(`ratio FAQ turns / hello-world at the same offered rate: ${(r.faq.requestsPerSecond / r.hello.requestsPerSecond).toFixed(3)}`);
console.log(
  `chat turns sent: ${r.sentTurns} (answered 200 before the run ended: ${r.answeredTurns}); driver messages stored: ${r.storedDriverMessages} -> ${r.sentTurns === r.storedDriverMessages ? 'equal' : 'MISMATCH'}`,
);
console.log(
  `case confirmations sent: ${r.sentConfirmations} (answered with a caseId before the run ended: ${r.filedCases}); cases stored: ${r.storedCases} -> ${r.sentConfirmations === r.storedCases ? 'equal' : 'MISMATCH'}`,
);
if (r.sentTurns !== r.storedDriverMessages || r.sentConfirmations !== r.storedCases) process.exitCode = 1;
