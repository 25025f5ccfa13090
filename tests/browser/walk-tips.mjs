// Walks a tip (举报) from filing to answer as the people involved would: a member of the public
// on a phone (390 px) finds the company, files a tip with a photo and a contact, and keeps the
// number and 查询码; the credit office (1280 px) reads the tipster's contact and routes the
// tip; the market regulator's clerk, who never sees the contact, answers 不予立案 with reasons;
// the tipster follows it and sees the reasons, and no clerk's name.
// Usage: node walk-tips.mjs BASE_URL SCREENSHOT_DIR WEB_NODE_MODULES  (env XY_ADMIN_PASSWORD)
import { adminPassword, base, call, check, fits, login, shot, signIn, step, walk, watch } from './lib.mjs';

// seed.mjs registered the market regulator and sent a penalty of this company.
const REGULATOR = '11320100MB1886843H';
const CODE = '91320100748204660Q';
const NAME = '诸葛举报';
const PHONE = '13987654321';

const admin = await login('admin', adminPassword);
const clerk = await call('POST', '/api/v1/users', { username: 'tip-clerk', display_name: '核查员小李', role: 'operator', department: REGULATOR }, admin, 201);

await walk(async (browser) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const tipster = await phone.newPage();
  watch(tipster);

  const filed = await step('on a phone, the company page leads to 我要举报 with the company filled in', async () => {
    await tipster.goto(`${base}/subjects/${CODE}`);
    await tipster.getByRole('link', { name: '举报该主体' }).click();
    await tipster.waitForURL(`${base}/tips/new?subject=${CODE}`);
    await tipster.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
    check((await tipster.getByLabel('被举报主体').inputValue()) === CODE, 'the subject is not filled in');
    const text = await tipster.locator('#main').innerText();
    check(text.includes('只有信用办可以看到'), 'the page does not say who sees the contact');
    await fits(tipster, 390);
    await tipster.getByLabel('举报事实').fill('该公司在城东仓库无证生产食品，每天夜间出货。');
    await tipster.getByLabel('证据材料').setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]) });
    await tipster.getByLabel('姓名').fill(NAME);
    await tipster.getByLabel('手机号码或电子邮箱').fill(PHONE);
    await tipster.getByRole('button', { name: '提交举报' }).click();
    await tipster.getByRole('heading', { name: '举报已提交' }).waitFor();
    const id = (await tipster.getByTestId('tip-id').innerText()).trim();
    const token = (await tipster.getByTestId('tip-token').innerText()).trim();
    check(/^[0-9]+$/.test(id) && token.length >= 8, `number ${id}, code ${token}`);
    check(!tipster.url().includes(token), 'the 查询码 went into the address');
    await fits(tipster, 390);
    await tipster.screenshot({ path: shot('tip-filed-390.png'), fullPage: true });
    return { id, token };
  });

  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const office = await desk.newPage();
  watch(office);
  await step('the office reads the tipster\'s contact on request and routes the tip to the market regulator', async () => {
    await signIn(office, '/console/tips', 'admin', adminPassword);
    const card = office.locator(`[data-tip="${filed.id}"]`);
    await card.waitFor();
    check(!(await card.innerText()).includes(PHONE), 'the contact shows before it is asked for');
    await card.getByRole('button', { name: `查看举报人信息 ${filed.id}` }).click();
    await card.getByText(PHONE).waitFor();
    await card.getByLabel('承办部门').selectOption(REGULATOR);
    await card.getByLabel('转办意见（举报人可见）').fill('请依法核查');
    await card.getByRole('button', { name: `转办举报 ${filed.id}` }).click();
    await office.getByText(`举报 ${filed.id} 已转办`).waitFor();
    await office.locator(`[data-tip="${filed.id}"] .badge`, { hasText: '办理中' }).waitFor();
    await fits(office, 1280);
    await office.screenshot({ path: shot('console-tips-office.png'), fullPage: true });
    // The same section on a phone, and the public form at desktop width.
    const small = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    watch(small);
    await signIn(small, '/console/tips', 'admin', adminPassword);
    await small.locator(`[data-tip="${filed.id}"]`).waitFor();
    await fits(small, 390);
    await small.screenshot({ path: shot('console-tips-390.png'), fullPage: true });
    await office.goto(`${base}/tips/new?subject=${CODE}`);
    await office.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
    await fits(office, 1280);
    await office.screenshot({ path: shot('tip-new-1280.png'), fullPage: true });
  });

  const clerkDesk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const regulator = await clerkDesk.newPage();
  watch(regulator);
  await step('the regulator\'s clerk sees the tip without the tipster and answers 不予立案 with reasons', async () => {
    await signIn(regulator, '/console/tips', 'tip-clerk', clerk.password);
    const card = regulator.locator(`[data-tip="${filed.id}"]`);
    await card.waitFor();
    const text = await regulator.locator('#main').innerText();
    check(!text.includes(PHONE) && !text.includes(NAME), 'the department\'s page carries the tipster');
    check(text.includes('城东仓库'), 'the facts are not shown to the department');
    await card.getByLabel('答复', { exact: true }).selectOption('declined');
    await card.getByLabel('不予立案理由').selectOption('no_violation');
    await card.getByLabel('答复意见（举报人可见）').fill('经现场检查，该仓库持有有效的食品生产许可证');
    await card.getByRole('button', { name: `答复举报 ${filed.id}` }).click();
    await regulator.getByText(`举报 ${filed.id} 已答复`).waitFor();
    await regulator.getByText('暂无待办理的举报').waitFor();
    await fits(regulator, 1280);
  });

  await step('the tipster follows the tip with the 查询码 and reads the answer, without a clerk\'s name', async () => {
    await tipster.goto(`${base}/tips/track`);
    await tipster.getByLabel('举报编号', { exact: true }).fill(filed.id);
    await tipster.getByLabel('查询码', { exact: true }).fill(filed.token);
    await tipster.getByRole('button', { name: '查询进度' }).click();
    await tipster.getByTestId('tip-status').getByText('不予立案').waitFor();
    const text = await tipster.locator('#main').innerText();
    check(text.includes('经核查未发现违法失信行为') && text.includes('食品生产许可证'), `the reasons are not shown: ${text}`);
    check(text.includes('南京市市场监督管理局'), 'the department that answered is not named');
    check(!text.includes('tip-clerk') && !text.includes('核查员小李') && !text.includes('user:'), 'a clerk is named to the tipster');
    check(!text.includes('城东仓库'), 'the tracking page echoes the facts');
    await fits(tipster, 390);
    await tipster.screenshot({ path: shot('tip-track-390.png'), fullPage: true });
    await office.goto(`${base}/tips/track?id=${filed.id}&token=${encodeURIComponent(filed.token)}`);
    await office.getByTestId('tip-status').getByText('不予立案').waitFor();
    await fits(office, 1280);
    await office.screenshot({ path: shot('tip-track-1280.png'), fullPage: true });
  });
});
