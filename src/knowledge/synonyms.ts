// Colloquial words drivers use mapped to the one form the knowledge base indexes, applied to entries and questions alike.

// Each pair is [pattern, canonical form]. Questions are rewritten to the canonical form; entries keep their own words
// and gain the canonical one beside them, so "拖欠我工资" still matches an entry that says 拖欠工资.
const SYNONYMS: ReadonlyArray<readonly [RegExp, string]> = [
  // 车祸无忧 is the recogniser's spelling of 车货无忧; homophone repair must still see it.
  [/车祸(?!无忧)/g, '交通事故'],
  // Being hit by a vehicle (被大车撞了) is a traffic accident whoever tells it.
  [/被(大|小|货|汽|轿|三轮|电瓶|摩托)?车(子)?(给)?(撞|碾|轧|刮|挂)/g, '交通事故'],
  [/打官司|吃官司/g, '起诉'],
  [/判刑|坐牢|蹲监狱|坐监狱|判几年/g, '坐牢'],
  [/工资清单|工资单/g, '工资条'],
  [/驾照|驾驶本|本本/g, '驾驶证'],
  [/三角警告牌|三角警示牌|三角牌|三角架|三脚架|警示牌|警告牌|警告标志/g, '警告标志'],
  [/过路费|高速费|路桥费/g, '通行费'],
  [/记分/g, '扣分'],
  [/卷款跑了|卷钱跑了|跑路了|逃匿|躲起来了?|藏起来了?|人间蒸发|玩消失/g, '跑路'],
  [/开除|炒鱿鱼|辞退|辞职|辞工|不干了/g, '离职'],
  [/轻卡|蓝牌车|小卡车/g, '小货车'],
  [/答复|回音|回话/g, '回复'],
  // Asking what something costs: 仲裁要交钱不, 法援花钱吗.
  [/交钱|交费|花钱|掏钱|收钱/g, '收费'],
  [/讨薪|讨工资|讨工钱|要工资/g, '欠薪'],
  [/公斤/g, '千克'],
  // Driving without a break: 一口气开, 连着开.
  [/一口气|连着|不停歇/g, '连续'],
  [/歇(一下|会儿?|一会儿?|息)?/g, '休息'],
  [/法援/g, '法律援助'],
  // The justice bureau (司法局, 司法所) is what the entries call 司法行政部门, which runs 12348.
  [/司法(局|所|厅)/g, '司法行政'],
  // A pay day that falls on a holiday: drivers name the holiday (国庆, 过年) or say 放假; the entries say 节假日.
  [/国庆节?|春节|过年|中秋节?|元旦|法定假日|放假|节后/g, '节假日'],
  // A lawyer the state pays for is legal aid, however it is put.
  [/公家的?律师|政府的?律师|国家(出钱|请)的?律师|免费的?律师|不要钱的?律师/g, '法律援助'],
  // Legal aid asks about money as 经济困难; drivers say the family is poor or ask whether their income is checked.
  [/(家里|屋里|家庭|生活|手头)(很|比较|太|特别|有点)?(困难|穷|紧)|有没有钱|穷不穷/g, '经济困难'],
  // Helping a stranger in danger is 见义勇为, which the legal-aid entries name.
  [/救人|救火|灭火|扑火|把火扑灭|抓小偷|抓贼/g, '见义勇为'],
  [/高利贷|利滚利/g, '民间借贷利息'],
  // Whoever chases a debt (催债的, 讨债的) is a collector; the entries say 催收.
  [/催债|追债|讨债|要债/g, '催收'],
  // An employer refusing to call an injury work-related has not applied for recognition.
  [/(?<!算)不(认|承认|算)(是)?工伤/g, '不给报工伤'],
  // However an employer labels a worker (临时工, 合同工), the work-injury rules speak of 职工.
  [/临时工|合同工|正式工|零工/g, '职工'],
  // The worker's family (家属) is the statute's 近亲属, who may apply for work-injury recognition.
  [/家属|家里人|(?<!近)亲属(?!关系)/g, '近亲属'],
  // Produce on the green-lane catalogue is named by kind; the entries say 鲜活农产品.
  [/鸡蛋|鸭蛋|鲜蛋|鲜奶|牛奶|生猪|活猪|活鸡|活鸭|活禽|活鱼|鲜鱼|水产|鲜肉|白菜|萝卜|土豆|西瓜|苹果|柑橘|橘子|香蕉|葡萄|水果|蔬菜/g, '鲜活农产品'],
  // Highway and road-transport officers are transport law enforcement (交通执法), which 12328 supervises.
  [/路政|运政|交通执法人员|交通执法大队|执法大队/g, '交通执法'],
  // When a rule starts to apply: statutes say 施行, reports 实施 or 生效.
  [/施行|生效|开始执行|正式执行/g, '实施'],
  // When a hotline or office began: 开通, 开设 and 设立 say the same.
  [/开通|开设|开办/g, '设立'],
  // Refusing the green-lane inspection (不让查货) disqualifies the load; the entries say 拒绝查验.
  [/不(让|给|准)(他们?|人家)?(查|检查|查验|开箱)|不配合(检查|查验)|拒绝检查|拒检/g, '拒绝查验'],
  [/开箱查货|开箱检查|查货|验货/g, '查验'],
  // Getting owed money back: 要回来, 讨回来, 追回来.
  [/要了?回来|讨了?回来|追了?回来|拿了?回来/g, '追回'],
  [/交通部(?!门)/g, '交通运输部'],
  // Car dealers are 经销商, whose disputes go to 12315.
  [/4[sS]店|车行|卖车的/g, '经销商'],
  // Parts bought from a parts market (汽配城) are 配件, whose sellers' disputes go to 12315.
  [/汽配(城|店|市场|商店)?|零配件|零部件|刹车片|刹车盘/g, '配件'],
  // "定个啥罪": what crime a scheme is charged as is its 罪名.
  [/(定|判|算|按|是)(个|的|了)?(什么|啥)罪(名)?/g, '罪名'],
  // Driving under affiliation: 车挂在一家运输公司 is 挂靠.
  [/挂在(一家|一个|人家|别人)?的?\p{Script=Han}{0,4}?公司(名下)?/gu, '挂靠公司'],
  [/追尾|刮擦|撞车|相撞/g, '交通事故'],
  // Low mood in a driver's words; the support entry says 心里烦.
  [/憋屈|憋得慌|郁闷|烦躁|心烦|焦虑|孤单|孤独|睡不着觉?|失眠/g, '心里烦'],
  // Keeping the load until the freight is paid is the carrier's lien: 扣着货, 把货压到, 货扣下来.
  [/(扣|压|押|留)(着|住|下来?|到)?(车上的|他的|他们的|对方的)?(货物?)|把货(物)?(扣|压|押|留)|货(物)?\s*(我)?\s*(能不能|可不可以|可以|能)?\s*(扣|压|押)(着|住|下来?)?|货(物)?(我)?先不(交|给|卸)|货(物)?不(交|卸)|(先)?不卸货?|把货(物)?(拉|拖|运)回/g, '留置货物'],
  // Natural disasters are the Civil Code's force majeure (不可抗力) in freight questions.
  [/泥石流|地震|洪水|洪灾|发大水|涨大水|山洪|冰雹|台风|暴雪|塌方|山体滑坡|滑坡|自然灾害/g, '不可抗力'],
  // Recognisers write 工会 as its homophone 公会 (a gaming guild); drivers never mean the guild.
  [/公会/g, '工会'],
  // Joining the union is 入会 however it is said (入工会, 加入 工会 with a recogniser's space).
  [/(加入|入|加)\s*(个)?工会/g, '入会'],
  // 运管 is the road transport administration, whose complaints go to 12328.
  [/运管(所|处|局|站|部门)?/g, '交通运输'],
  // A vehicle broken down on the road: 趴窝, 抛锚, 车坏了.
  [/趴窝|抛锚|车坏了|坏在(了)?/g, '故障'],
  // Asking whether a claim expires: 有没有时间限制, 截止时间, 过期, 作废.
  [/时间限制|截止时间|截止日期|期限|过期|作废|失效/g, '时效'],
  // Going to court against someone: 去告, 告人 (but not 告诉).
  [/告(人|他们|他|她|对方)|(去|再|能|还能|可以|要|哪|哪里|哪儿)告(?!诉)/g, '起诉'],
  // "吃顿饭" must not be heard as 吨 (weight): a meal is 吃饭.
  [/(吃|一)(顿|餐)饭?/g, '吃饭'],
  // Axle counts written with digits (6轴) are the same trucks as 六轴.
  [/2轴/g, '二轴'],
  [/3轴/g, '三轴'],
  [/4轴/g, '四轴'],
  [/5轴/g, '五轴'],
  [/6轴/g, '六轴'],
  // How a driver got hurt (砸伤, 摔伤) matters less than that they were injured (受伤).
  [/(砸|压|摔|撞|碰|轧|夹|烫|割|烧|扭)(伤|断)了?(腿|手|胳膊|腰杆|腰|脚|骨头)?|(闪|扭)(了|到)?腰(杆)?|腰(杆)?(闪|扭)(了|到)?|断了?(腿|手|胳膊|腰杆|脚|骨头)|(腿|手|胳膊|腰杆|脚)断了/g, '受伤'],
  // What the load was (瓷砖, 建材) rarely matters to a freight question; the entries say 货物.
  [/瓷砖|建材|钢材|钢筋|水泥|家具|家电|玻璃|煤炭|砂石|石料|饲料|化肥|百货|日用品/g, '货物'],
  // Not a penny paid: 一分钱没给, 钱都不结.
  [/(一分钱|一分|钱)(都|也)?(没|不)(有|给|结|付)(我)?/g, '不给钱'],
  // Being made to pay for all of it: 全赔, 照价赔, 要我赔.
  [/(全|都|照价)赔|赔全款|要我赔(钱)?/g, '赔偿'],
  // Goods broken on the way are 货损 in the freight entries.
  [/摔碎|压碎|打碎|碎了|摔坏|压坏|打烂|损坏|破损/g, '货损'],
  [/车屁股(后面|后头)?/g, '车后'],
  // 克扣工资 is docking pay, which the entries call 扣工资.
  [/克扣/g, '扣'],
  [/车高|车身高度|装货高度|限高|多高/g, '高度'],
  [/车宽|车身宽度|限宽|最宽|多宽/g, '宽度'],
  [/车长|车身长度|限长/g, '长度'],
];

/** Rewrites colloquial words in a question to the form the index stores. */
export function canonicalWords(text: string): string {
  let out = text;
  for (const [pattern, canonical] of SYNONYMS) out = out.replace(pattern, canonical);
  return out;
}

/** Adds the canonical form after each colloquial word of an entry's text, keeping the original for exact matches. */
export function withCanonicalWords(text: string): string {
  let out = text;
  for (const [pattern, canonical] of SYNONYMS) out = out.replace(pattern, (word) => (word === canonical ? word : `${word}（${canonical}）`));
  return out;
}
