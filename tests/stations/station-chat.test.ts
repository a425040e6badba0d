// Station questions and bookings through /api/chat and the REST routes, including the shared dev-set station questions.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.js';

// 2025-12-01 12:00 in China.
const NOW = new Date('2025-12-01T04:00:00Z');
let t: TestRuntime;
beforeAll(async () => {
  t = await createTestRuntime({ clock: () => NOW });
});
afterAll(async () => {
  await t?.close();
});

const text = (body: any) => body.replies.map((r: any) => r.text).join('\n');

describe('station questions (dev set)', () => {
  it('dev-station-loc: a location finds 沿滩 with cards and nav links', async () => {
    const { status, body } = await t.chat({ userId: 'loc', text: '附近的暖心之家', location: { lat: 29.27, lon: 104.87 } });
    expect(status).toBe(200);
    expect(body.intent).toBe('station');
    expect(text(body)).toContain('沿滩');
    const card = body.replies[0].stations[0];
    expect(card).toMatchObject({ id: 'yantan-fwq', kind: '暖心之家', approximate: true, openNow: true });
    expect(card.distanceKm).toBeLessThan(2);
    expect(card.nav.amap).toMatch(/^https:\/\/uri\.amap\.com\/navigation\?to=104\.88/);
    expect(card.nav.baidu).toContain('api.map.baidu.com');
    expect(card.nav.tencent).toContain('apis.map.qq.com');
  });

  it('dev-station-name: a county name inside a sentence finds 金堂', async () => {
    const { body } = await t.chat({ userId: 'name', text: '金堂附近有没有司机休息的地方' });
    expect(body.intent).toBe('station');
    expect(text(body)).toContain('金堂');
    expect(body.replies[0].stations[0].id).toBe('jintang-fwq');
  });

  it('names the few stations with a rare amenity (a shared kitchen) without asking where the driver is', async () => {
    const { body } = await t.chat({ userId: 'kitchen', text: '有没有能自己做饭的暖心之家，我带了菜' });
    expect(body.intent).toBe('station');
    expect(text(body)).not.toContain('发一下您的位置');
    const cards = body.replies[0].stations as Array<{ amenities?: string[]; id: string }>;
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBeLessThanOrEqual(3);
    expect(text(body)).toContain('共享厨房');
  });

  it('dev-meal: what 暖心之家 offer, with the 10-yuan meal and showers from the data', async () => {
    const { body } = await t.chat({ userId: 'meal', text: '暖心之家有什么服务' });
    expect(['faq', 'station']).toContain(body.intent);
    expect(text(body)).toMatch(/10\s*元/);
    expect(text(body)).toContain('洗');
  });

  it('understands 自贡沿滩 without a location', async () => {
    const { body } = await t.chat({ userId: 'zg', text: '我在自贡沿滩，附近有暖心之家没得' });
    expect(body.replies[0].stations[0].id).toBe('yantan-fwq');
  });

  it('filters by amenity from the sentence', async () => {
    const { body } = await t.chat({ userId: 'shower', text: '附近哪里可以洗澡', location: { lat: 29.78, lon: 104.73 } });
    expect(body.replies[0].stations.every((s: any) => s.amenities.includes('shower'))).toBe(true);
    expect(body.replies[0].stations[0].id).not.toBe('qiuxi-fwq');
  });

  it('asks for a location when it has neither position nor place', async () => {
    const { body } = await t.chat({ userId: 'where', text: '附近哪里可以洗澡' });
    expect(text(body)).toContain('位置');
    expect(body.replies[0].stations).toBeUndefined();
  });

  it('takes the place said next as the answer, keeping what was asked for', async () => {
    await t.chat({ userId: 'where-next', text: '附近哪里可以洗澡' });
    const { body } = await t.chat({ userId: 'where-next', text: '我在金堂' });
    expect(body.intent).toBe('station');
    expect(text(body)).toContain('离成都市金堂县最近的能洗澡');
    expect(body.replies[0].stations[0].id).toBe('jintang-fwq');
    expect(body.replies[0].stations.every((s: any) => s.amenities.includes('shower'))).toBe(true);
    // A bare city name answers it too, by voice as well.
    await t.chat({ userId: 'where-voice', channel: 'voice', text: '高速上哪里可以免费洗澡' });
    const city = await t.chat({ userId: 'where-voice', channel: 'voice', text: '宜宾那边的' });
    expect(city.body.intent).toBe('station');
    expect(city.body.replies[0].stations.length).toBeGreaterThan(0);
  });

  it('drops the question when the driver asks something else instead', async () => {
    await t.chat({ userId: 'where-else', text: '附近有司机之家吗' });
    const other = await t.chat({ userId: 'where-else', text: '疲劳驾驶怎么规定的' });
    expect(other.body.intent).toBe('faq');
    expect(text(other.body)).not.toContain('位置');
    const later = await t.chat({ userId: 'where-else', text: '劳动仲裁收费吗' });
    expect(later.body.intent).toBe('faq');
  });

  it('gives the nearest stations to the place named when none are recorded on the road', async () => {
    await t.chat({ userId: 'road-place', text: '附近有司机之家吗' });
    const { body } = await t.chat({ userId: 'road-place', text: '在G85上 快到内江了' });
    expect(text(body)).toMatch(/^G85上没有收录/);
    expect(text(body)).toContain('离内江市最近');
    expect(body.replies[0].stations.length).toBeGreaterThan(0);
  });

  it('compares two stations named together, with both cards and which has what was asked', async () => {
    const { body } = await t.chat({ userId: 'compare', text: '金堂和沿滩那两个暖心之家，哪个可以洗衣服' });
    expect(text(body)).toMatch(/^金堂服务区暖心之家和沿滩服务区暖心之家都能洗衣/);
    expect(body.replies[0].stations.map((s: { name: string }) => s.name)).toEqual(['金堂服务区暖心之家', '沿滩服务区暖心之家']);
  });

  it('names the nearest stations when none records the service asked for', async () => {
    const { body } = await t.chat({ userId: 'no-heating', text: '宜宾附近哪个服务区可以热饭' });
    expect(text(body)).toMatch(/^没有查到能热饭的站点的记录/);
    expect(text(body)).toContain('离宜宾市最近');
    expect(body.replies[0].stations.length).toBeGreaterThan(0);
  });

  it('says when nothing is within reach and gives the nearest anyway', async () => {
    const { body } = await t.chat({ userId: 'far', text: '附近哪里可以洗澡', location: { lat: 33.58, lon: 102.96 } });
    expect(text(body)).toMatch(/80公里内没有/);
    expect(body.replies[0].stations).toHaveLength(1);
  });

  it("answers a highway question without position with the road's stations", async () => {
    const { body } = await t.chat({ userId: 'g5', text: 'G5往成都方向下一个能住的' });
    expect(body.intent).toBe('station');
    expect(body.replies[0].stations.map((s: any) => s.id)).toEqual(['xichang-fwq']);
  });

  it('gives voice a short speech without links', async () => {
    const { body } = await t.chat({ userId: 'voice', channel: 'voice', text: '附近的暖心之家', location: { lat: 29.27, lon: 104.87 } });
    expect(body.replies[0].text.length).toBeLessThanOrEqual(120);
    expect(body.replies[0].text).not.toMatch(/https?:/);
  });
});

