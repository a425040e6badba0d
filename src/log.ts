// A small structured logger (JSON lines on stderr) with levels; callers never pass secrets, and known secret keys are masked.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const SECRET_KEY = /key|secret|token|password|authorization|cookie/i;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

let stdioGuarded = false;
const closedStreams = new WeakSet<NodeJS.WritableStream>();

/**
 * A closed stdout or stderr (the supervisor died, `| head` exited) makes the next write fail with EPIPE, emitted as an
 * 'error' event; unheard, it becomes an uncaught exception whose own log line fails again. Listening here marks the stream
 * closed instead, so logging stops quietly and the server goes on serving. Idempotent.
 */
export function guardStandardStreams(): void {
  if (stdioGuarded) return;
  stdioGuarded = true;
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => closedStreams.add(stream));
}

/** Writes to stdout or stderr unless that stream is gone; never throws. */
export function writeStandard(stream: NodeJS.WriteStream, text: string): void {
  guardStandardStreams();
  if (closedStreams.has(stream) || stream.destroyed || !stream.writable) return;
  try {
    stream.write(text);
  } catch {
    closedStreams.add(stream);
  }
}

/**
 * A failed query's message (drizzle: "Failed query: …\nparams: …") carries the statement's parameters, drivers' own words
 * and phone numbers among them: every logged string loses them, up to the stack's first frame if one follows.
 */
const QUERY_PARAMS = /\nparams:[\s\S]*?(?=\n {4}at [^\n]*:\d+:\d+\)?(?:\n|$)|$)/u;

export function withoutQueryParams(text: string): string {
  return text.includes('\nparams:') ? text.replace(QUERY_PARAMS, '\nparams: (withheld)') : text;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => writeStandard(process.stderr, `${line}\n`)): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    // Logging never throws into the caller: not for a circular or BigInt field, not for a broken sink.
    try {
      const safe: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fields ?? {}))
        safe[k] = SECRET_KEY.test(k) ? '[redacted]' : typeof v === 'string' ? withoutQueryParams(v) : v;
      let line: string;
      try {
        line = JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...safe });
      } catch {
        line = JSON.stringify({ time: new Date().toISOString(), level: at, msg, fields: '[unserialisable]' });
      }
      write(line);
    } catch {
      // Nowhere left to report it.
    }
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = createLogger('silent');
