// Walks the home and subject pages and the objection path as a new user would.
// Usage: node walk.mjs BASE_URL SCREENSHOT_DIR WEB_NODE_MODULES  (env XY_ADMIN_PASSWORD)
import { base, adminPassword, check, expectedFailures, serverHas, shot, step, walk, watch } from './lib.mjs';

const CODE = '91320100748204660Q';
const COMPANY = '南京某某科技有限公司';
const PENALTY = '宁市监罚〔2026〕21号';
expectedFailures.push('token=wrong');
// A server without name search or public statistics answers their 404; the pages cope.
if (!(await serverHas('/api/v1/search?q=%E5%8D%97%E4%BA%AC'))) expectedFailures.push('/api/v1/search');
if (!(await serverHas('/api/v1/public/stats'))) expectedFailures.push('/api/v1/public/stats');

await walk(async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  watch(page);

  await step('the home page opens with a search box by name or code', async () => {
    const res = await page.goto(`${base}/`);
    check(res && res.status() === 200, `GET / answered ${res && res.status()}`);
    await page.getByRole('heading', { level: 1, name: '信用信息查询' }).waitFor();
    await page.getByLabel('企业名称或统一社会信用代码', { exact: true }).waitFor();
    await page.screenshot({ path: shot('home.png'), fullPage: true });
  });

  await step('typing the company code opens its page', async () => {
    await page.getByLabel('企业名称或统一社会信用代码', { exact: true }).fill(CODE);
    await page.getByLabel('企业名称或统一社会信用代码', { exact: true }).press('Enter');
    await page.waitForURL(`${base}/subjects/${CODE}`);
    await page.getByRole('heading', { level: 1, name: COMPANY }).waitFor();
  });

  await step('the page shows the 行政处罚 record with its display window', async () => {
    const section = page.getByRole('region', { name: /行政处罚/ });
    await section.getByRole('heading', { name: PENALTY }).waitFor();
    const text = await section.innerText();
    check(text.includes('公示期'), `no display window in the penalty section: ${text}`);
    check(!text.includes('异议处理中'), 'the record is marked 异议处理中 before any objection');
  });

  const filed = await step('the record\'s own 提出异议 fills in the form, which takes a document; the objection shows the number and the token', async () => {
    // The action on the penalty itself (not only the form at the bottom).
    await page.getByRole('button', { name: `提出异议：${PENALTY}` }).click();
    const form = page.getByRole('region', { name: '提出异议' });
    const chosen = await form.getByLabel('异议的公示信息').evaluate((s) => s.options[s.selectedIndex].text);
    check(chosen.includes(PENALTY), `the form is about "${chosen}", not the penalty`);
    check(await form.getByLabel('提出人名称').evaluate((e) => e === document.activeElement), 'the form does not take the focus');
    // The file control speaks Chinese whatever the browser's own language (issue 16, item 4).
    const picker = form.locator('.file-picker');
    check((await picker.innerText()).includes('选择文件') && (await picker.innerText()).includes('未选择文件'), `the file control reads ${JSON.stringify(await picker.innerText())}`);
    await form.getByLabel('证明材料').setInputFiles({ name: '缴款凭证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') });
    check((await picker.locator('.file-chosen').innerText()) === '缴款凭证.pdf', 'the chosen file is not named');
    // A contact that is no phone number nor e-mail is told apart, in Chinese.
    await form.getByLabel('提出人名称').fill(COMPANY);
    await form.getByLabel('联系方式').fill('12345');
    await form.getByLabel('异议理由').fill('罚款金额有误');
    expectedFailures.push('/api/v1/objections');
    await form.getByRole('button', { name: '提交异议' }).click();
    await form.getByText(/请填写有效的手机号码/).waitFor();
    expectedFailures.pop();
    await form.getByLabel('提出人名称').fill(COMPANY);
    await form.getByLabel('联系方式').fill('025-12345678');
    await form.getByLabel('异议理由').fill('罚款金额有误');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/objections') && r.request().method() === 'POST'),
      form.getByRole('button', { name: '提交异议' }).click(),
    ]);
    const body = await answer.json();
    const token = (await page.getByTestId('objection-token').innerText()).trim();
    // A limit in a year whose holiday notice is not yet in policy/calendar is marked 暂定 (from
    // December 2026 the 20-working-day close_due reaches into 2027), and only such a limit.
    const ready = await (await fetch(`${base}/readyz`)).json();
    for (const name of ['accept_due', 'close_due']) {
      const expected = body[name] >= ready.calendar_provisional_from;
      check(body.provisional_dates.includes(name) === expected, `${name} ${body[name]}: provisional_dates ${JSON.stringify(body.provisional_dates)}`);
      const marks = await page.getByTestId(`provisional-${name}`).count();
      check(marks === (expected ? 1 : 0), `${name} ${body[name]} shows ${marks} 暂定 marks, expected ${expected ? 1 : 0}`);
    }
    const id = (await page.getByTestId('objection-id').innerText()).trim();
    check(/^\d+$/.test(id), `objection number "${id}" is not a number`);
    check(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/.test(token), `token "${token}" is not a short 查询码`);
    return { id, token };
  });

  await step('the track page with the token shows 已提交', async () => {
    await page.getByRole('link', { name: '查询办理进度' }).click();
    await page.getByRole('heading', { level: 1, name: '异议办理进度查询' }).waitFor();
    check((await page.getByLabel('查询码', { exact: true }).inputValue()) === filed.token, 'the token is not filled in on the track page');
    const status = page.getByTestId('objection-status');
    await status.waitFor();
    const text = await status.innerText();
    check(text.includes('已提交'), `status is "${text}", expected 已提交`);
  });

  await step('a wrong token is told apart', async () => {
    await page.goto(`${base}/objections/track?id=${filed.id}&token=wrong`);
    await page.getByText('异议编号或查询码不正确').waitFor();
  });

  await step('the admin logs in to the console', async () => {
    await page.goto(`${base}/console`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(adminPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { level: 2, name: '异议受理' }).waitFor();
    const stored = await page.evaluate(() => sessionStorage.getItem('xy_token'));
    check(stored && stored.length > 0, 'no session token in sessionStorage');
  });

  await step('the admin accepts the objection', async () => {
    await page.getByRole('button', { name: `受理异议 ${filed.id}`, exact: true }).click();
    await page.getByText(`异议 ${filed.id} 已受理`).waitFor();
  });

  await step('the public page now marks the record 异议处理中', async () => {
    await page.goto(`${base}/subjects/${CODE}`);
    const section = page.getByRole('region', { name: /行政处罚/ });
    await section.getByRole('heading', { name: PENALTY }).waitFor();
    const mark = section.getByText('异议处理中', { exact: true });
    await mark.waitFor();
    const color = await mark.evaluate((el) => getComputedStyle(el).backgroundColor);
    check(color === 'rgb(200, 22, 29)', `the mark is not red (background ${color})`);
    await page.screenshot({ path: shot('subject.png'), fullPage: true });
  });

  await step('at 390 px the subject page has no horizontal scroll', async () => {
    const narrow = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const small = await narrow.newPage();
    watch(small);
    await small.goto(`${base}/subjects/${CODE}`);
    await small.getByRole('heading', { level: 1, name: COMPANY }).waitFor();
    const { scroll, client } = await small.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    check(scroll <= client, `the page is ${scroll} px wide in a ${client} px viewport`);
    await small.screenshot({ path: shot('subject-390.png'), fullPage: true });
    await narrow.close();
  });

});
