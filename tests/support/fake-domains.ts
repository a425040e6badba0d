// Stand-ins for the knowledge, stations and handoff domains, so channel tests exercise rendering before those domains land.
import { createEngine, type Engine } from '../../src/core/engine.js';
import type { KnowledgeProbe, Skill } from '../../src/core/types.js';
import type { Runtime } from '../../src/runtime.js';

export const fakeKnowledge: KnowledgeProbe = { confidence: (text) => (/疲劳驾驶/.test(text) ? 0.9 : 0) };

export const fakeFaq: Skill = {
  async handle() {
    return {
      replies: [
        {
          text: '驾驶人连续驾驶机动车超过4小时未停车休息或者停车休息时间少于20分钟的，属于疲劳驾驶。',
          citations: [{ id: 'rsl-62', title: '道路交通安全法实施条例', source: '第六十二条' }],
        },
      ],
    };
  },
};

export const fakeStations: Skill = {
  async handle(ctx) {
    if (!ctx.location) return { replies: [{ text: '请发送您的位置。' }] };
    return {
      replies: [
        {
          text: '离您最近的暖心之家：',
          stations: [
            {
              id: 'jintang',
              name: '金堂暖心之家',
              distanceKm: 3.2,
              address: '成都市金堂县赵镇',
              amenities: ['热水淋浴', '食堂', '住宿'],
              nav: { amap: `https://uri.amap.com/navigation?to=${ctx.location.lon},${ctx.location.lat}` },
            },
          ],
          quickReplies: ['预约金堂暖心之家'],
        },
      ],
    };
  },
};

export const fakeHandoff: Skill = {
  async handle() {
    return { replies: [{ text: '已为您转人工，工作人员马上就来。' }], mode: 'human', handoff: { reason: 'driver_asked' } };
  },
};

/** Replaces the runtime's engine with one whose FAQ, station and handoff skills are the fakes above. */
export function useFakeDomains(runtime: Runtime): Engine {
  runtime.engine = createEngine({
    store: runtime.conversations,
    skills: { faq: fakeFaq, station: fakeStations, handoff: fakeHandoff },
    knowledge: fakeKnowledge,
  });
  return runtime.engine;
}
