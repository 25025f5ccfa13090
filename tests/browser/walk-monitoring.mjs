// Walks the monthly monitoring (跟踪问效): the market regulator's clerk opens the month's figures
// of its department (the seeded penalty was received late) and exports them as .xlsx, read
// back here; the credit office sees every department ranked, with the chart of scores and the
// risk warnings, on a phone (390 px) as well.
// Usage: node walk-monitoring.mjs BASE_URL SCREENSHOT_DIR WEB_NODE_MODULES  (env XY_ADMIN_PASSWORD)
import { execFileSync } from 'node:child_process';
import { adminPassword, base, call, check, fits, login, rowText, shot, signIn, step, walk, watch } from './lib.mjs';

const REGULATOR = '11320100MB1886843H';
const admin = await login('admin', adminPassword);
const clerk = await call('POST', '/api/v1/users', { username: 'mon-clerk', display_name: 'mon-clerk', role: 'operator', department: REGULATOR }, admin, 201);
const month = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);

await walk(async (browser) => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const op = await desk.newPage();
  watch(op);
  await step('the regulator\'s clerk opens this month\'s figures of its own department', async () => {
    await signIn(op, '/console/monitoring', 'mon-clerk', clerk.password);
    const table = op.getByRole('table', { name: `${month} 跟踪问效` });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    check((await rows.count()) === 1, `${await rows.count()} rows: a department sees its own row only`);
    const text = await rowText(rows.first());
    check(text.includes('南京市市场监督管理局'), `the row is not the regulator's: ${text}`);
    const cells = text.split('\t');
    check(Number(cells[3]) >= 1 && Number(cells[5]) >= 1, `the seeded late row is not counted: ${text}`);
    await fits(op, 1280);
    await op.screenshot({ path: shot('console-monitoring.png'), fullPage: true });
  });

  await step('the month exports as an .xlsx workbook with the department\'s row', async () => {
    const [file] = await Promise.all([op.waitForEvent('download'), op.getByRole('button', { name: '导出 Excel' }).click()]);
    check(file.suggestedFilename() === `跟踪问效-${month}.xlsx`, `the workbook is called ${file.suggestedFilename()}`);
    const sheet = execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.read("xl/worksheets/sheet1.xml").decode())', await file.path()]).toString();
    check(sheet.includes('南京市市场监督管理局') && sheet.includes('超期报送'), 'the workbook lacks the department or the heading');
  });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const office = await phone.newPage();
  watch(office);
  await step('on a phone, the office sees every department ranked, with the chart of scores', async () => {
    await signIn(office, '/console/monitoring', 'admin', adminPassword);
    await office.getByRole('table', { name: `${month} 跟踪问效` }).waitFor();
    await office.locator('[data-chart="monitoring"] svg').waitFor();
    const rows = office.getByRole('table', { name: `${month} 跟踪问效` }).locator('tbody tr');
    check((await rows.count()) >= 1, 'no department listed');
    // The same figures per county or city (all the departments here are 南京市's).
    const regions = await rowText(office.getByRole('table', { name: `${month} 按地区汇总` }).locator('tbody tr').first());
    check(regions.includes('南京市'), `the regions' table does not name 南京市: ${regions}`);
    // 风险预警 below the table: the walk of the console sent two penalties of one trader.
    const warned = office.getByRole('table', { name: `${month} 风险预警` });
    await warned.waitFor();
    const text = await warned.innerText();
    check(text.includes('南京甲乙贸易有限公司') && text.includes('12个月内再次受到行政处罚'), `the warnings do not name the trader: ${text}`);
    await fits(office, 390);
    await office.screenshot({ path: shot('console-monitoring-390.png'), fullPage: true });
  });
});
