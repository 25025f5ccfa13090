// Walks the 公共信用综合评价 as its users would: a department penalises a company; the office
// looks up its grade in the console and reads which record cost how many points; an officer's
// check shows the grade and its supervision setting; the officer draws the department's 双随机
// sample from a seed, on a phone as well. A department of its own keeps the other walks' figures.
// Usage: node walk-evaluation.mjs BASE_URL SCREENSHOT_DIR WEB_NODE_MODULES  (env XY_ADMIN_PASSWORD)
import { adminPassword, base, call, check, day, fits, login, shot, signIn, step, walk, watch } from './lib.mjs';

const CODE = '91340600MA2PBP2120';
const NAME = '淮北某某商贸有限公司';
const DEP = '11320100MB0E50000D';
const DEP_NAME = '南京市交通运输局';
const DOCUMENT = '宁交罚〔2026〕17号';

const admin = await login('admin', adminPassword);
await call('POST', '/api/v1/departments', { code: DEP, name: DEP_NAME }, admin, 201);
const clerkUser = await call('POST', '/api/v1/users', { username: 'eval-clerk', role: 'operator', department: DEP }, admin, 201);
const officerUser = await call('POST', '/api/v1/users', { username: 'eval-officer', role: 'officer', department: DEP }, admin, 201);
const clerk = await login('eval-clerk', clerkUser.password);
await call('POST', '/api/v1/records?item=CF', [{
  CF_XDR_MC: NAME, CF_XDR_LB: '法人及非法人组织', CF_XDR_SHXYM: CODE,
  CF_FRDB: '李四', CF_WSH: DOCUMENT, CF_WFXW: '超限运输', CF_SY: '车辆超限运输',
  CF_YJ: '《公路安全保护条例》第六十四条', CF_CFLB: '罚款', CF_NR: '罚款', CF_NR_FK: 0.3,
  CF_JDRQ: day(-5), CF_CFJG: DEP_NAME, CF_CFJGDM: DEP, CF_SJLY: DEP_NAME, CF_SJLYDM: DEP,
}], clerk, 200);

await walk(async (browser) => {
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  watch(desk);
  await step('the office reads the company grade and the record that cost it points', async () => {
    await signIn(desk, '/console/evaluation', 'admin', adminPassword);
    const form = desk.getByRole('form', { name: '查看主体的信用评价' });
    await form.getByLabel('信用主体代码').fill(CODE);
    await form.getByRole('button', { name: '查看评价' }).click();
    const report = desk.locator('article.report[data-grade]');
    await report.waitFor();
    const text = await report.innerText();
    check((await report.getAttribute('data-grade')) === 'B', `grade: ${await report.getAttribute('data-grade')}`);
    check(text.includes(`${NAME}：B级（基本诚信）`), `the heading: ${text}`);
    check(text.includes('851.0 / 1000'), `the score: ${text}`);
    check(text.includes(`行政处罚 ${DOCUMENT}：-20`), `the record and its points: ${text}`);
    check(text.includes('双随机抽查比例 5%'), `the supervision: ${text}`);
    await fits(desk, 1280);
    await desk.screenshot({ path: shot('console-evaluation-1280.png'), fullPage: true });
  });

  await step('the office issues the company 公共信用信息报告 at the counter: its 信用评价 section gives the grade', async () => {
    await desk.goto(`${base}/console/reports`);
    const form = desk.getByRole('form', { name: '出具信用报告' });
    await form.getByLabel('信用主体统一社会信用代码').fill(CODE);
    await form.getByLabel('报告种类').selectOption('full');
    await form.getByLabel('用途').selectOption('bidding');
    await form.getByRole('button', { name: '出具信用报告' }).click();
    const section = desk.locator('article.report section[data-section="evaluation"]');
    await section.waitFor();
    check((await section.innerText()).includes('公共信用综合评价：B级（基本诚信），851.0分'), await section.innerText());
    await fits(desk, 1280);
    await desk.screenshot({ path: shot('console-report-full-1280.png'), fullPage: true });
  });

  await step('the officer checks the company: the answer carries its grade', async () => {
    const of = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
    watch(of);
    await signIn(of, '/console/check', 'eval-officer', officerUser.password);
    const form = of.getByRole('form', { name: '核查主体' });
    await form.getByLabel('主体代码或名称').fill(CODE);
    await form.getByRole('button', { name: '核查', exact: true }).click();
    const line = of.locator('[data-evaluation="B"]');
    await line.waitFor();
    check((await line.innerText()).includes('公共信用综合评价：B级（基本诚信），851.0分'), await line.innerText());
    await fits(of, 1280);
    await of.screenshot({ path: shot('console-check-evaluation-1280.png'), fullPage: true });
  });

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
  watch(phone);
  await step('on a phone, the officer checks the company: the grade shows with the answer', async () => {
    await signIn(phone, '/console/check', 'eval-officer', officerUser.password);
    const form = phone.getByRole('form', { name: '核查主体' });
    await form.getByLabel('主体代码或名称').fill(CODE);
    await form.getByRole('button', { name: '核查', exact: true }).click();
    await phone.locator('[data-evaluation="B"]').waitFor();
    await fits(phone, 390);
    await phone.screenshot({ path: shot('console-check-evaluation-390.png'), fullPage: true });
  });

  await step('on a phone, the officer reads the explanation: the table becomes cards', async () => {
    await phone.goto(`${base}/console/evaluation`);
    const form = phone.getByRole('form', { name: '查看主体的信用评价' });
    await form.getByLabel('信用主体代码').fill(CODE);
    await form.getByRole('button', { name: '查看评价' }).click();
    await phone.locator('article.report[data-grade="B"]').waitFor();
    await fits(phone, 390);
    await phone.screenshot({ path: shot('console-evaluation-390.png'), fullPage: true });
  });

  await step('on a phone, the officer draws the department sample twice from one seed: the same', async () => {
    const form = phone.getByRole('form', { name: '双随机抽取' });
    await form.getByLabel('随机种子').fill('2026年第4季度双随机');
    await form.getByRole('button', { name: '抽取' }).click();
    const picked = form.getByRole('region', { name: '抽取的检查对象' });
    await picked.waitFor();
    const first = await picked.innerText();
    check(first.includes(CODE), `the sample: ${first}`);
    await fits(phone, 390);
    await phone.screenshot({ path: shot('console-evaluation-draw-390.png'), fullPage: true });
    await form.getByRole('button', { name: '抽取' }).click();
    await picked.waitFor();
    check((await picked.innerText()) === first, 'the same seed drew differently');
  });
});
