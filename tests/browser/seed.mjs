// Seeds a fresh platform through the API as a credit office would: a department, one of its
// operators, and one 行政处罚 record sent by the department's system (as in
// tests/blackbox/rights_test.cc). Usage: node seed.mjs BASE_URL ADMIN_PASSWORD
const [base, adminPassword] = process.argv.slice(2);
if (!base || !adminPassword) {
  console.error('usage: node seed.mjs BASE_URL ADMIN_PASSWORD');
  process.exit(2);
}

async function call(method, path, body, token, expected) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${method} ${path}: expected HTTP ${expected}, got ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

// Today in China (UTC+8) shifted by `days`, YYYY-MM-DD.
function day(days) {
  return new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

const admin = (await call('POST', '/api/v1/sessions', { username: 'admin', password: adminPassword }, null, 201)).token;
await call('POST', '/api/v1/departments', { code: '11320100MB1886843H', name: '南京市市场监督管理局' }, admin, 201);
const user = await call('POST', '/api/v1/users', { username: 'clerk', role: 'operator', department: '11320100MB1886843H' }, admin, 201);
const clerk = (await call('POST', '/api/v1/sessions', { username: 'clerk', password: user.password }, null, 201)).token;
// Decided 30 days ago: received more than 7 working days late whatever today's weekday and
// whatever holidays lie between (ten days ago was late or not depending on the weekday).
const rows = [
  {
    CF_XDR_MC: '南京某某科技有限公司', CF_XDR_LB: '法人及非法人组织', CF_XDR_SHXYM: '91320100748204660Q',
    CF_FRDB: '张三', CF_WSH: '宁市监罚〔2026〕21号', CF_WFXW: '虚假宣传', CF_SY: '发布虚假广告',
    CF_YJ: '《中华人民共和国广告法》第五十五条', CF_CFLB: '罚款', CF_NR: '罚款', CF_NR_FK: 2.5,
    CF_JDRQ: day(-30), CF_CFJG: '南京市市场监督管理局', CF_CFJGDM: '11320100MB1886843H',
    CF_SJLY: '南京市市场监督管理局', CF_SJLYDM: '11320100MB1886843H',
  },
];
const sent = await call('POST', '/api/v1/records?item=CF', rows, clerk, 200);
if (sent.accepted !== 1) throw new Error(`the penalty was not accepted: ${JSON.stringify(sent)}`);
console.log('seeded: department 11320100MB1886843H, operator clerk, one 行政处罚 record');
