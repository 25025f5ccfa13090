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
  code_resent: '重新发送查询码',
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
  ['CN_CNSY', '承诺事由'],
  ['CN_WLXNR', '未履行内容'],
  ['CN_ZJNR', '违诺责任追究内容'],
  ['CN_RDDW', '认定单位'],
];

// --- The console ---

export const ROLE: Record<string, string> = {
  admin: '信用办',
  operator: '数据报送员',
  officer: '审批人员',
  auditor: '审计员',
  institution: '金融机构',
  subject: '信息主体',
};

export const LIST_KIND: Record<string, string> = {
  red: '红名单',
  serious: '严重失信主体名单',
  key_attention: '重点关注名单',
};

export const LIST_STATUS: Record<string, string> = {
  proposed: '拟认定',
  noticed: '已告知',
  decided: '已认定',
  dropped: '不予认定',
  exited: '已移出',
  expired: '已期满',
};

// Domains of list entries (policy/measures/00-scenarios.yaml).
export const DOMAIN: Record<string, string> = {
  market_regulation: '市场监管',
  tax: '税务',
  court_enforcement: '法院执行（失信被执行人）',
  safety_production: '安全生产',
  environment: '生态环境',
  construction: '住房城乡建设（建筑市场）',
  labour_wages: '拖欠农民工工资',
  government_procurement: '政府采购',
  customs: '海关',
  finance: '金融',
  food_drug: '食品药品',
  transport: '交通运输',
  social_insurance: '社会保险',
  statistics: '统计',
};

export const RESPONSIBLE_ROLE: Record<string, string> = {
  legal_representative: '法定代表人',
  principal: '主要负责人',
  directly_responsible: '直接责任人',
};

export const RECORD_STATUS: Record<string, string> = {
  active: '有效',
  revoked: '已撤销',
};

export const DISCLOSURE: Record<string, string> = {
  public: '社会公开',
  government: '政务共享',
  authorised: '授权查询',
  withheld: '不予公开',
};

// Error codes of rejected rows (docs/api.md, Intake).
export const ROW_ERROR: Record<string, string> = {
  required: '必填项为空',
  conditional_required: '条件必填项为空',
  invalid_identifier: '代码或证件号码有误',
  invalid_date: '日期格式有误',
  future_date: '日期晚于今天',
  date_order: '日期先后有误',
  unknown_code: '不在代码表中',
  too_long: '内容过长',
  invalid_amount: '金额有误',
  unknown_column: '无法识别的列',
  duplicate_column: '列重复',
  unsupported_identifier: '暂不支持的证件',
  unreadable_row: '无法读取该行',
  subject: '代码属于不同主体',
  revoked: '记录已撤销',
};

export const MEASURE_KIND: Record<string, string> = {
  punishment: '惩戒措施',
  incentive: '激励措施',
};

export const MEASURE_GROUP: Record<number, string> = {
  1: '第一类',
  2: '第二类',
  3: '第三类',
};

export const EVENT_TYPE: Record<string, string> = {
  'subject.created': '登记主体',
  'subject.renamed': '主体更名',
  'subject.identifier_added': '补充主体代码',
  'department.created': '登记部门',
  'user.created': '创建用户',
  'api_key.created': '创建接口密钥',
  'session.created': '登录',
  'session.ended': '退出登录',
  'batch.received': '收到上报批次',
  'batch.completed': '批次处理完成',
  'record.created': '新增记录',
  'record.corrected': '记录更正',
  'record.revoked': '撤销记录',
  'record.disputed': '标记异议处理中',
  'record.undisputed': '解除异议标记',
  'record.display_ended': '公示期满',
  'record.repaired': '信用修复',
  'record.repair_revoked': '撤销信用修复',
  'list_entry.proposed': '拟认定名单',
  'list_entry.noticed': '告知当事人',
  'list_entry.decided': '作出认定',
  'list_entry.dropped': '不予认定',
  'list_entry.exited': '移出名单',
  'list_entry.disputed': '名单异议处理中',
  'list_entry.undisputed': '解除名单异议标记',
  'objection.submitted': '提出异议',
  'repair.submitted': '申请信用修复',
  'check.performed': '联合奖惩核查',
  'check.feedback': '执行反馈',
  'authorisation.granted': '授权查询',
  'authorisation.withdrawn': '撤回授权',
  'query.authorised': '授权查询',
  'query.denied': '拒绝查询',
  'subscription.created': '创建订阅',
  'subscription.deactivated': '停用订阅',
  'subscription.watch_changed': '调整关注名单',
};

// 举报 (tips): statuses and the steps the tipster and staff see.
export const TIP_STATUS: Record<string, string> = {
  submitted: '待转办',
  routed: '办理中',
  filed: '已立案',
  declined: '不予立案',
  refused: '不予受理',
};
export const TIP_STEP: Record<string, string> = {
  submitted: '提交举报',
  routed: '转交主管部门',
  refused: '不予受理',
  filed: '立案调查',
  declined: '不予立案',
  transferred: '移交其他部门',
  returned_to_office: '退回信用办',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  code_resent: '重新发送查询码',
  deadline_recounted: '期限重新推算',
};
