// Chinese words for the API's codes.
export const OBJECTION_STATUS: Record<string, string> = {
  submitted: '已提交',
  accepted: '已受理（核查中）',
  refused: '不予受理',
  decided: '已处理',
  closed: '已办结',
};

export const STEP: Record<string, string> = {
  submitted: '提交异议',
  accepted: '信用办受理',
  refused: '不予受理',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  decided: '核查处理',
  closed: '办结',
};

export const NATURE: Record<string, string> = {
  good: '守信激励',
  neutral: '一般信息',
  minor: '一般失信',
  serious: '严重失信',
};

export const SUBJECT_KIND: Record<string, string> = {
  legal_person: '法人',
  unincorporated_org: '非法人组织',
  individual_business: '个体工商户',
  natural_person: '自然人',
};

export function label(map: Record<string, string>, code: string): string {
  return map[code] ?? code;
}

// Field codes of the 双公示 items shown on record cards, in order.
export const RECORD_FIELDS: Array<[string, string]> = [
  ['CF_WSH', '决定文书号'],
  ['CF_WFXW', '违法行为类型'],
  ['CF_SY', '违法事实'],
  ['CF_YJ', '处罚依据'],
  ['CF_CFLB', '处罚类别'],
  ['CF_NR', '处罚内容'],
  ['CF_NR_FK', '罚款金额（万元）'],
  ['CF_CFJG', '处罚机关'],
  ['XK_XKWS', '许可文书名称'],
  ['XK_WSH', '许可文书号'],
  ['XK_XKLB', '许可类别'],
  ['XK_XKZS', '许可证书名称'],
  ['XK_XKBH', '许可编号'],
  ['XK_NR', '许可内容'],
  ['XK_YXQZ', '有效期自'],
  ['XK_YXQZI', '有效期至'],
  ['XK_XKJG', '许可机关'],
];
