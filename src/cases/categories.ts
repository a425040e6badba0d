// Case categories: labels, the words drivers use for them (incl. Sichuan dialect), and the evidence to keep for each.

export const CASE_CATEGORIES = [
  'freight',
  'wage',
  'truck_loan',
  'insurance',
  'predatory_loan',
  'illegal_fees',
  'theft',
  'accident',
  'family',
  'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export interface CategoryInfo {
  label: string;
  /** Checked in CASE_CATEGORIES order after the more specific categories below; first match wins. */
  words: RegExp;
  /** Whether an amount of money is part of the grievance, so the form asks for it. */
  asksAmount: boolean;
  /** Whether employed vs owner-operator changes the legal route, so the form asks for it. */
  asksEmployment: boolean;
  evidence: string[];
}

export const CATEGORY_INFO: Record<CaseCategory, CategoryInfo> = {
  freight: {
    label: '运费结算',
    words: /运费|运输费|车费|跑车的钱|结账|结算|回单|压款|压车费|尾款|账期|运单的钱/,
    asksAmount: true,
    asksEmployment: true,
    evidence: ['运单、回单或送货单', '与货主/平台的聊天记录、通话录音', '以往收款的转账记录', '运输合同或接单截图'],
  },
  wage: {
    label: '拖欠工资',
    words: /工资|薪水|薪资|工钱|欠薪|血汗钱|提成|底薪/,
    asksAmount: true,
    asksEmployment: true,
    evidence: ['劳动合同或工牌、派车单等能证明受雇的材料', '工资条或以往发工资的转账记录', '考勤、出车记录', '与老板的聊天记录、欠条'],
  },
  truck_loan: {
    label: '车贷/购车陷阱',
    words: /车贷|买车|购车|零首付|首付|以租代购|按揭|融资租赁|金融公司|汽贸|过户|车辆抵押|挂靠费|挂靠公司/,
    asksAmount: true,
    asksEmployment: false,
    evidence: ['购车合同、贷款或融资租赁合同', '首付款、月供的付款凭证', '挂靠协议', '销售人员的承诺（聊天记录、宣传单）'],
  },
  insurance: {
    label: '保险理赔',
    words: /保险|理赔|拒赔|不赔|不给赔|保费|保单|定损/,
    asksAmount: true,
    asksEmployment: false,
    evidence: ['保单', '事故认定书或报案记录', '定损单、维修发票', '与保险公司的沟通记录'],
  },
  predatory_loan: {
    label: '套路贷/高利贷',
    words: /套路贷|高利贷|砍头息|网贷|暴力催收|催收|利息太高|利滚利|借条|借了.*(钱|贷)|贷款公司/,
    asksAmount: true,
    asksEmployment: false,
    evidence: ['借款合同、借条', '实际到账和每笔还款的转账记录', '催收短信、电话录音', '对方的身份、账户信息'],
  },
  illegal_fees: {
    label: '乱收费/乱罚款',
    words: /乱罚|乱收费|罚款|罚单|罚了|被罚|遭罚|收费|吃拿卡要|扣分|执法|查车|拦车|停车费|过路费|保护费/,
    asksAmount: true,
    asksEmployment: false,
    evidence: ['罚单、收费票据（或没给票据的说明）', '时间、地点、执法人员或车辆信息', '现场照片、视频或行车记录仪录像', '付款记录'],
  },
  theft: {
    label: '货物/燃油被盗',
    words: /偷油|偷货|抽油|被偷|遭偷|被盗|盗窃|丢货|少货|货少了|油少了|油被|货被|被抢|遭抢/,
    asksAmount: true,
    asksEmployment: false,
    evidence: ['报警回执', '停车位置和时间', '监控或行车记录仪录像', '货物清单、加油记录'],
  },
  accident: {
    label: '交通事故',
    words: /车祸|事故|追尾|翻车|刮擦|剐蹭|碰瓷|撞(了|到|上)/,
    asksAmount: true,
    asksEmployment: true,
    evidence: ['交警事故认定书', '现场照片、行车记录仪录像', '医疗票据、病历', '维修发票、误工证明'],
  },
  family: {
    label: '家庭事务（子女入学转学等）',
    words: /孩子|小孩|娃儿|娃娃|上学|转学|入学|读书|学位|老人|看病|家里人|户口/,
    asksAmount: false,
    asksEmployment: false,
    evidence: ['户口本、居住证', '孩子的学籍信息', '相关部门的回复或通知'],
  },
  other: {
    label: '其他',
    words: /(?!)/,
    asksAmount: false,
    asksEmployment: false,
    evidence: ['能说明事情经过的聊天记录、照片、票据'],
  },
};

// More specific categories are tried first: "保险公司拒赔车祸" is insurance, "借钱买车" a truck loan.
const MATCH_ORDER: CaseCategory[] = ['predatory_loan', 'truck_loan', 'insurance', 'theft', 'wage', 'freight', 'illegal_fees', 'accident', 'family'];

export function detectCategory(text: string): CaseCategory | undefined {
  return MATCH_ORDER.find((c) => CATEGORY_INFO[c].words.test(text));
}

/** Words a driver may answer with when asked for the category (also the quick replies). */
export function categoryFromLabel(text: string): CaseCategory | undefined {
  const t = text.trim();
  const exact = CASE_CATEGORIES.find((c) => CATEGORY_INFO[c].label === t || CATEGORY_INFO[c].label.startsWith(t));
  if (exact) return exact;
  if (/^其他|^别的|^其它/.test(t)) return 'other';
  return detectCategory(t);
}
