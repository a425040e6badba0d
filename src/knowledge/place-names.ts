// Place names a driver mentions in passing (从成都拉到昆明, 在达州一个车队): where they are, not what they ask about.

// Province-level divisions and their capitals, as drivers name them; Sichuan's own cities and counties come from the
// gazetteer the runtime passes in.
const NATIONAL = (
  '北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 ' +
  '青海 台湾 内蒙古 内蒙 广西 西藏 宁夏 新疆 香港 澳门 石家庄 太原 沈阳 长春 哈尔滨 南京 杭州 合肥 福州 南昌 济南 郑州 武汉 长沙 ' +
  '广州 海口 成都 贵阳 昆明 西安 兰州 西宁 呼和浩特 南宁 拉萨 银川 乌鲁木齐 深圳 苏州 宁波 厦门 青岛 大连 东莞 佛山 无锡 温州'
).split(' ');

/** Names of places in the shape a gazetteer gives them (full name, short name, aliases). */
export interface NamedPlaces {
  cities: ReadonlyArray<{ name: string; shortName: string; aliases?: readonly string[] }>;
  counties: ReadonlyArray<{ name: string; shortName: string; aliases?: readonly string[] }>;
}

/** The national names plus every name in the gazetteer, if one is given. */
export function placeNames(gazetteer?: NamedPlaces): Set<string> {
  const names = new Set(NATIONAL);
  for (const p of [...(gazetteer?.cities ?? []), ...(gazetteer?.counties ?? [])]) {
    for (const n of [p.name, p.shortName, ...(p.aliases ?? [])]) if (Array.from(n).length >= 2) names.add(n);
  }
  return names;
}

/**
 * The names a question's segmentation reads as whole words (攀枝花装的货 → 攀枝花|装): the national names, every city's, and
 * counties' of three characters or more. A county's two-character short name is often a word of its own or glues onto
 * one (会理 in 会理赔), so it is left to the segmenter.
 */
export function placeWords(gazetteer?: NamedPlaces): Set<string> {
  const names = new Set(NATIONAL);
  for (const p of gazetteer?.cities ?? []) for (const n of [p.name, p.shortName, ...(p.aliases ?? [])]) if (Array.from(n).length >= 2) names.add(n);
  for (const p of gazetteer?.counties ?? []) for (const n of [p.name, p.shortName, ...(p.aliases ?? [])]) if (Array.from(n).length >= 3) names.add(n);
  return names;
}

