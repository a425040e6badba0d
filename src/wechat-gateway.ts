// `npm run wechat`: the personal-WeChat gateway, a long-running process on the puppet named by WECHATY_PUPPET.
import { WechatyBuilder } from 'wechaty';
import { readConfigOrExit } from './config.js';
import { createSpeechToText } from './llm/speech.js';
import { createLogger } from './log.js';
import { createRuntime } from './runtime.js';
import { openConfiguredDatabase } from './open-database.js';
import { attachGateway, type GatewayPort } from './channels/wechaty/bot.js';
import { httpPort, inProcessPort } from './channels/wechaty/ports.js';
import { startHttpStaffReplies, startInProcessStaffReplies } from './channels/wechaty/staff-replies.js';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const log = createLogger(config.logLevel);
  const { puppet, puppetToken, name, nuanxinUrl } = config.wechaty;
  const bot = WechatyBuilder.build({ name, puppet: puppet as never, ...(puppetToken ? { puppetOptions: { token: puppetToken } } : {}) });

  let port: GatewayPort;
  let onActive: ((id: string) => void) | undefined;
  const stops: (() => Promise<void> | void)[] = [];
  if (nuanxinUrl) {
    const remote = httpPort(nuanxinUrl, config.chatApiKey);
    const staff = startHttpStaffReplies(remote, bot, log);
    port = remote;
    onActive = (id) => staff.touch(id);
    stops.push(() => staff.stop());
  } else {
    const { database, release } = await openConfiguredDatabase(config);
    const runtime = await createRuntime({ config, database, log });
    port = inProcessPort(runtime);
    const staff = startInProcessStaffReplies(runtime, bot);
    stops.push(
      () => staff.stop(),
      () => runtime.stop(),
      () => database.close(),
      release,
    );
  }

  attachGateway(bot, { port, stt: createSpeechToText(config.llm), log, maxVoiceBytes: config.speechMaxBytes, ...(onActive ? { onActive } : {}) });
  bot.on('scan', (qrcode, status) => {
    process.stdout.write(`扫码登录 (status ${status}): https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}\n`);
  });
  bot.on('login', (user) => log.info('wechaty logged in', { user: user.name() }));
  bot.on('logout', (user) => log.warn('wechaty logged out', { user: user.name() }));
  await bot.start();
  log.info('wechaty gateway started', { puppet, engine: nuanxinUrl ? 'http' : 'in-process' });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void (async () => {
        await bot.stop().catch(() => undefined);
        for (const stop of stops) await Promise.resolve(stop()).catch(() => undefined);
        process.exit(0);
      })();
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`wechaty gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
