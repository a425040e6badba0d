// The one boundary rule for text from outside: no string field may carry NUL, other C0 controls or lone surrogates.
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';

/**
 * PostgreSQL text cannot hold NUL, and a lone surrogate is silently turned into U+FFFD on the way to the database, so two
 * different ids would become one driver. Tab, newline and carriage return are ordinary text; every other C0 control and DEL
 * carries no meaning in a chat, a name or an id.
 */
// eslint-disable-next-line no-control-regex -- these are the characters refused
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = 'nul' | 'control' | 'surrogate';

/** What is wrong with one string, or undefined when it may pass. */
export function textProblem(s: string): TextProblem | undefined {
  if (s.includes('\u0000')) return 'nul';
  if (CONTROL.test(s)) return 'control';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  return undefined;
}

const WHY: Record<TextProblem, string> = {
  nul: '含有空字符（NUL），请去掉后再发',
  control: '含有不可见的控制字符，请去掉后再发',
  surrogate: '含有无效的字符编码（孤立的代理项），请检查后再发',
};

/**
 * For a client of the API forwarding what a person typed (the wechaty gateway): the invisible characters the API refuses are
 * dropped, and a lone surrogate becomes U+FFFD, so a driver's message is never refused for something they cannot see.
 */
export function withoutUnsafeText(s: string): string {
  return s.replace(new RegExp(CONTROL.source, 'g'), '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

/** The first string (or object key) in a parsed body, query or form that breaks the rule, with its dotted path. */
export function findUnsafeText(value: unknown, path: string[] = [], depth = 0): { field: string; problem: TextProblem } | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { field: path.join('.') || 'body', problem } : undefined;
  }
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, v] of entries) {
    const keyProblem = textProblem(key);
    if (keyProblem) return { field: [...path, JSON.stringify(key).slice(1, -1)].join('.'), problem: keyProblem };
    const found = findUnsafeText(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Throws the 400 (code invalid_characters, the field named) when any string in `value` breaks the rule. */
export function refuseUnsafeText(value: unknown, path: string[] = []): void {
  const found = findUnsafeText(value, path);
  if (found) throw new AppError('invalid_characters', `${found.field}: ${WHY[found.problem]}`, found.field);
}

/** For every route: the decoded path and query string, before any handler reads them. */
export function refuseUnsafeUrl(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    let path: string | undefined;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      // Not valid UTF-8: no route matches it, and the router answers 404.
    }
    if (path !== undefined) refuseUnsafeText(path, ['path']);
    for (const [key, value] of url.searchParams) refuseUnsafeText({ [key]: value });
    await next();
  };
}
