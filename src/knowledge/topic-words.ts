// Specific driver topics an answer must name: a question about one is answered only by an entry that mentions it.

/**
 * Each group is one topic, written the ways drivers say it. Averaged word coverage lets a neighbouring entry answer a
 * question whose subject it never mentions ("开车玩手机扣几分" looked like the fatigue-driving points entry, because
 * 开车 and 扣分 matched); a wrong confident answer is worse than admitting a gap. The groups cover subjects drivers
 * ask about that are narrow enough to be absent from an entry: when an entry starts to mention one, questions about it
 * reach that entry again with no change here.
 */
const TOPIC_GROUPS: readonly RegExp[] = [
  // Traffic offences other than fatigue, overloading and over-limit.
  /手机|接打电话|开车打电话/u,
  /闯红灯|红灯/u,
  /酒驾|醉驾|酒后驾驶|喝酒开车|喝了酒/u,
  /超速/u,
  /逆行/u,
  /违停|违章停车|乱停/u,
  /违章|违法记录/u,
  /安全带/u,
  /压线|实线/u,
  // Licences and vehicle administration.
  /年审|审验/u,
  /年检|车检/u,
  /换证|换本|到期换/u,
  /补办|补证|(驾驶证|行驶证|证件?)(丢|掉|遗失)/u,
  /扣满|满分|消分|减分|学法减分|扣分周期|驾驶证.{0,4}(一共|总共|总分|分数)/u,
  /驾校|考驾驶证|学车|增驾/u,
  /从业资格/u,
  /过户/u,
  /报废/u,
  /罚单/u,
  /上户|上牌|车牌/u,
  /改装|加高|加长/u,
  /排放|尾气|尿素|国[三四五六]/u,
  /北斗|卫星定位|gps|定位设备/iu,
  /事故认定|责任认定|定责/u,
  // Contesting an authority's finding (认定书不服, 复核) is an appeal procedure no entry describes.
  /认定.{0,4}不服|不服.{0,6}认定|复核/u,
  /应急车道|占用.{0,4}车道|占道/u,
  /轮胎|爆胎/u,
  /误工|护理费|营养费|伤残等级|赔偿标准/u,
  /载人|拉人|坐人/u,
  // Insurance and social security other than work injury.
  /交强险/u,
  /商业险|三者险|车损险/u,
  /养老/u,
  /医保|医疗保险/u,
  /失业保险|失业金/u,
  /公积金/u,
  /个税|个人所得税/u,
  /发票|开票/u,
  /车船税/u,
  /征信|逾期|晚还|迟还|还不上|断供/u,
  // Road access and travel.
  /限行|禁行|通行证|(货车|大车|车).{0,6}(进城|进市区|入城)/u,
  /通行费.{0,4}(一公里|每公里|标准|怎么算)|一公里多少钱|每公里多少/u,
  /路况|堵车|堵不堵/u,
  /天气|下雨|下雪/u,
  /油价/u,
  /停车费/u,
  /节假日|春节|国庆/u,
  // ETC discounts and cards: the reference gives only an unverified national floor, so no entry states one.
  /etc|电子不停车/iu,
  // Family matters drivers raise that the knowledge base does not answer.
  /上学|转学|入学/u,
  /(取|起|改)(个|一个)?名/u,
  // What to wear or pack for a trip.
  /(带|穿)(什么|啥|哪些|几件)?(衣服|衣裳)|衣服.{0,3}(带|穿)/u,
];

/** The topic groups a text names. */
export function namedTopics(text: string): RegExp[] {
  return TOPIC_GROUPS.filter((g) => g.test(text));
}

/** Whether an entry's text mentions every topic the question names. */
export function coversTopics(topics: readonly RegExp[], entryText: string): boolean {
  return topics.every((g) => g.test(entryText));
}
