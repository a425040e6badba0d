// Intent detection: ordered rules over normalised text, with the knowledge base's confidence deciding FAQ vs. unknown.
import type { GeoPoint, Intent, KnowledgeProbe } from './types.js';

export interface IntentInput {
  text: string;
  location?: GeoPoint;
}

export interface IntentDecision {
  intent: Intent;
  /** Why this intent won, for logs and tests. */
  rule: string;
  faqConfidence: number;
}

// Someone in danger now: always the grievance path, which gives emergency numbers first and files an urgent case.
const EMERGENCY =
  /救命|快来人|不想活|活不下去|想死|想不开|自杀|轻生|跳楼|跳河|被砍|砍伤|威胁(要)?(杀|弄死|打|砍)|要(杀|弄死|砍)我|弄死我|杀了我|不让我走|绑架|持刀|拿刀|(刚刚|刚才|现在|正在|刚)(出了?|发生了?)?(车祸|事故|翻车)|着火了|起火了/;
// Injury words are an emergency when told, but also appear in policy questions ("受伤了能申请法律援助吗").
const INJURY = /受伤了|受了伤|流血|骨折|昏迷|打伤|车祸了|翻车了/;

// Speech transcripts put spaces between words ("叫 工作人员 跟我 说"), so the rules allow them.
// A person to talk to is asked for by role (负责的人, 领导), as 活人 against the bot, or as a call with staff.
const HANDOFF =
  /(转|找|接|要|跟|和|叫|换)\s*(个|一个)?\s*(人工|真人)|人工客服|人工服务|真人客服|我要跟人说|找个人说|(找|叫|喊|换)\s*(你们)?\s*(个|一个)?\s*(工作人员|客服|负责的?人|管事的?人?|领导|活人)|有没有(活人|真人)|(跟|和|同)\s*(你们)?\s*(的)?\s*(工作人员|客服|真人|活人)\s*(直接)?\s*(说|讲|聊|谈|通话|通电话|打电话)/;

// "我上礼拜反映的那个事", "帮我老公登记过一个投诉": a case the driver (or family) filed, then how it is going.
const FILED_CASE =
  /我.{0,8}(反映|投诉|登记|举报|提交|报)(过|了)?的?(一个|一件|那个|那件)?(事情?|诉求|投诉|案子|工单|问题).{0,10}(怎么样|咋样|如何了|进展|进度|办得|办好|结果|到哪|有消息|有下文|有回音|有回复|有答复|有人管|处理了?(吗|没|没有|不))/;
const CASE_STATUS =
  /SC-\d{4}-\d{3,}|(我的|我那个|我之前的?|我上次的?|我上回的?|我前几天的?|之前的|上次的?|上回的?|我反映的|我投诉的)(诉求|投诉|反映|案子|工单|事情?).{0,8}(怎么样|咋样|如何|进度|办得|办好|结果|到哪|有消息|有下文|有回音|有回复|有答复|处理)|(诉求|投诉|工单)(的)?(进度|办理情况|处理结果|办到哪)|查(询|一下|下)?(我的)?(诉求|工单|投诉)/i;

const BOOKING =
  /预约|预订|(订|留|约|占)[个张间一两三四五几]{0,3}(床|铺|房|位)|床位|我的订单|取消(预约|预订|订单)|退订|约(个|一个)(床|铺|澡)|订个?澡/;

const STATION_PLACE = /暖心之家|司机之家|服务区|驿站|休息区|停车区/;
const ROAD_RULE = /警告标志|警示牌|警告牌|三角(牌|架)|扣分|罚款|疲劳/;
const STATION_NEED = /洗(个|一个|一)?澡|冲凉|吃(个|顿|一顿|口|点)?(热)?饭|住宿|住(一)?晚|歇(一|个)?(晚|夜)|睡(个|一)?(觉|晚)|过夜|歇脚|休息的地方|停车|加油|修车|充电|洗衣|洗衣服|落脚|能住|可以住|地方住|住的地方|睡的地方/;
// "X那边/这一带" names a place to look in; "有地方…吗" asks whether one exists.
// "X有暖心之家吗", "有歇脚的地方吗": asking whether one exists is a search too.
const STATION_SEEK =
  /附近|最近|周边|旁边|前面|前方|下一个|哪里|哪儿|哪点|哪个地方|在哪|有没有|有没得|有莫得|哪有|多远|怎么走|咋个走|导航|位置|地址|那边|这边|那一带|这一带|沿路|沿途|(有|找)(个)?地方|有.{0,6}的地方|有.{0,6}(暖心之家|司机之家|服务区|驿站|休息区|停车区)(吗|没|不|嘛|呢)|那段|这段|路段|一路上|有.{0,8}的(点|地方)(没有|没|吗|不|嘛)?/;

