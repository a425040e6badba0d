// Case categories: labels, what the form asks for each, and the evidence to keep (the words drivers use for them are data: knowledge/lexicon/cases/categories.yaml).

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
  /** Whether an amount of money is part of the grievance, so the form asks for it. */
  asksAmount: boolean;
  /** Whether employed vs owner-operator changes the legal route, so the form asks for it. */
  asksEmployment: boolean;
  evidence: string[];
}

export const CATEGORY_INFO: Record<CaseCategory, CategoryInfo> = {
  freight: {
    label: '运费结算',
    asksAmount: true,
    asksEmployment: true,
    evidence: ['运单、回单或送货单', '与货主/平台的聊天记录、通话录音', '以往收款的转账记录', '运输合同或接单截图'],
  },
  wage: {
    label: '拖欠工资',
    asksAmount: true,
    asksEmployment: true,
    evidence: ['劳动合同或工牌、派车单等能证明受雇的材料', '工资条或以往发工资的转账记录', '考勤、出车记录', '与老板的聊天记录、欠条'],
  },
  truck_loan: {
    label: '车贷/购车陷阱',
    asksAmount: true,
    asksEmployment: false,
    evidence: ['购车合同、贷款或融资租赁合同', '首付款、月供的付款凭证', '挂靠协议', '销售人员的承诺（聊天记录、宣传单）'],
  },
  insurance: {
    label: '保险理赔',
    asksAmount: true,
    asksEmployment: false,
    evidence: ['保单', '事故认定书或报案记录', '定损单、维修发票', '与保险公司的沟通记录'],
  },
  predatory_loan: {
    label: '套路贷/高利贷',
    asksAmount: true,
    asksEmployment: false,
    evidence: ['借款合同、借条', '实际到账和每笔还款的转账记录', '催收短信、电话录音', '对方的身份、账户信息'],
  },
  illegal_fees: {
    label: '乱收费/乱罚款',
    asksAmount: true,
    asksEmployment: false,
    evidence: ['罚单、收费票据（或没给票据的说明）', '时间、地点、执法人员或车辆信息', '现场照片、视频或行车记录仪录像', '付款记录'],
  },
  theft: {
    label: '货物/燃油被盗',
    asksAmount: true,
    asksEmployment: false,
    evidence: ['报警回执', '停车位置和时间', '监控或行车记录仪录像', '货物清单、加油记录'],
  },
  accident: {
    label: '交通事故',
    asksAmount: true,
    asksEmployment: true,
    evidence: ['交警事故认定书', '现场照片、行车记录仪录像', '医疗票据、病历', '维修发票、误工证明'],
  },
  family: {
    label: '家庭事务（子女入学转学等）',
    asksAmount: false,
    asksEmployment: false,
    evidence: ['户口本、居住证', '孩子的学籍信息', '相关部门的回复或通知'],
  },
  other: {
    label: '其他',
    asksAmount: false,
    asksEmployment: false,
    evidence: ['能说明事情经过的聊天记录、照片、票据'],
  },
};
