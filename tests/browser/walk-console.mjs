// Walks the console (工作台) as new users of each role would: a department's submitter uploads a
// file of 行政处罚 rows, reads the rows sent back, downloads them, fixes the file and uploads it
// again; an approval officer checks a company the court listed as a dishonest judgment debtor in
// a government procurement and reports the measure applied; the credit office opens the
// dashboard; the console at 390 px; then the submitter's records and the lists chart.
// Usage: node walk-console.mjs BASE_URL SCREENSHOT_DIR WEB_NODE_MODULES  (env XY_ADMIN_PASSWORD)
import { readFile } from 'node:fs/promises';
import { adminPassword, base, call, check, day, expectedFailures, login, rowText, shot, signIn, step, walk, watch } from './lib.mjs';

// seed.mjs registered the market regulator; the codes below carry correct check characters.
const REGULATOR = '11320100MB1886843H';
const TRADER = { name: '南京甲乙贸易有限公司', code: '913201001357924632' };
const FOODS = { name: '南京丙丁食品有限公司', code: '91320100246813570Y', wrong: '91320100246813570R' };
const COURT = { name: '南京市中级人民法院', code: '11320100466000010D' };
const FINANCE = { name: '南京市财政局', code: '113201004660000375' };
const DEBTOR = { name: '南京某某建设工程有限公司', code: '91320100335577995X' };

// A 行政处罚 spreadsheet as a department keeps it: Chinese headings, the header is row 1.
const HEADINGS = ['行政相对人名称', '行政相对人类别', '统一社会信用代码', '法定代表人', '决定书文号', '违法行为类型', '违法事实',
  '处罚依据', '处罚类别', '处罚内容', '罚款金额', '处罚决定日期', '处罚机关', '处罚机关代码', '数据来源单位', '数据来源单位代码'];
