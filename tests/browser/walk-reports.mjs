// Walks a credit report (信用报告) as the company and the office that receives it would: the
// company asks for its 专项信用报告 in the console, reads it (its penalty listed), and opens the
// verification page from it; on a phone, a bidding office types the number and sees it valid;
// after the penalty is revoked, the same number shows 已撤销.
// Usage: node walk-reports.mjs BASE_URL SCREENSHOT_DIR WEB_NODE_MODULES  (env XY_ADMIN_PASSWORD)
import { adminPassword, base, call, check, day, fits, login, shot, signIn, step, walk, watch } from './lib.mjs';

const CODE = '91320100748204660Q';
const DEP = '11320100MB1886843H';
const DOCUMENT = '宁市监罚〔2026〕301号';

const admin = await login('admin', adminPassword);
const clerkUser = await call('POST', '/api/v1/users', { username: 'report-clerk', role: 'operator', department: DEP }, admin, 201);
const clerk = await login('report-clerk', clerkUser.password);
await call('POST', '/api/v1/records?item=CF', [{
  CF_XDR_MC: '南京某某科技有限公司', CF_XDR_LB: '法人及非法人组织', CF_XDR_SHXYM: CODE,
  CF_FRDB: '张三', CF_WSH: DOCUMENT, CF_WFXW: '虚假宣传', CF_SY: '发布虚假广告',
  CF_YJ: '《中华人民共和国广告法》第五十五条', CF_CFLB: '罚款', CF_NR: '罚款', CF_NR_FK: 1.5,
  CF_JDRQ: day(-3), CF_CFJG: '南京市市场监督管理局', CF_CFJGDM: DEP, CF_SJLY: '南京市市场监督管理局', CF_SJLYDM: DEP,
}], clerk, 200);
const company = await call('POST', '/api/v1/users', { username: 'report-company', role: 'subject', subject: CODE }, admin, 201);

await walk(async (browser) => {
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  watch(desk);
  const number = await step('the company asks for its 专项信用报告 and reads its penalty in it', async () => {
    await signIn(desk, '/console/reports', 'report-company', company.password);
    const form = desk.getByRole('form', { name: '申请本单位信用报告' });
    await form.getByLabel('报告种类').selectOption('special');
    await form.getByLabel('用途').selectOption('bidding');
    await form.getByLabel('市场监管').check();
    await form.getByRole('button', { name: '出具信用报告' }).click();
    const report = desk.locator('article.report');
    await report.waitFor();
    const text = await report.innerText();
    check(text.includes(DOCUMENT), `the penalty is not in the report: ${text}`);
    check(text.includes('南京某某科技有限公司'), 'the subject is not named');
    await fits(desk, 1280);
    await desk.screenshot({ path: shot('console-report-1280.png'), fullPage: true });
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: '下载PDF' }).click()]);
    check(download.suggestedFilename().endsWith('.pdf'), `the download is not a PDF: ${download.suggestedFilename()}`);
    return report.getAttribute('data-report-number');
  });

  await step('the report links to its verification page, which says it is valid', async () => {
    await desk.getByRole('link', { name: '核验本报告' }).click();
    await desk.locator('[data-report-status="valid"]').waitFor();
    await fits(desk, 1280);
    await desk.screenshot({ path: shot('report-verify-1280.png'), fullPage: true });
  });

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
  watch(phone);
  await step('on a phone, a bidding office types the number: valid; after the penalty is revoked: 已撤销', async () => {
    await phone.goto(`${base}/`);
    await phone.getByRole('link', { name: /信用报告核验/ }).first().click();
    await phone.getByLabel('报告编号', { exact: true }).fill(number);
    await phone.getByRole('button', { name: '核验' }).click();
    await phone.locator('[data-report-status="valid"]').waitFor();
    await fits(phone, 390);
    await phone.screenshot({ path: shot('report-verify-390.png'), fullPage: true });
    const records = await call('GET', '/api/v1/records?item=CF', undefined, clerk, 200);
    const record = records.items.find((r) => r.source_key === DOCUMENT);
    check(record, 'the penalty is not among the clerk’s records');
    await call('POST', `/api/v1/records/${record.id}/revoke`, { reason: '复议撤销' }, clerk, 200);
    await phone.reload();
    await phone.locator('[data-report-status="revoked"]').waitFor();
    await phone.screenshot({ path: shot('report-revoked-390.png'), fullPage: true });
    const text = await phone.locator('#main').innerText();
    check(text.includes('已撤销'), `the page does not say revoked: ${text}`);
    await fits(phone, 390);
    // The company's console on a phone: the request form and its report.
    const small = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    watch(small);
    await signIn(small, '/console/reports', 'report-company', company.password);
    await small.getByRole('button', { name: `查看报告 ${number}` }).click();
    await small.locator('article.report').waitFor();
    await fits(small, 390);
    await small.screenshot({ path: shot('console-report-390.png'), fullPage: true });
  });
});
