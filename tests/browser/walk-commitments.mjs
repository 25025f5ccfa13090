// Walks commitments (信用承诺) as the people who use them: the company signs its own in the
// console; the housing bureau's officer enters one signed at the counter with the scan and,
// after checking, marks it broken (违诺) — the officer's check then names 不适用告知承诺制; the
// public finds the commitments and their outcome on a phone and on a desktop.
// Usage: node walk-commitments.mjs BASE_URL SCREENSHOT_DIR WEB_NODE_MODULES  (env XY_ADMIN_PASSWORD)
import { adminPassword, base, call, check, fits, login, shot, signIn, step, walk, watch } from './lib.mjs';

const CODE = '91320100748204660Q';
// A department of its own, so that the other walks' figures of the market regulator stay theirs.
const DEPARTMENT = '113201000000002700';

const admin = await login('admin', adminPassword);
await call('POST', '/api/v1/departments', { code: DEPARTMENT, name: '南京市住房和城乡建设局' }, admin, 201);
const officer = await call('POST', '/api/v1/users', { username: 'pledge-officer', role: 'officer', department: DEPARTMENT }, admin, 201);
const company = await call('POST', '/api/v1/users', { username: 'pledge-company', role: 'subject', subject: CODE }, admin, 201);

await walk(async (browser) => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const own = await desk.newPage();
  watch(own);
  await step('the company signs a 主动型 commitment in its console and gets the code', async () => {
    await signIn(own, '/console/commitments', 'pledge-company', company.password);
    const form = own.getByRole('form', { name: '作出信用承诺' });
    await form.getByLabel('承诺类型').selectOption('voluntary');
    await form.getByLabel('受理单位').selectOption(DEPARTMENT);
    await form.getByRole('button', { name: '作出承诺' }).click();
    await own.getByText(/已作出，承诺编码 \d{20}/).waitFor();
    await fits(own, 1280);
    await own.screenshot({ path: shot('console-commitments-subject-1280.png'), fullPage: true });
  });

  const counter = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  watch(counter);
  const code = await step('the officer enters one signed at the counter, with the scan', async () => {
    await signIn(counter, '/console/commitments', 'pledge-officer', officer.password);
    const form = counter.getByRole('form', { name: '窗口录入信用承诺' });
    await form.getByLabel('承诺类型').selectOption('approval_substitute');
    await form.getByLabel('承诺人统一社会信用代码或身份证号').fill(CODE);
    await form.getByLabel('承诺人名称').fill('南京某某科技有限公司');
    await form.getByLabel('承诺事由').fill('食品经营许可（告知承诺）');
    await form.getByLabel(/承诺书扫描件/).setInputFiles({ name: '承诺书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') });
    await form.getByRole('button', { name: '录入承诺' }).click();
    const done = await counter.getByText(/已录入，承诺编码 \d{20}/).textContent();
    return done.match(/\d{20}/)[0];
  });

  await step('after an inspection the officer marks it broken; the check answer changes', async () => {
    const check0 = await call('GET', `/api/v1/subjects/${CODE}/check?scenario=administrative_licensing`, undefined, await login('pledge-officer', officer.password), 200);
    check(!check0.measures.some((m) => m.code === 'P2-03'), 'P2-03 before any breach');
    const card = counter.locator(`[data-commitment="${code}"]`);
    await card.getByText(`核查认定 ${code}`).click();
    await card.getByLabel('履行状态').selectOption('partial');
    await card.getByLabel('未履行内容').fill('经营场所与承诺不符');
    await card.getByLabel('违诺责任追究内容').fill('撤销食品经营许可');
    await card.getByLabel('认定依据').fill('《中华人民共和国食品安全法》第三十五条');
    await card.getByRole('button', { name: `认定违诺 ${code}` }).click();
    await counter.locator(`[data-commitment="${code}"] .badge`, { hasText: '违诺（部分履行）' }).waitFor();
    await fits(counter, 1280);
    await counter.screenshot({ path: shot('console-commitments-1280.png'), fullPage: true });
    const check1 = await call('GET', `/api/v1/subjects/${CODE}/check?scenario=administrative_licensing`, undefined, await login('pledge-officer', officer.password), 200);
    check(check1.measures.some((m) => m.code === 'P2-03'), `P2-03 after the breach: ${JSON.stringify(check1.measures.map((m) => m.code))}`);
  });

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
  watch(phone);
  await step('on a phone, the public finds the commitments from the home page and the subject page', async () => {
    await phone.goto(`${base}/`);
    await phone.getByRole('link', { name: /信用承诺/ }).first().click();
    await phone.getByRole('heading', { level: 1, name: '信用承诺' }).waitFor();
    await phone.locator(`[data-commitment="${code}"] .badge`, { hasText: '违诺' }).waitFor();
    const text = await phone.locator('#main').innerText();
    check(!text.includes('pledge-officer'), 'the clerk is named to the public');
    await fits(phone, 390);
    await phone.screenshot({ path: shot('commitments-390.png'), fullPage: true });
    await phone.goto(`${base}/commitments?code=${code}`);
    await phone.locator(`[data-commitment="${code}"]`).getByText('经营场所与承诺不符').waitFor();
    await phone.goto(`${base}/subjects/${CODE}`);
    await phone.getByRole('heading', { name: /信用承诺（2）/ }).waitFor();
    await fits(phone, 390);
    await phone.screenshot({ path: shot('subject-commitments-390.png'), fullPage: true });
    await counter.goto(`${base}/commitments`);
    await counter.locator(`[data-commitment="${code}"]`).waitFor();
    await fits(counter, 1280);
    await counter.screenshot({ path: shot('commitments-1280.png'), fullPage: true });
    const small = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    watch(small);
    await signIn(small, '/console/commitments', 'pledge-officer', officer.password);
    await small.locator(`[data-commitment="${code}"]`).waitFor();
    await fits(small, 390);
    await small.screenshot({ path: shot('console-commitments-390.png'), fullPage: true });
  });
});