describe('booking through the conversation', () => {
  it('collects station, date, name and phone, confirms, books and cancels', async () => {
    const u = 'booker';
    await t.chat({ userId: u, text: '附近的暖心之家', location: { lat: 30.9, lon: 104.48 } });
    let r = await t.chat({ userId: u, text: '预约第1个' });
    expect(r.body.intent).toBe('booking');
    expect(text(r.body)).toContain('哪天');
    r = await t.chat({ userId: u, text: '明天' });
    expect(text(r.body)).toContain('姓名');
    // The station and day are read back before the form asks for more.
    expect(text(r.body)).toContain('金堂');
    expect(text(r.body)).toContain('12月2日');
    r = await t.chat({ userId: u, text: '张建国' });
    expect(text(r.body)).toContain('手机');
    r = await t.chat({ userId: u, text: '1381234567' });
    expect(text(r.body)).toContain('手机号好像不对');
    r = await t.chat({ userId: u, text: '13812345678' });
    expect(text(r.body)).toContain('138****5678');
    expect(text(r.body)).toContain('12月2日');
    r = await t.chat({ userId: u, text: '确认' });
    const booking = r.body.replies[0].booking;
    expect(booking).toMatchObject({ stationId: 'jintang-fwq', day: '2025-12-02', name: '张建国', phone: '138****5678', status: 'confirmed' });
    expect(booking.code).toMatch(/^NX[2-9A-HJKMNP-Z]{6}$/);

    r = await t.chat({ userId: u, text: '我的预约' });
    expect(text(r.body)).toContain(booking.code);
    r = await t.chat({ userId: u, text: `取消预约 ${booking.code}` });
    expect(r.body.replies[0].booking).toMatchObject({ code: booking.code, status: 'cancelled' });
  });

  it('rejects a past date and a date too far ahead in the conversation', async () => {
    let r = await t.chat({ userId: 'dates', text: '预约金堂服务区11月20号' });
    expect(text(r.body)).toContain('已经过去');
    r = await t.chat({ userId: 'dates', text: '1月20号' });
    expect(text(r.body)).toContain('30天以内');
  });

  it('answers another question mid-form and reminds the driver of the booking', async () => {
    await t.chat({ userId: 'interrupt', text: '预约金堂服务区明天' });
    const r = await t.chat({ userId: 'interrupt', text: '附近哪里可以洗澡', location: { lat: 29.27, lon: 104.87 } });
    expect(r.body.replies[0].stations[0].id).toBe('yantan-fwq');
    expect(text(r.body)).toContain('床位预约还差姓名');
  });
});

