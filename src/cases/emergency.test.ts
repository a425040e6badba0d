// Danger now versus danger told: the reviewed words decide which numbers come first, and a past accident in a story asking a question is not a call for help.
import { describe, expect, it } from 'vitest';
import { testLexicon } from '../../tests/support/intent-words.js';
import { questionForms } from '../core/question-forms.js';
import { caseIntentWords } from './intent-words.js';
import { createEmergencyDetector, emergencyReply } from './emergency.js';

const detector = createEmergencyDetector(
  testLexicon.set('cases/emergency'),
  testLexicon.set('cases/policy-question'),
  () => false,
  questionForms(testLexicon).asks,
  testLexicon.set('cases/emergency-told'),
);
const intentWords = caseIntentWords(testLexicon);

describe('emergency detector', () => {
  it('gives the right kinds for danger now', () => {
    expect(detector.detect('人在高速上出事了，车翻了，在成绵高速上')).toContain('road-accident');
    expect(detector.detect('我被他们打了，头在流血')).toEqual(expect.arrayContaining(['injury', 'violence']));
    expect(detector.detect('他们还不让我走')).toEqual(['detention']);
    expect(detector.detect('车着火了')).toEqual(['fire']);
    expect(detector.detect('我拉的危化品罐车漏了，有很刺鼻的味道')).toEqual(['fire']);
    expect(emergencyReply(['fire']).speech).toContain('119');
    expect(detector.detect('我开着开着胸口痛得厉害，手也发麻，现在停在应急车道上')).toEqual(['illness']);
    expect(detector.detect('我家猫咪腿受伤了，附近有宠物医院吗')).toEqual([]);
  });

  it('reads a sudden illness as needing 120, and neither a scare nor debts that take the breath away', () => {
    expect(detector.detect('我老公在高速上胸口痛得受不了，一直出冷汗，车停在应急车道了')).toEqual(['illness']);
    expect(emergencyReply(['illness']).speech).toContain('120');
    expect(detector.detect('交警拦下来吓得我一直出冷汗')).toEqual([]);
    expect(detector.detect('欠了几十万贷款，压力大得喘不过气')).toEqual([]);
    expect(intentWords.injury.test('去年我师傅在驾驶室突发脑梗走了，公司说不算工伤，还能申请吗')).toBe(false);
  });

  it('reads a transcript that spaces every word as one run, but keeps a pause between clauses apart', () => {
    expect(detector.detect('救命 我 胸口 好 痛 喘 不 过 气 在 车 上')).toContain('illness');
    expect(detector.detect('撞 了 撞 了 高速 上 追尾 了 有 人 受伤')).toEqual(expect.arrayContaining(['injury', 'road-accident']));
    expect(detector.detect('要账 的 把 我 堵 在 停车场 不 让 走 已经 两 个 小时 了')).toContain('detention');
    expect(detector.detect('货主威胁 打官司要我全赔 我该咋办')).not.toContain('violence');
    expect(detector.detect('刚刚出了个小刮蹭 没有人受伤')).not.toContain('injury');
  });

  it('reads dangers told without an emergency word, and no danger in being phoned', () => {
    expect(detector.detect('我搭档从车厢上摔下来了 脑壳着地 喊都喊不答应了')).toEqual(['injury']);
    expect(detector.detect('有辆车一直跟着我的货车，刚才还拿东西砸我的挡风玻璃')).toEqual(['violence']);
    expect(detector.detect('后面那个大车刹不住撞上来了，我腿卡到起动不了')).toEqual(expect.arrayContaining(['injury', 'road-accident']));
    expect(detector.detect('货主带了四五个人把我车钥匙抢了，说不结清货损钱就不准走')).toEqual(expect.arrayContaining(['violence', 'detention']));
    expect(detector.detect('货主一直在打我电话催我卸货')).toEqual([]);
    for (const text of [
      '交警说不交罚款就不让走',
      '停车场说不交停车费就不让走',
      '投诉了半个月，一点没反应',
      '你们这个系统抽风了',
      '前面那个车突然倒车，把我车头刮了',
      '卸货的时候货从车上掉下来了，货主要我赔',
      '我手机被车压烂了',
      '老板叫他多拉他不答应',
      '我车排气管冒烟，年检能过不',
      '货主追过来了，非要我赔钱',
    ]) {
      expect(detector.detect(text), text).toEqual([]);
    }
    // A question about the freight after a crash clears the crash, never a driver held.
    expect(detector.detect('仓库把我关起来了，运费还能不能要')).toEqual(['detention']);
  });

  it('treats an accident of the past, its aftermath or others’ accidents, told with a question, as no emergency', () => {
    const told = [
      '去年冬天公司派我跑川藏线，在冰面上侧翻了，腰椎骨折住了三个月院。现在自己去申请工伤认定还来得及吗？',
      '上个月在高速上追尾了一辆小车，交警判我全责，对方说要起诉，挂靠公司要不要担责？',
      '我老公给物流公司开车，路上出了车祸受伤了，公司说这不算工伤，到底算不算？',
      '最近看到好几个同行在路上出事，心里有点怕，个体司机有没有类似工伤的保障？',
    ];
    for (const text of told) {
      expect(detector.detect(text), text).toEqual([]);
      expect(intentWords.emergency.test(text), text).toBe(false);
      expect(intentWords.injury.test(text), text).toBe(false);
    }
  });

  it('leaves which number to call after a crash to the knowledge base, but not when someone is hurt, attacked or on fire', () => {
    for (const text of ['撞车了先打110还是122', '高速上追尾了 报警打哪个', '嗯 高速上 被 后面 车 追尾了 人 没事 报警 打 122 还是 110']) {
      expect(detector.detect(text), text).toEqual([]);
      expect(intentWords.emergency.test(text), text).toBe(false);
    }
    expect(detector.detect('刚刚追尾了 人受伤了 打哪个电话')).toEqual(expect.arrayContaining(['injury', 'road-accident']));
    expect(detector.detect('车着火了 打哪个电话')).toEqual(['fire']);
    expect(detector.detect('我丈夫在路上被人打了，人在车里不敢出来，应该打什么电话')).toContain('violence');
  });

  it('treats a question about consequences (算工伤, 谁赔, 法律援助) as no emergency unless the danger still goes on', () => {
    for (const text of ['下班路上被车撞了算工伤不', '出车祸了要别人赔钱，可以找法律援助吗']) {
      expect(detector.detect(text), text).toEqual([]);
    }
    expect(detector.detect('撞车了人在流血 算工伤吗')).not.toEqual([]);
    expect(detector.detect('刚刚撞车了 先打110还是122')).toContain('road-accident');
  });

  it('treats a danger imagined ahead or an officer’s stop, asked about, as no emergency; a stop by strangers stays one', () => {
    for (const text of [
      '我是自己开车跑长途的，我老婆担心我路上出事没保障，个体司机能不能上工伤保险？',
      '我开的是蓝牌轻卡，有个运管的人拦住我说我没有道路运输证，要罚我，我这种车到底要不要办证？',
      '挂靠的车 出车祸了 公司管不管嘛',
    ]) {
      expect(detector.detect(text), text).toEqual([]);
    }
    expect(detector.detect('几个人把我拦住要钱，怎么办')).toContain('violence');
    expect(detector.detect('运管的人拦住我，现在他们还不让我走')).toContain('detention');
  });

  it('never lets an imagined accident, an officer or a question about who pays clear a danger told as happening now', () => {
    const now: Array<[string, string]> = [
      ['车着火了，要是爆炸了怎么办', 'fire'],
      ['他们拿刀围住我了，如果我报警他们会不会打我', 'violence'],
      ['路政的人把我扣住了，还打了我，在哪报警', 'detention'],
      ['治超站的人要扣车，他们几个人拿棍子要打我', 'violence'],
      ['交警拦车的时候后面一辆车追尾了，车翻了，人受伤了怎么办', 'road-accident'],
      ['昨天开始一直有人跟踪我，今天把我堵住了，咋办', 'violence'],
      ['刚翻车了，腿流血了，老板管不管', 'road-accident'],
      ['车翻了 人卡在里面 公司管不管', 'road-accident'],
      ['车着火了 公司管不管', 'fire'],
      ['车起火了，有没有保险保障', 'fire'],
      ['装卸点把我扣住了不放人，老板管不管', 'detention'],
      ['几个人围住我要钱，平台管不管', 'violence'],
      ['货箱冒烟了，老板说继续开，怎么办', 'fire'],
      ['从昨天晚上开始车就被困在雪里了，到现在还没人来，怎么办', 'danger'],
      ['货主把我关在仓库里，不给运费也不让走，老板管不管', 'detention'],
      ['追尾了，人受伤了，万一出事公司管吗', 'road-accident'],
    ];
    expect(detector.detect('同车的人没了呼吸，怎么办')).toContain('injury');
    for (const [text, kind] of now) {
      expect(detector.detect(text), text).toContain(kind);
      expect(intentWords.emergency.test(text) || intentWords.injury.test(text), text).toBe(true);
    }
  });

  it('keeps the emergency when something says it still goes on, and never dismisses self-harm', () => {
    expect(detector.detect('上个月被他们打过一次，现在他们又来打我了，怎么办')).toContain('violence');
    expect(detector.detect('刚刚在G5上追尾了，对方说要起诉我怎么办')).toContain('road-accident');
    expect(detector.detect('去年出了车祸欠了一身债，我真的不想活了，有什么办法吗')).toContain('self-harm');
    expect(intentWords.emergency.test('去年出了车祸欠了一身债，我真的不想活了，有什么办法吗')).toBe(true);
  });
});

describe('emergency reply', () => {
  it('tells a driver held, threatened or in danger how to reach the police by text when calling is unsafe', () => {
    for (const kind of ['detention', 'violence', 'danger'] as const) {
      const reply = emergencyReply([kind]);
      expect(reply.text).toMatch(/^有.*110/);
      expect(reply.text).toContain('12110');
    }
    expect(emergencyReply(['fire']).text).not.toContain('12110');
  });
});
