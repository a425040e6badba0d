// What the intake form says: questions per slot, the summary with the evidence checklist, and the filing receipt.
import type { Reply } from '../core/types.js';
import { HOTLINES } from '../core/hotlines.js';
import { categoryHotline, legalRoute } from './advice.js';
import { CASE_CATEGORIES, CATEGORY_INFO } from './categories.js';
import { formatYuan } from './chinese-number.js';
import { maskPhone, maskPhonesIn } from './extract.js';
import type { IntakeSlots, SlotName } from './intake-state.js';
import type { PlaceFinder } from './places.js';
import type { CaseLevel, RoutingRules } from './routing.js';

const CANCEL_HINT = '不办了说“算了”。';

export function question(slot: SlotName, slots: IntakeSlots, places: PlaceFinder): Reply {
  switch (slot) {
    case 'category':
      return {
        text: '好的，我帮您登记诉求。请问是哪方面的问题？',
        speech: '好的，我帮您登记。请问是哪方面的问题，比如欠运费、欠工资、乱罚款？',
        quickReplies: CASE_CATEGORIES.map((c) => CATEGORY_INFO[c].label),
      };
    case 'description':
      return { text: `请简单说说发生了什么事，比如“货主欠我运费两万，说好月底结一直拖着”。${CANCEL_HINT}` };
    case 'counterpart':
      return { text: '对方是谁？公司名称或者老板的称呼都行（比如“成都某某物流公司”“王老板”），不知道就说“不知道”。', quickReplies: ['不知道'] };
    case 'amountYuan':
      return { text: '涉及多少钱？说个大概数就行，比如“三万”或“30000元”，不清楚就说“不知道”。', quickReplies: ['不知道'] };
    case 'startedAt':
      return { text: '这事是什么时候开始的？比如“三个月了”“去年十月”。', quickReplies: ['不记得了'] };
    case 'place': {
      if (slots.cityCode && !slots.countyCode) {
        const city = places.city(slots.cityCode);
        const counties = places
          .countiesOf(slots.cityCode)
          .slice(0, 6)
          .map((c) => c.shortName);
        return { text: `${city?.name ?? ''}哪个区县？办理会转到当地。不清楚就说“不知道”，我们转到市里。`, quickReplies: [...counties, '不知道'] };
      }
      return { text: '事情发生在哪个区县（或者您常跑的地方）？比如“金堂”“沿滩区”。我们按地方转给当地办理。', quickReplies: ['不知道'] };
    }
    case 'employment':
      return {
        text: '您是给老板开车（受雇、拿工资），还是自己的车（个体或挂靠）？这关系到走劳动仲裁还是合同纠纷。',
        quickReplies: ['给老板开车', '自己的车'],
      };
    case 'phone':
      return { text: '留个手机号方便办理单位回访您（11位手机号）。不想留就说“不留”，我们就在这里回复您。', quickReplies: ['不留'], expects: 'phone' };
  }
}

const LEVEL_NAMES: Record<CaseLevel, string> = { county: '县级', city: '市级', province: '省级' };

/** Where a case goes, in words: 成都市金堂县（县级受理）. */
export function deskLabel(level: CaseLevel, desk: string, places: PlaceFinder): string {
  const code = desk.split(':')[1] ?? '';
  const name =
    level === 'county'
      ? `${places.city(places.county(code)?.cityCode ?? '')?.name ?? ''}${places.county(code)?.name ?? code}`
      : level === 'city'
        ? (places.city(code)?.name ?? code)
        : '四川省';
  return `${name}（${LEVEL_NAMES[level]}受理）`;
}

/** Who the driver is in the dispute, as the summary and a correction say it. */
function employmentLabel(employment: IntakeSlots['employment']): string {
  return employment === 'employed' ? '受雇司机' : employment === 'owner_operator' ? '自己跑车（个体/挂靠）' : '不清楚';
}

/**
 * A correction said back with what it changed ("好的，开始时间改为：两个月前。"), so the driver hears it was understood; a
 * change to the story alone is only acknowledged.
 */
export function saidBack(changed: readonly string[], slots: IntakeSlots): string {
  const values: Partial<Record<SlotName, [string, string]>> = {
    category: ['类别', CATEGORY_INFO[slots.category ?? 'other'].label],
    counterpart: ['对方', slots.counterpart ?? '不清楚'],
    amountYuan: ['金额', slots.amountYuan ? formatYuan(slots.amountYuan) : '不清楚'],
    startedAt: ['开始时间', slots.startedText ?? '不记得'],
    place: ['地点', slots.placeLabel ?? '不清楚'],
    employment: ['身份', employmentLabel(slots.employment)],
    phone: ['回访电话', slots.phone ? maskPhone(slots.phone) : '不留'],
  };
  const parts = [...new Set(changed)].flatMap((slot) => {
    const v = values[slot as SlotName];
    return v ? [`${v[0]}改为：${v[1]}`] : [];
  });
  return parts.length ? `好的，${parts.join('；')}。` : '好的，已修改。';
}

