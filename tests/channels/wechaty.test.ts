// wechaty gateway on wechaty-puppet-mock: private chat, rooms with and without @, SILK voice, location, duplicates, failures.
import { http, HttpResponse } from 'msw';
import { encode } from 'silk-wasm';
import { FileBox } from 'file-box';
import { WechatyBuilder, type Wechaty } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import * as PUPPET from 'wechaty-puppet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attachGateway, POLITE_FAILURE, type GatewayInput, type GatewayPort } from '../../src/channels/wechaty/bot.js';
import { silkToWav } from '../../src/channels/wechaty/silk.js';
import { createSpeechToText } from '../../src/llm/speech.js';
import { silentLogger } from '../../src/log.js';
import { parseConfig } from '../../src/config.js';
import { createMockNetwork, mswListenOptions } from '../support/msw.js';

const network = createMockNetwork();
beforeAll(() => network.listen(mswListenOptions));
afterEach(() => network.resetHandlers());
afterAll(() => network.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A second of 440 Hz tone as 16-bit PCM, encoded to SILK like a WeChat voice note. */
async function silkFixture(): Promise<Uint8Array> {
  const rate = 24_000;
  const pcm = Buffer.alloc(rate * 2);
  for (let i = 0; i < rate; i++) pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), i * 2);
  return (await encode(pcm, rate)).data;
}

/** The mock's typed emitter hides the message listener signature. */
type MessageSource = { on(event: 'message', listener: (m: mock.MessageMock) => void): void };

interface Harness {
  bot: Wechaty;
  mocker: mock.Mocker;
  user: mock.ContactMock;
  driver: mock.ContactMock;
  seen: GatewayInput[];
  /** Texts the bot sent to the driver (private chat). */
  said: string[];
  stop(): Promise<void>;
}

async function harness(port: (input: GatewayInput) => Promise<string>, stt = createSpeechToText(undefined)): Promise<Harness> {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const bot = WechatyBuilder.build({ puppet });
  const seen: GatewayInput[] = [];
  const gatewayPort: GatewayPort = {
    async handle(input) {
      seen.push(input);
      return { replies: [{ text: await port(input) }] };
    },
  };
  attachGateway(bot, { port: gatewayPort, stt, log: silentLogger });
  await bot.start();
  const user = mocker.createContact({ name: '暖心助手' });
  mocker.login(user);
  const driver = mocker.createContact({ name: '王师傅' });
  const said: string[] = [];
  // ContactMock's typed emitter does not expose the message payload's text directly.
  (driver as unknown as MessageSource).on('message', (m: mock.MessageMock) => {
    if (m.talker().id === user.id) said.push(m.text() ?? '');
  });
  await sleep(50);
  return { bot, mocker, user, driver, seen, said, stop: () => bot.stop() };
}

/** A voice note from the driver: the mock's say() cannot tag a SILK FileBox as audio, so the payload is built directly. */
function sendVoice(h: Harness, silk: Uint8Array, id = `voice-${Date.now()}`) {
  h.mocker.cacheFileBoxPayload.set(id, FileBox.fromBase64(Buffer.from(silk).toString('base64'), 'voice.silk').toJSON());
  h.mocker.MessageMock.create({
    id,
    talkerId: h.driver.id,
    listenerId: h.user.id,
    timestamp: Date.now(),
    type: PUPPET.types.Message.Audio,
  } as PUPPET.payloads.Message);
  h.mocker.puppet.emit('message', { messageId: id });
}

async function until(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await sleep(20);
}