// 立案 alone is also a step drivers ask about ("仲裁立案后多久出结果"); only asking for one files a grievance.
// Family members file for the driver: 我想帮他反映, 替我老公投诉.
const GRIEVANCE_FILE =
  /我要(投诉|举报|反映|维权|告|立案)|我想(投诉|举报|反映)|(我想|我要|想|要)(帮|替|给)(他|她|我老公|我男人|我爱人|我家那口子|我爸|我儿子|他们)(投诉|举报|反映|登记|维权)|帮我(投诉|举报|反映|登记|维权|要回|追回|讨回|立案)|要投诉|(投诉|举报)(他|她|他们|这个|那个)|申诉/;
const GRIEVANCE_STORY =
  /欠(我|了我|着我)|拖欠|拖起|不拿钱|遭(了)?(罚|偷|骗|打|抢|扣)|不给(我)?(钱|运费|工资|结账|结算)|(一分钱|钱|运费|工资)(都|也)?没(给|结|付)|没(给|结|付)(我)?(钱|运费|工资)|不结(账|算|运费)|赖账|扣(我|押)(的)?(钱|运费|工资|押金|证|车)|乱罚|乱收费|被罚|罚(了)?我|被骗|骗了我|被偷|偷(了)?(我的)?(油|货)|被抢|被(人|他们|人家|几个人)(打|砍|抢|偷|骗|扣)|敲诈|勒索|威胁我|打我|被打|出车祸|撞了|受伤了|(?<!赔)不赔|拒赔|套路|不还|不退|(油|货|东西|电瓶|轮胎|钱)(被|遭)(偷|抽|盗|撬|抢|骗)|把我(的)?.{0,5}扣(了|着|住|下)/;

// "电话" and "几" also appear in statements ("电话138…", "欠了好几个月"), so they count only in asking shapes.
// A-not-A (赔不赔, 管不管) and 谁/哪 are question forms whatever the verb.
const QUESTION =
  /[?？]|吗|呢$|么$|(没有|没得|不)$|(?<verb>\p{Script=Han})[不没]\k<verb>|怎么|怎样|咋个|咋办|如何|什么|啥子|谁|哪(?!怕)|多少|多久|好久|多长|可以.*(不|吗)|是否|规定|政策|标准|(电话|热线)(号码?)?(是)?(多少|几)|打(什么|啥|几)|第几|(?<!好)几(点|号|天|年|个|小时|分钟|分|次|倍|项|种|条)(吗|呢|啊)?$|几(年|天|个月|小时)(就|还|内|以内|之内)|是.{1,12}还是|真的假的|(一共|总共|总计|合计).{0,6}几|有.{1,12}没$|是真的不|对不对|(投诉|举报|咨询|求助|服务|维权|援助|报警)(电话|热线|号码)$/u;

// A bare topic ("套路贷", "绿通") asks about it; a story has a teller, a tense or a complaint in it.
const STORY_MARKS = /[我了被遭欠不没拖]/;
const BARE_TOPIC_MAX = 6;

