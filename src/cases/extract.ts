// Offline slot extraction for grievance intake: category, amount, when, where, counterpart, employment, phone, urgency.
import type { GeoPoint } from '../core/types.js';
import type { CaseCategory } from './categories.js';
import { detectCategory, type CaseWords } from './case-words.js';
import { findAmount } from './chinese-number.js';
import { findStartedAt, type StartedAt } from './dates.js';
import type { PlaceFinder, PlaceMatch } from './places.js';

export type Employment = 'employed' | 'owner_operator';

export interface ExtractedSlots {
  category?: CaseCategory;
  amountYuan?: number;
  startedAt?: StartedAt;
  place?: PlaceMatch;
  counterpart?: string;
  employment?: Employment;
  /** null: the driver said they will not leave a number. */
  phone?: string | null;
}

const PHONE = /(?<!\d)(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/;

/** The first mainland mobile number in the text, digits only. */
export function findPhone(text: string): string | undefined {
  const m = PHONE.exec(text);
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
}

/** 13812345678 → 138****5678, so a number echoed back in a chat is not exposed in full. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}

/** Every mobile number in a text masked, for echoing the driver's own words back. */
export function maskPhonesIn(text: string): string {
  return text.replace(new RegExp(PHONE.source, 'g'), (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

/** Digits that look like an attempt at a phone number but are not a valid mobile number. */
export function looksLikeBadPhone(text: string): boolean {
  return !findPhone(text) && /\d{6,}/.test(text.replace(/[\s-]/g, ''));
}

// Strong signals decide alone; weak ones only when no strong signal points the other way.
export function findEmployment(text: string, words: Pick<CaseWords, 'employment'>): Employment | undefined {
  const employed = words.employment.employed.test(text);
  const owner = words.employment.ownerOperator.test(text);
  if (employed && !owner) return 'employed';
  if (owner && !employed) return 'owner_operator';
  if (!employed && !owner && words.employment.employer.test(text)) return 'employed';
  return undefined;
}

const ORG_SUFFIX =
  '(?:有限责任公司|股份有限公司|有限公司|物流公司|运输公司|货运公司|贸易公司|金融公司|保险公司|汽贸公司|租赁公司|公司|物流|运输队|车队|集团|货运部|配货站|信息部|厂|平台|4S店|汽贸)';
const ORG = new RegExp(`([\\u4e00-\\u9fa5A-Za-z0-9]{2,16}?${ORG_SUFFIX})`);
const PERSON = /([\u4e00-\u9fa5])(老板|总|经理|老总)/g;
const SURNAME_SAID = /(老板|经理|老总|那个人|对方)(姓|叫)([\u4e00-\u9fa5]{1,3})/;
const NOT_SURNAME = /[我你他她它的了是个被欠大小老那这该找跟和给帮说问个]/;
// Words that precede the organisation name in a sentence but are not part of it.
const LEAD_IN = /^(.*(?:是|叫|被|给|帮|找|在|的|跟|和|让|欠我|欠了我|拖欠|那个|这个|一家|一个|个))/;

export function findCounterpart(text: string, words: Pick<CaseWords, 'platforms'>): string | undefined {
  const org = ORG.exec(text);
  if (org) {
    let name = org[1] as string;
    const lead = LEAD_IN.exec(name);
    if (lead && lead[1] && lead[1].length < name.length - 1) name = name.slice(lead[1].length);
    if (name.length >= 2 && !/^(公司|平台|物流|车队|厂)$/.test(name)) return name;
  }
  const platform = words.platforms.exec(text);
  if (platform) return platform.match[0];
  const said = SURNAME_SAID.exec(text);
  if (said) return `${said[3]}${said[1] === '那个人' || said[1] === '对方' ? '' : said[1]}`;
  for (const m of text.matchAll(PERSON)) if (!NOT_SURNAME.test(m[1] as string)) return `${m[1]}${m[2]}`;
  return undefined;
}

export interface ExtractOptions {
  now: Date;
  places: PlaceFinder;
  location?: GeoPoint;
  /** The form's words (knowledge/lexicon/cases: categories, employment, platforms). */
  words: CaseWords;
}

export function extractSlots(text: string, opts: ExtractOptions): ExtractedSlots {
  const phone = findPhone(text);
  // Phone digits must not read as an amount or a date.
  const rest = phone ? text.replace(PHONE, ' ') : text;
  const slots: ExtractedSlots = {};
  const category = detectCategory(rest, opts.words);
  if (category) slots.category = category;
  const amount = findAmount(rest);
  if (amount !== undefined) slots.amountYuan = amount;
  const started = findStartedAt(rest, opts.now);
  if (started) slots.startedAt = started;
  const place = opts.places.find(rest) ?? (opts.location ? opts.places.nearest(opts.location) : undefined);
  if (place) slots.place = place;
  const counterpart = findCounterpart(rest, opts.words);
  if (counterpart) slots.counterpart = counterpart;
  const employment = findEmployment(rest, opts.words);
  if (employment) slots.employment = employment;
  if (phone) slots.phone = phone;
  else if (NO_PHONE.test(rest)) slots.phone = null;
  return slots;
}

const NO_PHONE = /不留(电话|号码|手机)|(电话|号码|手机号?)(就)?不留|不方便留(电话|号码)?/;

export type UrgentKind = 'injury' | 'threat' | 'accident_now' | 'self_harm';

const URGENT: [UrgentKind, RegExp][] = [
  ['self_harm', /不想活|活不下去|想死|去死了算|自杀|轻生|跳楼|跳河|喝药|寻短见|了结自己/],
  ['injury', /受伤了|受了伤|流血|出血|骨折|昏迷|晕过去|人不行了|快不行了|被打伤|打伤了|被砍|砍伤|伤得(很|好|太)?重/],
  [
    'threat',
    /威胁(要)?(杀|弄死|打|砍|弄)|要(杀|弄死|砍|打断)我|弄死我|杀了我|不让我走|关起来|扣住我|绑架|持刀|拿刀|堵住我|围住我|正在打我|在打我|被打了|打我了/,
  ],
  ['accident_now', /(刚刚|刚才|现在|正在|刚)(出了?|发生了?)?(车祸|事故|翻车|撞)|车祸了|翻车了|着火了|起火了|救命|快来人/],
];

/** Words that mean someone is in danger now: skip the form, give emergency numbers, hand to a human. */
export function detectUrgent(text: string): UrgentKind | undefined {
  for (const [kind, re] of URGENT) if (re.test(text)) return kind;
  return undefined;
}

export const CANCEL =
  /^(算了|不办了|不弄了|不搞了|不投诉了|不反映了|不登记了|取消|取消登记|不用了|不要了|没事了|撤销|先不|先不了|等会再说|以后再说)[吧了啊呢。！!，,\s]*$/;
export const YES =
  /^(对|对的|是|是的|是滴|嗯|嗯嗯|好|好的|行|可以|确认|确定|没问题|没错|同意|提交|登记吧|就这样|对头|要得|要得嘛|中|ok|OK|yes)[吧了啊呢的。！!，,\s]*$/i;
export const NO = /^(不对|不是|错了|有错|不行|不要|不同意|不愿意|不想|否|no)[吧了啊呢的。！!，,\s]*$/i;
// A field named with its new value ("金额是二十五万") corrects it as surely as 不对 does.
export const CORRECTION =
  /^(不对|不是|错了|说错了|搞错了|更正|改一下|改成|应该是|是|(金额|钱数|地点|地方|对方|公司|时间|电话|号码)\s*(应该|其实)?\s*(是|改成|改为))[，,。\s]*/;
/** "I don't know / none" for optional slots. */
export const SKIP = /^(不知道|不清楚|不记得|记不清|忘了|没有|没得|莫得|不晓得|不方便|不留|跳过|没)[了吧啊呢。！!，,\s]*$/;
