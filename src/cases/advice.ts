// Legal-route and hotline hints shown with a case; every figure is checked against shared/reference/driver-law-facts.md.
import { HOTLINES } from '../core/hotlines.js';
import type { CaseCategory } from './categories.js';
import type { Employment } from './extract.js';

/** Rows 13, 15 (labour arbitration: free, 1 year) and 34 (civil limitation: 3 years) of driver-law-facts.md. */
export const LEGAL_ROUTES = {
  employed: '您是受雇司机，欠工资这类劳动争议可以申请劳动仲裁：不收费，一般要在知道权益受侵害之日起1年内申请（劳动争议调解仲裁法第27、53条）。',
  owner_operator: '您是自己跑车（个体或挂靠），欠运费属于运输合同纠纷，可以协商、调解或到法院起诉，诉讼时效一般是3年（民法典第188条）。',
} as const;

/** Row 47: where else to report, by category. Only hotlines listed in the reference. */
const CATEGORY_HOTLINES: Partial<Record<CaseCategory, string>> = {
  predatory_loan: '遇到套路贷、暴力催收，可以直接拨打110报警。',
  insurance: '与正规保险公司的理赔纠纷，也可以拨打12378（银行保险消费投诉热线）。',
  theft: '被偷、被抢、被敲诈勒索，请先拨打110报警，保留报警回执。',
};

export function legalRoute(category: CaseCategory, employment: Employment | null | undefined): string | undefined {
  if (!employment) return undefined;
  if (category === 'wage' || (category === 'freight' && employment === 'employed')) return LEGAL_ROUTES.employed;
  if (category === 'freight' && employment === 'owner_operator') return LEGAL_ROUTES.owner_operator;
  return undefined;
}

export function categoryHotline(category: CaseCategory): string | undefined {
  return CATEGORY_HOTLINES[category];
}

/** Row 12: legal aid questions go to 12348; row 65: 12328 takes transport complaints. */
export const SELF_HELP = `您也可以自己拨打${HOTLINES.transport}（交通运输服务监督热线）反映，法律问题可以拨打${HOTLINES.legal}（公共法律服务热线）咨询。`;
