// Walks a typical case (典型案例) as the office and the public would: one admin writes a 失信 case
// citing the company's public penalty and the legal representative (a natural person), another
// admin approves it; the public finds it at 390 px with the person masked (张*); withdrawn, it
// leaves the public site and the console keeps it.
// Usage: node walk-cases.mjs BASE_URL SCREENSHOT_DIR WEB_NODE_MODULES  (env XY_ADMIN_PASSWORD)
import { adminPassword, base, call, check, expectedFailures, fits, login, shot, signIn, step, walk, watch } from './lib.mjs';

// seed.mjs sent this company's penalty (宁市监罚〔2026〕21号).
const CODE = '91320100748204660Q';
const PERSON = { name: '欧阳明', id: '11010519491231002X' };
const TITLE = '南京某某科技有限公司发布虚假广告案';

const admin = await login('admin', adminPassword);
const reviewer = await call('POST', '/api/v1/users', { username: 'case-reviewer', display_name: '审核员', role: 'admin' }, admin, 201);
await call('POST', '/api/v1/subjects', { name: PERSON.name, identifiers: [PERSON.id] }, admin, 201);
const page = await call('GET', `/api/v1/public/subjects/${CODE}`, undefined, null, 200);
const penalty = page.records.find((r) => r.item.code === 'CF');
check(penalty, 'the seeded penalty is not on the public page');

await walk(async (browser) => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const writer = await desk.newPage();
  watch(writer);
  const id = await step('an admin writes a 失信 case citing the penalty and submits it; a full name is refused first', async () => {
    await signIn(writer, '/console/cases', 'admin', adminPassword);
    const form = writer.getByRole('form', { name: '撰写典型案例' });
    await form.getByLabel('类别').selectOption('dishonest');
    await form.getByLabel('标题').fill(TITLE);
    await form.getByLabel('案例内容').fill(`该公司法定代表人${PERSON.name}指使员工在网络平台发布虚假广告，被依法处以罚款。`);
    await form.getByLabel('涉及主体').fill(`${CODE}, ${PERSON.id}`);
    await form.getByLabel('引用的公示记录编号').fill(String(penalty.id));
    await form.getByRole('button', { name: '保存草稿' }).click();
    await writer.getByText('草稿已保存').waitFor();
    const card = writer.locator('[data-case]', { hasText: TITLE }).first();
    const caseId = await card.getAttribute('data-case');
    expectedFailures.push(`/api/v1/cases/${caseId}/submit`);
    await card.getByRole('button', { name: `提交审核 ${caseId}` }).click();
    await card.getByText('请写作欧**').waitFor();
    expectedFailures.pop();
    // The author fixes the text over the API (PUT, as the console's edit would) and submits.
    const token = await login('admin', adminPassword);
    await call('PUT', `/api/v1/cases/${caseId}`, {
      kind: 'dishonest', title: TITLE, body: '该公司法定代表人欧阳某指使员工在网络平台发布虚假广告，被依法处以罚款。',
      subjects: [CODE, PERSON.id], records: [penalty.id],
    }, token, 200);
    await writer.reload();
    await writer.locator(`[data-case="${caseId}"]`).getByRole('button', { name: `提交审核 ${caseId}` }).click();
    await writer.getByText(`案例 ${caseId} 已提交审核`).waitFor();
    check(!(await writer.locator(`[data-case="${caseId}"]`).getByRole('button', { name: `审核通过 ${caseId}` }).count()), 'the author is offered the approval');
    await fits(writer, 1280);
    return caseId;
  });

  const reviewDesk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const second = await reviewDesk.newPage();
  watch(second);
  await step('another admin approves it', async () => {
    await signIn(second, '/console/cases', 'case-reviewer', reviewer.password);
    await second.locator(`[data-case="${id}"]`).getByRole('button', { name: `审核通过 ${id}` }).click();
    await second.getByText(`案例 ${id} 已公开`).waitFor();
    await second.screenshot({ path: shot('console-cases.png'), fullPage: true });
  });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const visitor = await phone.newPage();
  watch(visitor);
  await step('on a phone, the public finds the case from the home page, the person masked', async () => {
    await visitor.goto(`${base}/`);
    await visitor.getByRole('link', { name: /典型案例/ }).first().click();
    await visitor.getByRole('heading', { level: 1, name: '典型案例' }).waitFor();
    await visitor.getByRole('link', { name: TITLE }).waitFor();
    await fits(visitor, 390);
    await visitor.screenshot({ path: shot('cases-390.png'), fullPage: true });
    await visitor.getByRole('link', { name: TITLE }).click();
    await visitor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const text = await visitor.locator('#main').innerText();
    check(text.includes('欧**') && !text.includes(PERSON.name) && !text.includes(PERSON.id), `the person is not masked: ${text}`);
    check(text.includes('宁市监罚〔2026〕21号'), 'the cited penalty is not shown');
    await fits(visitor, 390);
    await visitor.screenshot({ path: shot('case-390.png'), fullPage: true });
    // At desktop width: the list, the case, and the console's section on a phone.
    await second.goto(`${base}/cases`);
    await second.getByRole('link', { name: TITLE }).waitFor();
    await fits(second, 1280);
    await second.screenshot({ path: shot('cases-1280.png'), fullPage: true });
    await second.goto(`${base}/cases/${id}`);
    await second.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await fits(second, 1280);
    await second.screenshot({ path: shot('case-1280.png'), fullPage: true });
    const small = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    watch(small);
    await signIn(small, '/console/cases', 'case-reviewer', reviewer.password);
    await small.locator(`[data-case="${id}"]`).waitFor();
    await fits(small, 390);
    await small.screenshot({ path: shot('console-cases-390.png'), fullPage: true });
  });

  await step('withdrawn, it leaves the public site; the console keeps it', async () => {
    const card = writer.locator(`[data-case="${id}"]`);
    await writer.reload();
    await card.getByLabel('撤回理由').fill('当事人已整改');
    await card.getByRole('button', { name: `撤回 ${id}` }).click();
    await writer.getByText(`案例 ${id} 已撤回`).waitFor();
    await writer.locator(`[data-case="${id}"] .badge`, { hasText: '已撤回' }).waitFor();
    expectedFailures.push(`/api/v1/public/cases/${id}`);
    await visitor.goto(`${base}/cases/${id}`);
    await visitor.getByText('该案例不存在或已不再公开').waitFor();
    await visitor.goto(`${base}/cases`);
    await visitor.getByText('暂无典型案例').waitFor();
  });
});
