// The only reader of environment variables: parses them once with zod and fails fast naming the bad key.
import { z } from 'zod';
import { parseWorkingHours, type WorkingHours } from './china/working-hours.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
/** The shortest bearer key accepted when the server listens beyond this machine. */
const MIN_REMOTE_API_KEY = 16;

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const urlString = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    );

const optionalUrl = (protocols: string[]) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), urlString(protocols).optional());

const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : v),
    z.coerce
      .number({ error: `an integer from ${min} to ${max}` })
      .int(`an integer from ${min} to ${max}`)
      .min(min, `an integer from ${min} to ${max}`)
      .max(max, `an integer from ${min} to ${max}`),
  );

const envSchema = z
  .object({
    PORT: integer(0, 65535, 8787),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl(['http:', 'https:']),
    CHAT_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
    STT_MODEL: z.string().trim().min(1).default('whisper-1'),
    TTS_MODEL: optionalString,
    TTS_VOICE: z.string().trim().min(1).default('alloy'),
    LLM_TIMEOUT_MS: integer(100, 60000, 6000),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    CHAT_API_KEY: optionalString,
    NUANXIN_URL: optionalUrl(['http:', 'https:']),
    NOTIFY_WEBHOOK_URL: optionalUrl(['http:', 'https:']),
    NOTIFY_WEBHOOK_FORMAT: z.enum(['wecom', 'json']).default('wecom'),
    CASE_SWEEP_INTERVAL_MS: integer(0, 86_400_000, 60_000),
    CASE_CALLBACK_DELAY_MINUTES: integer(0, 10_080, 60),
    STAFF_SESSION_HOURS: integer(1, 168, 12),
    STAFF_SESSION_IDLE_MINUTES: integer(5, 1440, 60),
    STAFF_LOGIN_ATTEMPTS: integer(1, 100, 5),
    STAFF_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    WORK_HOURS: z
      .string()
      .trim()
      .default('1-5 09:00-12:00,13:30-17:30')
      .superRefine((v, ctx) => {
        try {
          parseWorkingHours(v);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: `like "1-5 09:00-17:30; 6 09:00-12:00" or "always": ${(err as Error).message}` });
        }
      }),
    HANDOFF_ESCALATE_MINUTES: integer(1, 1440, 10),
    COOKIE_SECRET: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.string().min(32, 'at least 32 characters').optional(),
    ),
    WECHAT_TOKEN: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z
        .string()
        .regex(/^[A-Za-z0-9]{3,32}$/, '3 to 32 letters or digits (as set on the WeChat admin page)')
        .optional(),
    ),
    WECHAT_APPID: optionalString,
    WECHAT_APPSECRET: optionalString,
    WECHAT_AES_KEY: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z
        .string()
        .regex(/^[A-Za-z0-9]{43}$/, 'the 43-character EncodingAESKey from the WeChat admin page')
        .optional(),
    ),
    WECHAT_REPLY_BUDGET_MS: integer(500, 4800, 4500),
    // WeChat only answers token requests from whitelisted IPs: deployments without a fixed egress address (Workers) go through a relay.
    WECHAT_API_BASE_URL: optionalUrl(['http:', 'https:']),
    WECHATY_PUPPET: z.string().trim().min(1).default('wechaty-puppet-wechat4u'),
    WECHATY_PUPPET_TOKEN: optionalString,
    WECHATY_NAME: z.string().trim().min(1).default('nuanxin'),
    TWILIO_AUTH_TOKEN: optionalString,
    PUBLIC_BASE_URL: optionalUrl(['http:', 'https:']),
    SPEECH_MAX_BYTES: integer(64 * 1024, 25 * 1024 * 1024, 5 * 1024 * 1024),
  })
  .superRefine((env, ctx) => {
    if (env.WECHAT_TOKEN && env.WECHAT_AES_KEY && !env.WECHAT_APPID) {
      ctx.addIssue({
        code: 'custom',
        path: ['WECHAT_APPID'],
        message: 'set when WECHAT_AES_KEY is set, because safe mode checks the AppID inside every message',
      });
    }
    if (env.WECHAT_APPSECRET && !env.WECHAT_APPID) {
      ctx.addIssue({ code: 'custom', path: ['WECHAT_APPID'], message: 'set when WECHAT_APPSECRET is set' });
    }
    if (env.CHAT_API_KEY && env.CHAT_API_KEY.length < MIN_REMOTE_API_KEY && !LOOPBACK_HOSTS.has(env.HOST)) {
      ctx.addIssue({
        code: 'custom',
        path: ['CHAT_API_KEY'],
        message: `at least ${MIN_REMOTE_API_KEY} characters when HOST is not a loopback address, because anyone who can reach the server could guess a shorter one`,
      });
    }
    if (!env.CHAT_API_KEY && !LOOPBACK_HOSTS.has(env.HOST)) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message: 'a loopback address (127.0.0.1, ::1, localhost) unless CHAT_API_KEY is set, because /api/chat would be open to anyone',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  llm:
    | {
        apiKey: string;
        baseUrl: string | undefined;
        chatModel: string;
        sttModel: string;
        ttsModel: string | undefined;
        ttsVoice: string;
        timeoutMs: number;
      }
    | undefined;
  logLevel: Env['LOG_LEVEL'];
  /**
   * How long a turn holds its inbound message (renewed while it runs): long enough for one model call that times out, so
   * a re-delivery to another process or isolate waits for the answer; when the holder dies, the next delivery answers.
   */
  turnLeaseMs: number;
  chatApiKey: string | undefined;
  /** A running server for the terminal chat and gateways to talk to, instead of an in-process engine. */
  nuanxinUrl: string | undefined;
  cookieSecret: string | undefined;
  cases: {
    /** Where new, urgent and overdue case alerts are posted (e.g. a WeCom group robot); none when unset. */
    webhookUrl: string | undefined;
    webhookFormat: 'wecom' | 'json';
    /** How often the server sweeps for overdue cases and due callbacks; 0 turns the timer off. */
    sweepIntervalMs: number;
    /** Delay between resolving a case and asking the driver the callback question. */
    callbackDelayMinutes: number;
  };
  /** The Official Account webhook; undefined (channel off) without WECHAT_TOKEN. */
  wechatOa:
    | {
        token: string;
        appId: string | undefined;
        appSecret: string | undefined;
        aesKey: string | undefined;
        replyBudgetMs: number;
        apiBaseUrl: string;
      }
    | undefined;
  wechaty: { puppet: string; puppetToken: string | undefined; name: string; nuanxinUrl: string | undefined };
  twilio: { authToken: string; publicBaseUrl: string | undefined } | undefined;
  /** Largest audio upload accepted for transcription. */
  speechMaxBytes: number;
  staff: {
    /** Absolute session lifetime. */
    sessionHours: number;
    /** A session unused this long ends. */
    idleMinutes: number;
    /** Failed logins per username and address before a 15-minute lock-out window. */
    loginAttempts: number;
    /** Cookies with the Secure flag; `auto` sets it unless the server listens on loopback only. */
    secureCookies: boolean;
  };
  handoff: {
    workingHours: WorkingHours;
    /** An unclaimed handoff goes to the next level up after this long. */
    escalateMinutes: number;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${key} must be ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment map; throws ConfigError naming the first bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'environment');
    const raw = env[key];
    // Secrets never appear in messages; other values help the operator see the typo.
    const shown = raw === undefined || /KEY|SECRET|TOKEN|PASSWORD|URL/.test(key) ? '' : ` (got "${raw.slice(0, 40)}")`;
    throw new ConfigError(key, `${issue?.message ?? 'valid'}${shown}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    llm: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseUrl: e.OPENAI_BASE_URL,
          chatModel: e.CHAT_MODEL,
          sttModel: e.STT_MODEL,
          ttsModel: e.TTS_MODEL,
          ttsVoice: e.TTS_VOICE,
          timeoutMs: e.LLM_TIMEOUT_MS,
        }
      : undefined,
    logLevel: e.LOG_LEVEL,
    turnLeaseMs: e.LLM_TIMEOUT_MS + 4_000,
    chatApiKey: e.CHAT_API_KEY,
    nuanxinUrl: e.NUANXIN_URL,
    cookieSecret: e.COOKIE_SECRET,
    cases: {
      webhookUrl: e.NOTIFY_WEBHOOK_URL,
      webhookFormat: e.NOTIFY_WEBHOOK_FORMAT,
      sweepIntervalMs: e.CASE_SWEEP_INTERVAL_MS,
      callbackDelayMinutes: e.CASE_CALLBACK_DELAY_MINUTES,
    },
    wechatOa: e.WECHAT_TOKEN
      ? {
          token: e.WECHAT_TOKEN,
          appId: e.WECHAT_APPID,
          appSecret: e.WECHAT_APPSECRET,
          aesKey: e.WECHAT_AES_KEY,
          replyBudgetMs: e.WECHAT_REPLY_BUDGET_MS,
          apiBaseUrl: (e.WECHAT_API_BASE_URL ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
        }
      : undefined,
    wechaty: { puppet: e.WECHATY_PUPPET, puppetToken: e.WECHATY_PUPPET_TOKEN, name: e.WECHATY_NAME, nuanxinUrl: e.NUANXIN_URL },
    twilio: e.TWILIO_AUTH_TOKEN ? { authToken: e.TWILIO_AUTH_TOKEN, publicBaseUrl: e.PUBLIC_BASE_URL } : undefined,
    speechMaxBytes: e.SPEECH_MAX_BYTES,
    staff: {
      sessionHours: e.STAFF_SESSION_HOURS,
      idleMinutes: e.STAFF_SESSION_IDLE_MINUTES,
      loginAttempts: e.STAFF_LOGIN_ATTEMPTS,
      secureCookies: e.STAFF_COOKIE_SECURE === 'auto' ? !LOOPBACK_HOSTS.has(e.HOST) : e.STAFF_COOKIE_SECURE === 'true',
    },
    handoff: {
      workingHours: parseWorkingHours(e.WORK_HOURS),
      escalateMinutes: e.HANDOFF_ESCALATE_MINUTES,
    },
  };
}

/** Reads the process environment once. */
export function readConfig(): Config {
  return parseConfig(process.env);
}

/** Settings that only the test suite and benchmarks read, kept here so no other file touches process.env. */
export function readTestSettings(): { databaseUrl: string | undefined } {
  const url = process.env.TEST_DATABASE_URL?.trim();
  return { databaseUrl: url ? url : undefined };
}

/** The current environment plus overrides, for spawning child processes (tests, benchmarks, the gateway). */
export function environmentWith(overrides: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...overrides };
}

/** For command-line entry points: the configuration, or one line naming the bad variable and exit code 1. */
export function readConfigOrExit(): Config {
  try {
    return readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