describe('wechaty gateway', () => {
  it('answers private chats and ignores its own messages', async () => {
    const h = await harness(async (i) => `收到：${i.text}`);
    try {
      h.driver.say('附近哪里可以洗澡').to(h.user);
      await until(() => h.said.length > 0);
      expect(h.said).toEqual(['收到：附近哪里可以洗澡']);
      expect(h.seen[0]).toMatchObject({ externalUserId: h.driver.id, text: '附近哪里可以洗澡' });
      h.user.say('我自己发的').to(h.driver);
      // History the puppet replays at login is older than the gateway.
      h.mocker.MessageMock.create({
        id: 'old-1',
        talkerId: h.driver.id,
        listenerId: h.user.id,
        timestamp: Date.now() - 3_600_000,
        type: PUPPET.types.Message.Text,
        text: '昨天的消息',
      } as PUPPET.payloads.Message);
      h.mocker.puppet.emit('message', { messageId: 'old-1' });
      await sleep(200);
      expect(h.seen).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it('answers in a room only when @-mentioned, without the mention in the text', async () => {
    const h = await harness(async (i) => `收到：${i.text}`);
    try {
      const room = h.mocker.createRoom({ topic: '川A车队', memberIdList: [h.user.id, h.driver.id] });
      const roomSaid: string[] = [];
      (room as unknown as MessageSource).on('message', (m: mock.MessageMock) => {
        if (m.talker().id === h.user.id) roomSaid.push(m.text() ?? '');
      });
      h.driver.say('大家好，今天堵车').to(room);
      await sleep(300);
      expect(h.seen).toHaveLength(0);
      h.driver.say('@暖心助手 疲劳驾驶怎么规定的', [h.user]).to(room);
      await until(() => roomSaid.length > 0);
      expect(h.seen[0]?.text).toBe('疲劳驾驶怎么规定的');
      expect(roomSaid[0]).toContain('收到：疲劳驾驶怎么规定的');
    } finally {
      await h.stop();
    }
  });

  it('decodes a SILK voice note, transcribes it and answers', async () => {
    let uploaded: File | undefined;
    network.use(
      http.post('https://stt.test/v1/audio/transcriptions', async ({ request }) => {
        uploaded = (await request.formData()).get('file') as File;
        return HttpResponse.json({ text: '附近的暖心之家' });
      }),
    );
    const stt = createSpeechToText(parseConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'https://stt.test/v1' }).llm);
    const h = await harness(async (i) => `收到：${i.text}`, stt);
    try {
      const silk = await silkFixture();
      sendVoice(h, silk);
      await until(() => h.said.length > 0, 5000);
      expect(h.seen[0]).toMatchObject({ text: '附近的暖心之家', transcript: true });
      expect(uploaded?.name).toBe('voice.wav');
      const wav = new Uint8Array(await (uploaded as File).arrayBuffer());
      expect(Buffer.from(wav.subarray(0, 4)).toString('ascii')).toBe('RIFF');
      expect(wav.byteLength).toBeGreaterThan(24_000);
    } finally {
      await h.stop();
    }
  });

  it('asks to type when a voice note arrives and no speech service is configured', async () => {
    const h = await harness(async (i) => `收到：${i.text}`);
    try {
      sendVoice(h, await silkFixture());
      await until(() => h.said.length > 0);
      expect(h.said[0]).toMatch(/请打字.*12328/);
      expect(h.seen).toHaveLength(0);
    } finally {
      await h.stop();
    }
  });

  it('turns a location message into a station search, and answers a repeated emission once', async () => {
    const h = await harness(async (i) => `位置：${i.location?.lat}`);
    try {
      const payload = {
        id: 'loc-1',
        talkerId: h.driver.id,
        listenerId: h.user.id,
        timestamp: Date.now(),
        type: PUPPET.types.Message.Location,
      } as PUPPET.payloads.Message;
      // The puppet emits the same message twice, as some real puppets do.
      h.mocker.MessageMock.create(payload);
      h.mocker.puppet.emit('message', { messageId: payload.id });
      h.mocker.puppet.emit('message', { messageId: payload.id });
      await until(() => h.said.length > 0);
      await sleep(300);
      expect(h.said).toEqual(['位置：39.995121']);
      expect(h.seen).toHaveLength(1);
      expect(h.seen[0]).toMatchObject({ text: '附近的暖心之家', location: { lat: expect.closeTo(39.995, 2), lon: expect.closeTo(116.334, 2) } });
      expect(h.said).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it('answers politely when the handler fails and keeps serving', async () => {
    let calls = 0;
    const h = await harness(async () => {
      if (++calls === 1) throw new Error('database down');
      return '好的';
    });
    try {
      h.driver.say('第一条').to(h.user);
      await until(() => h.said.length > 0);
      expect(h.said[0]).toBe(POLITE_FAILURE);
      h.driver.say('第二条').to(h.user);
      await until(() => h.said.length > 1);
      expect(h.said[1]).toBe('好的');
    } finally {
      await h.stop();
    }
  });

  it('wraps decoded SILK as a playable WAV', async () => {
    const { wav, durationMs } = await silkToWav(await silkFixture());
    expect(durationMs).toBeGreaterThan(900);
    const view = Buffer.from(wav);
    expect(view.toString('ascii', 8, 12)).toBe('WAVE');
    expect(view.readUInt32LE(24)).toBe(24_000);
    expect(view.readUInt32LE(40)).toBe(wav.byteLength - 44);
  });
});