describe('REST', () => {
  const post = (id: string, body: unknown) =>
    t.app.request(`/api/stations/${id}/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const valid = { date: '2025-12-10', name: '李四', phone: '13912345678' };

  it('lists nearest stations with an amenity filter', async () => {
    const res = await t.app.request('/api/stations?lat=29.27&lon=104.87&amenity=shower');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.stations[0].id).toBe('yantan-fwq');
    expect((await t.app.request('/api/stations?lat=29&lon=104&amenity=sauna')).status).toBe(400);
  });

  it('books with 201, rejects bad input with a named field, 404 for an unknown station', async () => {
    const ok = await post('yantan-fwq', valid);
    expect(ok.status).toBe(201);
    const bad = await post('yantan-fwq', { ...valid, phone: '12345' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.field).toBe('phone');
    const past = await post('yantan-fwq', { ...valid, date: '2025-11-01' });
    expect(((await past.json()) as any).error).toMatchObject({ field: 'date', problem: 'past_date' });
    expect((await post('nowhere', valid)).status).toBe(404);
    const extra = await post('yantan-fwq', { ...valid, colour: 'red' });
    expect(extra.status).toBe(400);
  });

  it('answers 409 with the next nearest stations when full, and frees a bed on DELETE', async () => {
    const day = { ...valid, date: '2025-12-20' };
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await post('jintang-fwq', { ...day, phone: `1391234560${i}` });
      expect(res.status).toBe(201);
      codes.push(((await res.json()) as any).booking.code);
    }
    const full = await post('jintang-fwq', { ...day, phone: '13912345699' });
    expect(full.status).toBe(409);
    const body = (await full.json()) as any;
    expect(body.error.field).toBe('stationId');
    expect(body.alternatives.length).toBeGreaterThan(0);
    const del = await t.app.request(`/api/bookings/${codes[0]}?phone=13912345600`, { method: 'DELETE' });
    expect(((await del.json()) as any).booking.status).toBe('cancelled');
    expect((await post('jintang-fwq', { ...day, phone: '13912345699' })).status).toBe(201);
    expect((await t.app.request('/api/bookings/NX222222?phone=13912345600', { method: 'DELETE' })).status).toBe(404);
  });

  it('lets one phone hold one bed a night, and shows or cancels a booking only to its booker (issue 12)', async () => {
    const night = { ...valid, date: '2025-12-22', phone: '13700000001' };
    const first = await post('yantan-fwq', night);
    expect(first.status).toBe(201);
    const code: string = ((await first.json()) as any).booking.code;
    for (const station of ['yantan-fwq', 'jintang-fwq']) {
      const again = await post(station, night);
      expect(again.status).toBe(409);
      expect(((await again.json()) as any).error).toMatchObject({ field: 'phone', problem: 'phone_already_booked' });
    }
    // Another night is fine.
    expect((await post('yantan-fwq', { ...night, date: '2025-12-23' })).status).toBe(201);
    // The code alone, or with another phone, reads and cancels nothing.
    expect((await t.app.request(`/api/bookings/${code}`)).status).toBe(400);
    for (const method of ['GET', 'DELETE']) expect((await t.app.request(`/api/bookings/${code}?phone=13700000002`, { method })).status).toBe(404);
    expect(((await (await t.app.request(`/api/bookings/${code}?phone=13700000001`)).json()) as any).booking.status).toBe('confirmed');
    // 2026-02-30 does not exist: an invalid date, not a past one.
    const feb30 = await post('yantan-fwq', { ...night, date: '2026-02-30' });
    expect(((await feb30.json()) as any).error).toMatchObject({ field: 'date', problem: 'bad_date' });
  });
});
