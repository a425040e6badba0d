// Sichuan-flavoured Mandarin and common recogniser spellings mapped to standard words, so rules and retrieval see one vocabulary.

// Ordered: longer phrases first so 晓不晓得 wins over 晓得. Each pair is [pattern, standard form].
const DIALECT: ReadonlyArray<readonly [RegExp, string]> = [
  [/晓不晓得/g, '知不知道'],
  [/晓得/g, '知道'],
  [/啥子|撒子|啥/g, '什么'],
  [/咋个|咋子|啷个|咋/g, '怎么'],
  [/莫得|没得|冒得/g, '没有'],
  [/有没有得/g, '有没有'],
  // Sichuan 好久 asks "how long" and 好多 "how many / how much"; "好久没…" (a long time) keeps its sense either way.
  [/好久(?!没|不|了)/g, '多久'],
  [/好多(钱|天|分|年|个|次|米|吨|公里)/g, '多少$1'],
  [/哪点|哪儿|哪哈/g, '哪里'],
  [/要得不|得行不/g, '可以吗'],
  [/得不得/g, '会不会'],
  [/搞不赢/g, '来不及'],
  [/遭不住/g, '受不了'],
  // 遭 + verb is the Sichuan passive: 遭罚了 = 被罚了.
  [/遭(?=罚|扣|骗|欠|打|抢|偷|撞|拖|查|拦|卡|坑|整)/g, '被'],
  [/码货/g, '装货'],
  // 钟头 is the spoken hour; left alone, homophone repair would turn it into an unrelated heading word.
  [/钟头/g, '小时'],
  // Sichuan 一哈(儿) after a verb is 一下: 问一哈, 等一哈儿.
  [/(?<=[问看等说查试想歇停])一哈儿?/g, '一下'],
  [/屋头/g, '家里'],
  // Sichuan 到起 after a verb is the durative 着: 扣到起 = 扣着, 拿到起 = 拿着.
  [/(?<=[扣压拿押留放停关锁守])到起/g, '着'],
  [/搞忘(了)?/g, '忘了'],
  // A recogniser writes the question particle 吗 as 码 at the end of a sentence; 二维码/号码/密码 stay.
  [/(?<![维号密扫证条编代验])码(?=[?？。!！\s]|$)/g, '吗'],
  [/老板儿/g, '老板'],
  // Sichuan sentence-final 喃 is the question particle 呢.
  [/喃(?=[?？。!！\s]|$)/g, '呢'],
  [/娃儿/g, '孩子'],
  // Sichuan 我老汉 is "my father" (elsewhere 老汉 is any old man); 腰杆 is the waist or back.
  [/(?<=[我你他她]|我们|你们|他们)老汉/g, '父亲'],
  [/腰杆/g, '腰'],
];

/** Rewrites Sichuan dialect words to standard Mandarin. */
export function standardiseDialect(text: string): string {
  let out = text;
  for (const [pattern, standard] of DIALECT) out = out.replace(pattern, standard);
  return out;
}