// "师傅你好 你都能干些啥": a greeting or an address may come first; asking what the bot can do is smalltalk too.
const SMALLTALK_LEAD = /^((师傅|老师|美女|帅哥|兄弟|同志|你好|您好|哈喽|喂)[啊呀，,\s]*)+/;
// "谢了哈师傅": the address may also come last.
const SMALLTALK_TAIL = /[，,\s]*(师傅|老师|美女|帅哥|兄弟|同志)[啊呀哈了呢吧!！。.~～\s]*$/;
const CAPABILITY = /^你(都|还)?(能|会|可以)(干|做|帮(我|忙)?)(些|点|哪些)?(什么|啥)(事|事情|忙)?[啊呀呢吧?？。\s]*$/;
// One phrase or several ("好的谢谢", "嗯嗯 知道了 拜拜").
const SMALLTALK =
  /^((你好|您好|哈喽|哈啰|嗨|hello|hi|hey|在吗|在不在|早上好|中午好|下午好|晚上好|早|谢谢|谢谢你|谢了|谢啦|多谢|感谢|辛苦了|好的|好嘞|好滴|好哒|好|嗯+|哦+|ok|okay|知道了|晓得了|明白了|懂了|收到|行|要得|再见|拜拜|你是谁|你是哪个|你叫什么(名字)?|你的名字|你能做什么|你会什么|你可以做什么|有什么功能|帮助|help|菜单|帮了(我)?(大忙|很多|不少)|太感谢了?|非常感谢|辛苦你了|麻烦你了)[啊呀哈了呢吧啦!！。.~～，,\s]*)+$/i;

/** Whether a text (or one clause of it) is asking something rather than telling. */
export function isQuestionText(text: string): boolean {
  return QUESTION.test(text) || (Array.from(text).length <= BARE_TOPIC_MAX && !STORY_MARKS.test(text));
}

/** Confidence at or above which a question goes to the knowledge base. */
export const FAQ_THRESHOLD = 0.5;

export function detectIntent(input: IntentInput, knowledge: KnowledgeProbe | undefined): IntentDecision {
  const text = input.text;
  const faqConfidence = knowledge && text ? knowledge.confidence(text) : 0;
  const decide = (intent: Intent, rule: string): IntentDecision => ({ intent, rule, faqConfidence });
  const isQuestion = isQuestionText(text);

  if (EMERGENCY.test(text)) return decide('grievance', 'emergency-words');
  if (INJURY.test(text) && !(isQuestion && faqConfidence >= FAQ_THRESHOLD)) return decide('grievance', 'emergency-words');
  if (HANDOFF.test(text)) return decide('handoff', 'handoff-words');
  if (CASE_STATUS.test(text) || FILED_CASE.test(text)) return decide('case_status', 'case-status-words');
  if (GRIEVANCE_FILE.test(text) && !(isQuestion && /哪|电话|热线|怎么|如何/.test(text) && faqConfidence >= FAQ_THRESHOLD)) {
    return decide('grievance', 'grievance-filing');
  }
  if (BOOKING.test(text)) return decide('booking', 'booking-words');
  // "停车警告标志放多远" is about a rule of the road, not a place to park.
  const stationWords = STATION_PLACE.test(text) || (STATION_NEED.test(text) && !ROAD_RULE.test(text));
  if (input.location && (stationWords || text.length <= 12)) return decide('station', 'location-attached');
  // "服务区那边被偷了油" tells what happened there; it is not a search for the place.
  if (stationWords && STATION_SEEK.test(text) && !/(什么|啥子?)(服务|政策|规定)|是什么|保险|政策|补贴|加油站|口岸/.test(text) && !GRIEVANCE_STORY.test(text)) {
    return decide('station', 'station-search');
  }
  if (GRIEVANCE_STORY.test(text) && !(isQuestion && faqConfidence >= FAQ_THRESHOLD)) return decide('grievance', 'grievance-story');
  const unaddressed = text.replace(SMALLTALK_LEAD, '').replace(SMALLTALK_TAIL, '');
  // "喂 你好" is all greeting: nothing is left once the greeting is taken off. "好嘞 谢了" is two pleasantries.
  const pleasantries = unaddressed.split(/[\s，,。!！]+/).filter(Boolean);
  if (SMALLTALK.test(text) || unaddressed === '' || pleasantries.every((p) => SMALLTALK.test(p)) || CAPABILITY.test(unaddressed)) {
    return decide('smalltalk', 'smalltalk');
  }
  if (faqConfidence >= FAQ_THRESHOLD) return decide('faq', 'knowledge-match');
  // Asked about stations themselves ("暖心之家有什么服务") with no knowledge-base answer: the station data can tell.
  if (STATION_PLACE.test(text) && isQuestion) return decide('station', 'station-question');
  if (input.location) return decide('station', 'location-only');
  return decide('unknown', 'no-match');
}