export function summary(
  slots: IntakeSlots,
  route: { level: CaseLevel; desk: string },
  places: PlaceFinder,
  linked?: { line: string; spoken: string },
): Reply {
  const category = slots.category ?? 'other';
  const info = CATEGORY_INFO[category];
  const lines = [`· 类别：${info.label}`, `· 经过：${slots.description ? maskPhonesIn(slots.description) : '（未说明）'}`];
  if (slots.counterpart !== undefined && category !== 'family') lines.push(`· 对方：${slots.counterpart ?? '不清楚'}`);
  if (info.asksAmount || slots.amountYuan) lines.push(`· 金额：${slots.amountYuan ? formatYuan(slots.amountYuan) : '不清楚'}`);
  lines.push(`· 开始时间：${slots.startedText ?? '不记得'}`);
  lines.push(`· 地点：${slots.placeLabel ?? '不清楚'}`);
  if (info.asksEmployment) lines.push(`· 身份：${employmentLabel(slots.employment)}`);
  lines.push(`· 回访电话：${slots.phone ? maskPhone(slots.phone) : '不留（在这里回复您）'}`);
  if (linked) lines.push(linked.line);
  const advice = [legalRoute(category, slots.employment), categoryHotline(category)].filter(Boolean);
  const text = [
    '请核对要登记的诉求：',
    ...lines,
    `登记后立即转到：${deskLabel(route.level, route.desk, places)}`,
    `请保留好这些证据：${info.evidence.join('；')}。`,
    ...advice,
    `没问题请回复“确认”；要改直接说，比如“不对，金额是三万”；${CANCEL_HINT}`,
  ].join('\n');
  return { text, speech: readBack(slots, info.label, info.asksAmount, linked?.spoken), quickReplies: ['确认', '算了'] };
}

/** The spoken read-back: what a driver must be able to check by ear — the counterpart, amount, place and phone in digit groups. */
function readBack(slots: IntakeSlots, label: string, asksAmount: boolean, linked?: string): string {
  const phone = slots.phone ? `${slots.phone.slice(0, 3)} ${slots.phone.slice(3, 7)} ${slots.phone.slice(7)}` : '不留';
  const parts = [
    label,
    slots.counterpart ? `对方${slots.counterpart}` : '',
    asksAmount || slots.amountYuan ? `金额${slots.amountYuan ? formatYuan(slots.amountYuan) : '不清楚'}` : '',
    `地点${slots.placeLabel ?? '不清楚'}`,
    `电话${phone}`,
    linked ?? '',
  ].filter(Boolean);
  return `我念一下：${parts.join('，')}。没问题请说确认，要改直接说。`;
}

export function consentQuestion(): Reply {
  return {
    text: '为了办理，需要把您说的情况和联系方式转给承办单位（当地交通运输等部门）。您同意转给他们吗？',
    speech: '需要把您说的情况转给承办单位办理，您同意吗？',
    quickReplies: ['同意', '不同意'],
  };
}

export function consentRefused(): Reply {
  return {
    text: [
      '好的，尊重您的决定。您的情况不会登记，也不会转给任何部门。',
      '这也意味着没有单位会跟进办理这件事，我们也没法帮您催办。',
      `您也可以自己拨打${HOTLINES.transport}（交通运输服务监督热线）反映，法律问题可以拨打${HOTLINES.legal}（公共法律服务热线）咨询。`,
      '改主意了随时说“我要反映问题”重新登记。',
    ].join('\n'),
    speech: `好的，不登记，也不转给任何部门，就没人跟进了。您也可以自己打${HOTLINES.transport}反映。`,
  };
}

export function filedReceipt(number: string, route: { level: CaseLevel; desk: string }, rules: RoutingRules, places: PlaceFinder): Reply {
  const d = rules.deadlines;
  return {
    text: [
      `已登记，诉求编号：${number}。`,
      `已立即转到${deskLabel(route.level, route.desk, places)}办理，${d.feedbackWorkingDays}个工作日内会反馈进展，${d.opinionWorkingDays}个工作日内给出处理意见。`,
      '请保管好证据。想知道进度，随时说“我的诉求办得怎么样了”。',
    ].join('\n'),
    speech: `已登记，编号${number}，已转给当地办理，有进展会告诉您。`,
    caseId: number,
    quickReplies: ['我的诉求办得怎么样了'],
  };
}

export function cancelled(): Reply {
  return { text: '好的，已取消，这件事没有登记。需要时随时说“我要反映问题”。', speech: '好的，已取消，没有登记。' };
}