function penalty(subject, code, number, fine) {
  return [subject.name, '法人及非法人组织', code, '王五', number, '未按规定明码标价', '销售商品未标明价格',
    '《价格违法行为行政处罚规定》第十三条', '罚款', fine ? `罚款${fine}万元` : '罚款', fine, day(-2),
    '南京市市场监督管理局', REGULATOR, '南京市市场监督管理局', REGULATOR];
}
function csv(rows) {
  const cell = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return Buffer.from([HEADINGS, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n', 'utf8');
}
const N1 = '宁市监价罚〔2026〕101号';
const N2 = '宁市监价罚〔2026〕102号';
const N3 = '宁市监价罚〔2026〕103号';
// Row 2 is right; row 3 has a wrong check character; row 4 is a fine without its amount.
const FIRST = csv([penalty(TRADER, TRADER.code, N1, '0.5'), penalty(FOODS, FOODS.wrong, N2, '0.8'), penalty(TRADER, TRADER.code, N3, '')]);
const FIXED = csv([penalty(TRADER, TRADER.code, N1, '0.5'), penalty(FOODS, FOODS.code, N2, '0.8'), penalty(TRADER, TRADER.code, N3, '1.2')]);

// Seeds what the walk needs beyond seed.mjs, through the API as the office and the court would.
const admin = await login('admin', adminPassword);
const user = (username, role, department) => call('POST', '/api/v1/users', { username, display_name: username, role, department }, admin, 201);
const uploader = await user('uploader', 'operator', REGULATOR);
await call('POST', '/api/v1/departments', { code: COURT.code, name: COURT.name }, admin, 201);
await call('POST', '/api/v1/departments', { code: FINANCE.code, name: FINANCE.name }, admin, 201);
const courtClerk = await user('court-clerk', 'operator', COURT.code);
const buyer = await user('buyer', 'officer', FINANCE.code);
const auditor = await call('POST', '/api/v1/users', { username: 'inspector', display_name: 'inspector', role: 'auditor' }, admin, 201);
// The court publishes a dishonest judgment debtor (SX): a decided entry of the serious list.
const listed = await call('POST', '/api/v1/records?item=SX', [{
  SX_BZXR_MC: DEBTOR.name, SX_BZXR_LB: '法人及非法人组织', SX_BZXR_SHXYM: DEBTOR.code, SX_FRDB: '李四',
  SX_AH: '（2026）苏01执1234号', SX_ZXFY: COURT.name, SX_LARQ: day(-90), SX_YW: '支付工程款人民币120万元',
  SX_LXQK: '全部未履行', SX_SXQX: '有履行能力而拒不履行生效法律文书确定义务', SX_FBRQ: day(-5),
  SX_SJLY: COURT.name, SX_SJLYDM: COURT.code,
}], await login('court-clerk', courtClerk.password), 200);
check(listed.accepted === 1, `the court's row was not accepted: ${JSON.stringify(listed)}`);

// RFC 4180: quoted cells may hold commas, quotes and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; ++i; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// The page is no wider than the screen.
async function noSideScroll(page, where) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  check(scroll <= client, `${where}: the page is ${scroll} px wide in a ${client} px viewport`);
}

await walk(async (browser) => {
  const desk = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' };
  const opCtx = await browser.newContext(desk);
  const op = await opCtx.newPage();
  op.setDefaultTimeout(15000);
  watch(op);
  let batchId;

  await step('an operator logs in and uploads a 行政处罚 file: two rows are sent back with row and field', async () => {
    await signIn(op, '/console', 'uploader', uploader.password);
    await op.getByRole('heading', { level: 2, name: '数据上报' }).waitFor();
    await op.getByLabel('信息项', { exact: true }).selectOption({ label: '行政处罚（CF）' });
    await op.getByLabel('数据文件', { exact: true }).setInputFiles({ name: '处罚.csv', mimeType: 'text/csv', buffer: FIRST });
    await op.getByRole('button', { name: '上传', exact: true }).click();
    const result = op.getByRole('region', { name: /的处理结果$/ });
    await result.waitFor();
    batchId = (await result.getByRole('heading').innerText()).match(/批次 (\d+)/)[1];
    check((await result.locator('[data-count=accepted]').innerText()) === '1 行', 'accepted is not 1');
    check((await result.locator('[data-count=rejected]').innerText()) === '2 行', 'rejected is not 2');
    const table = result.getByRole('table', { name: '退回行的错误' });
    const rows = table.locator('tbody tr');
    check((await rows.count()) === 2, `the error table has ${await rows.count()} rows, expected 2`);
    const r3 = await rows.filter({ has: op.getByRole('cell', { name: '3', exact: true }) }).innerText();
    check(r3.includes('CF_XDR_SHXYM') && r3.includes('校验码'), `row 3 does not name the code's check character: ${JSON.stringify(r3)}`);
    const r4 = await rows.filter({ has: op.getByRole('cell', { name: '4', exact: true }) }).innerText();
    check(r4.includes('CF_NR_FK') && r4.includes('条件必填'), `row 4 does not name the missing fine: ${JSON.stringify(r4)}`);
    await op.screenshot({ path: shot('console-intake.png'), fullPage: true });
  });

  let sentBack;
  await step('the operator downloads the rows sent back: each row as sent, with its reason and row number', async () => {
    const [file] = await Promise.all([op.waitForEvent('download'), op.getByRole('button', { name: '下载退回数据（CSV）' }).click()]);
    check(file.suggestedFilename() === '处罚-退回.csv', `the file is called ${file.suggestedFilename()}`);
    sentBack = parseCsv((await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, ''));
    const [head, ...rows] = sentBack;
    check(head[0] === '行政相对人名称' && head.at(-2) === '退回原因' && head.at(-1) === '原行号', `unexpected heading line: ${head.join(',')}`);
    check(!head.some((c) => c.startsWith('CF_')), `a heading is a field code: ${head.join(',')}`);
    check(rows.length === 2, `${rows.length} rows sent back, expected 2`);
    const r3 = rows.find((r) => r.at(-1) === '3');
    const r4 = rows.find((r) => r.at(-1) === '4');
    check(r3 && r3.includes(FOODS.wrong) && r3.at(-2).includes('校验码'), `row 3 is not as sent, with its reason: ${JSON.stringify(r3)}`);
    check(r4 && r4.includes(N3) && r4.at(-2).includes('罚款'), `row 4 is not as sent, with its reason: ${JSON.stringify(r4)}`);
    check(!rows.some((r) => /[a-z_]{6,}/.test(r.at(-2))), `a reason holds an internal word: ${JSON.stringify(rows)}`);
    const [xlsx] = await Promise.all([op.waitForEvent('download'), op.getByRole('button', { name: '下载退回数据（Excel）' }).click()]);
    check(xlsx.suggestedFilename() === '处罚-退回.xlsx', `the workbook is called ${xlsx.suggestedFilename()}`);
  });

  await step('the operator fixes the two rows in the sent-back file and uploads it as it is: both accepted', async () => {
    const [head, ...rows] = sentBack;
    const fine = head.findIndex((c) => c.startsWith('罚款金额'));
    check(fine >= 0, `no fine column: ${head.join(',')}`);
    for (const r of rows) {
      const at = r.indexOf(FOODS.wrong);
      if (at >= 0) r[at] = FOODS.code;
      if (r.includes(N3)) {
        r[fine] = '1.2';
        r[head.indexOf('处罚内容')] = '罚款1.2万元';
      }
    }
    const cell = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const fixed = Buffer.from([head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n', 'utf8');
    await op.getByLabel('数据文件', { exact: true }).setInputFiles({ name: '处罚-退回.csv', mimeType: 'text/csv', buffer: fixed });
    await op.getByRole('button', { name: '上传', exact: true }).click();
    await op.getByRole('status').filter({ hasText: '接收 2 行，未变化 0 行，退回 0 行' }).waitFor();
    const result = op.getByRole('region', { name: /的处理结果$/ });
    check((await result.getByRole('table').count()) === 0, 'an error table is still shown');
  });

  await step('the whole fixed original uploaded again: every row unchanged', async () => {
    await op.getByLabel('数据文件', { exact: true }).setInputFiles({ name: '处罚（修改后）.csv', mimeType: 'text/csv', buffer: FIXED });
    await op.getByRole('button', { name: '上传', exact: true }).click();
    const status = op.getByRole('status').filter({ hasText: /未变化 [1-9]/ });
    await status.waitFor();
    const text = await status.innerText();
    check(text.includes('接收 0 行，未变化 3 行，退回 0 行'), `unexpected counts: ${text}`);
  });

  const ofCtx = await browser.newContext(desk);
  const of = await ofCtx.newPage();
  of.setDefaultTimeout(15000);
  watch(of);

  await step('an officer finds the listed company by name, checks it in 政府采购 and sees the restriction with its legal basis', async () => {
    await signIn(of, '/console', 'buyer', buyer.password);
    await of.getByRole('heading', { level: 2, name: '联合奖惩核查' }).waitFor();
    // A name is not an identifier error: the matches are offered (issue 16, item 9).
    await of.getByLabel('主体代码或名称').fill('某某建设工程');
    await of.getByLabel('业务场景').selectOption({ label: '政府采购' });
    await of.getByRole('button', { name: '核查', exact: true }).click();
    await of.getByRole('list', { name: '匹配的主体' }).getByRole('button', { name: `${DEBTOR.name}（${DEBTOR.code}）` }).click();
    const answer = of.getByRole('region', { name: `核查结果：${DEBTOR.name}` });
    await answer.waitFor();
    check((await of.getByLabel('主体代码或名称').inputValue()) === DEBTOR.code, 'the picked code is not in the box');
    const lists = await answer.locator('.record.black-list').first().innerText();
    check(lists.includes('严重失信主体名单') && lists.includes('法院执行'), `no serious-list entry from the court: ${JSON.stringify(lists)}`);
    const measure = answer.locator('[data-measure="P1-01"]');
    const text = await measure.innerText();
    check(text.includes('限制参加政府采购活动'), `no procurement restriction: ${JSON.stringify(text)}`);
    check(text.includes('必须执行'), 'the restriction is not marked mandatory');
    check(text.includes('《中华人民共和国政府采购法》第二十二条第一款第（五）项'), `no legal basis: ${JSON.stringify(text)}`);
    check(!text.includes('暂停执行'), 'the restriction is marked suspended');
    // Reasons name documents, not the platform's record numbers (issue 16, item 9).
    const reasons = await answer.locator('ul.triggers li').allInnerTexts();
    check(reasons.length > 0 && reasons.every((r) => !/^记录 \d+/.test(r)), `a reason names an internal record number: ${JSON.stringify(reasons)}`);
    // The 结果校验码 is read out short; the whole digest is one click away.
    const hash = await answer.getByTestId('answer-hash').innerText();
    check(/^[0-9A-F]{4}-[0-9A-F]{4}$/.test(hash), `the answer's code is not short: ${JSON.stringify(hash)}`);
  });

  await step('the officer reports one measure now and the others later from 我的核查', async () => {
    const group = of.getByRole('group', { name: '限制参加政府采购活动（P1-01）' });
    await group.getByLabel('已执行').check();
    await group.getByLabel('说明').fill('已在资格审查中拒绝其参加本项目采购');
    const measures = await of.locator('fieldset.feedback').count();
    await of.getByRole('button', { name: '提交执行反馈' }).click();
    await of.getByText(/^执行反馈已提交：核查编号 \d+，共 1 项措施。/).waitFor();
    const table = of.getByRole('table', { name: /已反馈的措施$/ });
    const text = await table.innerText();
    check(text.includes('已执行') && text.includes('已在资格审查中拒绝其参加本项目采购'), `the confirmation lacks the feedback: ${JSON.stringify(text)}`);
    // The other measures stay open and can be reported after (issue 16, item 9).
    const left = await of.locator('fieldset.feedback').count();
    check(left === measures - 1, `after one report ${left} of ${measures} measures are open`);
    await of.screenshot({ path: shot('console-check.png'), fullPage: true });
    if (left > 0) {
      // The officer comes back later: the check waits in 我的核查 with the measures still open.
      await of.reload();
      const mine = of.getByRole('table', { name: '本部门最近的核查' });
      const row = mine.getByRole('row', { name: new RegExp(DEBTOR.name) }).first();
      await row.getByRole('button', { name: `反馈（待 ${left} 项）` }).click();
      for (let i = 0; i < left; ++i) {
        const next = of.locator('fieldset.feedback').nth(i);
        await next.getByLabel('未执行').check();
        await next.getByLabel('说明').fill('本项目不涉及该措施');
      }
      await of.getByRole('button', { name: '提交执行反馈' }).click();
      await of.getByText(/^执行反馈已提交：核查编号 \d+，共 \d+ 项措施。$/).waitFor();
      await mine.getByRole('row', { name: new RegExp(DEBTOR.name) }).first().getByText(/^已全部反馈/).waitFor();
    }
    const stats = await call('GET', '/api/v1/stats/checks', undefined, admin, 200);
    const row = stats.items.find((s) => s.scenario === 'government_procurement');
    check(row && row.feedback === measures && row.applied === 1, `the office does not see the feedback: ${JSON.stringify(stats)}`);
  });

  await step('a valid code not on the platform is answered "no credit information" and recorded', async () => {
    await of.getByLabel('主体代码或名称').fill('91320105MA1Q2W3E4A');
    await of.getByRole('button', { name: '核查', exact: true }).click();
    await of.getByRole('region', { name: '核查结果：平台无该主体的信用信息' }).waitFor();
    await of.getByRole('table', { name: '本部门最近的核查' }).getByRole('cell', { name: '91320105MA1Q2W3E4A（平台无信用信息）' }).waitFor();
  });

  const adCtx = await browser.newContext(desk);
  const ad = await adCtx.newPage();
  ad.setDefaultTimeout(15000);
  watch(ad);

  await step('the admin opens the dashboard: intake and checks by department, as charts and tables', async () => {
    await signIn(ad, '/console/dashboard', 'admin', adminPassword);
    await ad.getByRole('heading', { level: 2, name: '数据看板' }).waitFor();
    await ad.locator('[data-chart=intake] svg').waitFor();
    await ad.locator('[data-chart=checks] svg').waitFor();
    const intakePanel = ad.getByRole('region', { name: '各部门数据归集', exact: true });
    await intakePanel.getByText('查看数据表').click();
    const regulator = await rowText(intakePanel.getByRole('table').getByRole('row', { name: /南京市市场监督管理局/ }));
    // Received 9: seed.mjs's row and the three uploads' 3 + 2 + 3; accepted 4 (1 + 1 + 2),
    // unchanged 3, sent back 2, late 1 (seed.mjs's decision 30 days before).
    check(regulator === '南京市市场监督管理局\t9\t4\t3\t2\t1', `unexpected intake numbers: ${JSON.stringify(regulator)}`);
    const checksPanel = ad.getByRole('region', { name: '各部门联合奖惩核查', exact: true });
    await checksPanel.getByText('查看数据表').click();
    const checks = await rowText(checksPanel.getByRole('table').getByRole('row', { name: new RegExp(FINANCE.name) }));
    check(checks.startsWith(`${FINANCE.name}\t2\t`), `unexpected check numbers: ${JSON.stringify(checks)}`);
    const img = ad.getByRole('img', { name: /^各部门数据归集图表/ });
    check((await img.count()) === 1, 'the intake chart has no accessible name');
    // The bars' labels break a department's name between words: after 南京市, not inside
    // 市场监督管理局 (issue 16, item 12).
    const lines = await ad.locator('[data-chart=intake] svg text').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    const flat = lines.join('|');
    check(flat.includes('市场监督管理局'), `no label line holds 市场监督管理局 whole: ${flat}`);
    check(!lines.some((l) => /^(理局|管理局|局)$/.test(l.trim())), `a label line breaks inside a name: ${flat}`);
  });

  await step('the console navigation works from the keyboard and marks the current section', async () => {
    const nav = ad.getByRole('navigation', { name: '工作台功能' });
    check((await nav.getByRole('link', { name: '数据看板' }).getAttribute('aria-current')) === 'page', '数据看板 is not the current section');
    await nav.getByRole('link', { name: '措施清单' }).focus();
    await ad.keyboard.press('Enter');
    await ad.waitForURL(`${base}/console/measures`);
    await ad.getByRole('table', { name: /^第一类惩戒措施/ }).waitFor();
    const focused = await ad.evaluate(() => document.activeElement?.textContent);
    check(focused === '措施清单', `focus is on "${focused}", not on the section's heading`);
  });

  // The same day `n` years later; 28 February for a 29th in a year without one (as the server
  // counts periods: Date::AddMonths).
  function yearsLater(ymd, n) {
    const y = Number(ymd.slice(0, 4)) + n;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return ymd.slice(5) === '02-29' && !leap ? `${y}-02-28` : `${y}${ymd.slice(4)}`;
  }

  await step('the office confirms a measure basis nobody had checked; it reads 依据待核实 until then', async () => {
    await ad.goto(`${base}/console/measures`);
    const row = ad.getByRole('row').filter({ hasText: 'P1-04' });
    await row.waitFor();
    check((await row.getByText('依据待核实').count()) === 1, 'P1-04 is not marked 依据待核实');
    const form = ad.getByRole('form', { name: '确认措施 P1-04 的依据' });
    await form.getByLabel('条款').fill('（十）');
    await form.getByRole('button', { name: '确认依据 P1-04' }).click();
    check(await form.getByLabel('核对所用正式文本').evaluate((el) => !el.validity.valid), 'the form takes a confirmation without saying where the text was read');
    check((await ad.getByText('措施 P1-04 的依据已确认').count()) === 0, 'confirmed without a source');
    await form.getByLabel('核对所用正式文本').fill('中国政府网 国发〔2016〕33号 正式文本');
    await form.getByRole('button', { name: '确认依据 P1-04' }).click();
    await ad.getByText('措施 P1-04 的依据已确认').waitFor();
    const confirmed = ad.getByRole('row').filter({ hasText: 'P1-04' });
    check((await confirmed.getByText('依据待核实').count()) === 0, 'P1-04 is still marked after the confirmation');
    check((await confirmed.textContent() ?? '').includes('（十）'), 'the confirmed article is not shown');
    check((await ad.getByRole('form', { name: '确认措施 P1-04 的依据' }).count()) === 0, 'P1-04 is still offered for confirmation');
    await ad.screenshot({ path: shot('console-measures-1280.png'), fullPage: false });
  });

  await step('at 390 px the console has no horizontal scroll', async () => {
    const narrow = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const small = await narrow.newPage();
    small.setDefaultTimeout(15000);
    watch(small);
    await signIn(small, '/console', 'admin', adminPassword);
    for (const [path, heading] of [['objections', '异议受理'], ['lists', '名单认定'], ['measures', '措施清单'],
      ['check-stats', '核查统计'], ['records', '数据记录'], ['dashboard', '数据看板']]) {
      await small.goto(`${base}/console/${path}`);
      await small.getByRole('heading', { level: 2, name: heading }).waitFor();
      await small.locator('.console-section[aria-busy=false]').waitFor();
      await noSideScroll(small, heading);
      if (path === 'measures') await small.screenshot({ path: shot('console-measures-390.png'), fullPage: false });
    }
    await small.screenshot({ path: shot('console-390.png'), fullPage: true });
    const operator = await narrow.newPage();
    watch(operator);
    await signIn(operator, '/console', 'uploader', uploader.password);
    for (const [path, heading] of [['intake', '数据上报'], ['records', '数据记录']]) {
      await operator.goto(`${base}/console/${path}`);
      await operator.getByRole('heading', { level: 2, name: heading }).waitFor();
      await operator.locator('.console-section[aria-busy=false]').waitFor();
      await noSideScroll(operator, heading);
    }
    const officer = await narrow.newPage();
    watch(officer);
    await signIn(officer, '/console', 'buyer', buyer.password);
    await officer.getByLabel('主体代码').fill(DEBTOR.code);
    await officer.getByLabel('业务场景').selectOption({ label: '政府采购' });
    await officer.getByRole('button', { name: '核查', exact: true }).click();
    await officer.getByRole('group', { name: '限制参加政府采购活动（P1-01）' }).waitFor();
    await officer.getByRole('table', { name: '本部门最近的核查' }).waitFor();
    await noSideScroll(officer, '联合奖惩核查');
    await officer.screenshot({ path: shot('console-check-390.png'), fullPage: true });
    await narrow.close();
  });

  await step('the operator lists its records, newest first, opens one with its versions and revokes it', async () => {
    await op.getByRole('navigation', { name: '工作台功能' }).getByRole('link', { name: '数据记录' }).click();
    const table = op.getByRole('table', { name: /^数据记录/ });
    await table.getByRole('cell', { name: N3 }).waitFor();
    const keys = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
    check(keys.indexOf(N3) < keys.indexOf(N1), `not newest first: ${keys.join(' / ')}`);
    check(keys.includes(N2), `the fixed row 3 is not listed: ${keys.join(' / ')}`);
    await table.getByRole('row', { name: new RegExp(N2) }).getByRole('link').click();
    await op.getByRole('heading', { name: /^第 1 版/ }).waitFor();
    const record = await op.getByRole('region', { name: /^记录 \d+：行政处罚/ }).innerText();
    check(record.includes(N2) && record.includes(FOODS.name), `the record page lacks its number or subject: ${JSON.stringify(record)}`);
    await op.getByLabel('撤销理由').fill('文书号录入重复');
    await op.getByRole('button', { name: '撤销记录' }).click();
    await op.getByText(/^记录 \d+ 已撤销$/).waitFor();
    const after = await op.getByRole('region', { name: /^记录 \d+：行政处罚/ }).innerText();
    check(after.includes('已撤销') && after.includes('文书号录入重复'), `the record does not show the revocation: ${JSON.stringify(after)}`);
  });

  await step('the admin finds the court\'s entry among the lists, proposes a 红名单 entry and decides it', async () => {
    await ad.getByRole('navigation', { name: '工作台功能' }).getByRole('link', { name: '名单认定' }).click();
    const table = ad.getByRole('table', { name: /^名单条目/ });
    const court = await table.getByRole('row', { name: new RegExp(DEBTOR.name) }).innerText();
    check(court.includes('严重失信主体名单') && court.includes('已认定') && court.includes(COURT.name), `the court's entry: ${JSON.stringify(court)}`);
    const form = ad.getByRole('form', { name: '拟认定' });
    await form.getByLabel('主体代码').fill(TRADER.code);
    await form.getByLabel('名单', { exact: true }).selectOption({ label: '红名单' });
    await form.getByLabel('领域').selectOption({ label: '市场监管' });
    await form.getByLabel('发起部门').selectOption({ label: '南京市市场监督管理局' });
    await form.getByLabel('认定依据').fill('《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）');
    await form.getByRole('button', { name: '提交拟认定' }).click();
    await ad.getByRole('heading', { name: /^名单条目 \d+：红名单/ }).waitFor();
    check((await ad.getByTestId('entry-status').innerText()) === '拟认定', 'the new entry is not 拟认定');
    await ad.getByLabel('认定决定书文号').fill('宁市监信〔2026〕8号');
    const entryUrl = new URL(ad.url());
    expectedFailures.push(`/api/v1/lists/entries/${entryUrl.searchParams.get('id')}/decide`);
    await ad.getByRole('button', { name: '作出认定' }).click();
    // The trader was fined this month: the recognition is refused, naming the penalty; the
    // office decides all the same with a reason, kept in the audit log (issue 16, item 11).
    await ad.getByText(/不予列入红名单/).waitFor();
    await ad.getByLabel('仍予认定的理由').fill('处罚已履行完毕，经信用办会商仍予认定（测试）');
    await ad.getByRole('button', { name: '作出认定' }).click();
    await ad.getByText('已作出认定', { exact: true }).waitFor();
    check((await ad.getByTestId('entry-status').innerText()) === '已认定', 'the entry is not 已认定');
    await ad.getByRole('link', { name: '返回名单认定' }).click();
    const row = await ad.getByRole('table', { name: /^名单条目/ }).getByRole('row', { name: new RegExp(TRADER.name) }).innerText();
    check(row.includes('红名单') && row.includes('已认定') && row.includes(`${day(0)} 至 ${yearsLater(day(0), 3)}`), `the red-list entry (three years by the validity policy): ${JSON.stringify(row)}`);
  });

  await step('the admin publishes a 通知公告, the home page shows it, and once withdrawn it is gone', async () => {
    const title = '关于开展信用修复集中服务的通知';
    const text = '即日起，信用修复申请可在网上提交（详见“信用修复”栏目）。';
    await ad.getByRole('navigation', { name: '工作台功能' }).getByRole('link', { name: '通知公告' }).click();
    const form = ad.getByRole('form', { name: '发布通知公告' });
    await form.getByLabel('公告标题').fill(title);
    await form.getByLabel('公告正文').fill(text);
    await form.getByRole('button', { name: '发布公告' }).click();
    await ad.getByText(`公告“${title}”已发布`).waitFor();
    const pub = await adCtx.newPage();
    watch(pub);
    await pub.goto(`${base}/`);
    const panel = pub.getByRole('region', { name: '通知公告' });
    await panel.getByText(title).click();
    await panel.getByText(text, { exact: true }).waitFor();
    const withdraw = ad.getByRole('form', { name: `撤下公告 ${title}` });
    await withdraw.getByLabel('撤下理由').fill('内容已更新');
    await withdraw.getByRole('button').click();
    await ad.getByText(`公告“${title}”已撤下`).waitFor();
    await pub.reload();
    await pub.getByRole('region', { name: '通知公告' }).getByText('暂无通知公告').waitFor();
    await pub.close();
  });

  await step('an auditor filters the event log by type and actor and verifies the chain', async () => {
    const auCtx = await browser.newContext(desk);
    const au = await auCtx.newPage();
    au.setDefaultTimeout(15000);
    watch(au);
    await signIn(au, '/console', 'inspector', auditor.password);
    await au.getByRole('heading', { level: 2, name: '审计日志' }).waitFor();
    await au.getByRole('button', { name: '校验日志链' }).click();
    await au.getByText(/^校验通过：共 \d+ 条事件/).waitFor();
    await au.getByLabel('事件类型').fill('check.feedback');
    await au.getByLabel('操作人').fill('user:buyer');
    await au.getByLabel('起始日期').fill(day(0));
    await au.getByLabel('截止日期').fill(day(0));
    await au.getByRole('button', { name: '查询', exact: true }).click();
    const filtered = au.getByRole('table', { name: `事件（类型 check.feedback，操作人 user:buyer，${day(0)} 至 ${day(0)}）` });
    await filtered.waitFor();
    const texts = await filtered.locator('tbody tr').allInnerTexts();
    // One event per report: the restriction first, then the second measure reported after it.
    check(texts.length >= 1 && texts.every((t) => t.includes('user:buyer')) && texts[0].includes('P1-01'), `the filtered events: ${JSON.stringify(texts)}`);
    await au.getByLabel('起始日期').fill(day(1));
    await au.getByLabel('截止日期').fill(day(1));
    await au.getByRole('button', { name: '查询', exact: true }).click();
    await au.getByRole('table', { name: new RegExp(`${day(1)} 至 ${day(1)}`) }).getByRole('cell', { name: '没有符合条件的事件' }).waitFor();
    await auCtx.close();
  });

  await step('the dashboard charts the lists month by month; the screenshot is saved', async () => {
    await ad.goto(`${base}/console/dashboard`);
    await ad.locator('[data-chart=intake] svg').waitFor();
    await ad.locator('[data-chart=checks] svg').waitFor();
    await ad.locator('[data-chart=lists] svg').waitFor();
    await ad.screenshot({ path: shot('dashboard.png'), fullPage: true });
    const listsPanel = ad.getByRole('region', { name: /^名单数量变化/ });
    await listsPanel.getByText('查看数据表').click();
    const months = listsPanel.getByRole('table').locator('tbody tr');
    check((await months.count()) === 24, `the lists table has ${await months.count()} months, expected 24`);
    const last = await rowText(months.last());
    // This month: the court's entry on the serious list and the red-list entry just decided.
    check(last.startsWith(day(0).slice(0, 7)), `the last month is not this month: ${JSON.stringify(last)}`);
    check(last.split('\t').slice(1).join(' ') === '1 0 1 0 0 0 1 0 1', `this month's numbers: ${JSON.stringify(last)}`);
  });
});
