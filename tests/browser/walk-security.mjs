// Security as the office meets it in a browser. A cross-site request forgery: an admin signed
// in to the console visits another site, whose page posts a form to the platform; Chromium
// sends the session cookie (the other site is on the same host, another port: the same "site"
// for SameSite), and the platform must refuse the change because it does not come from its own
// pages. Then the console's 账号与密钥: the accounts locked after failed log-ins, and a leaked
// key revoked, refused at once.
import http from 'node:http';
import { base, adminPassword, call, check, login, shot, step, walk } from './lib.mjs';

const host = new URL(base).hostname;

await walk(async (browser) => {
  const admin = await login('admin', adminPassword);
  const record = await step('a record of the platform to aim at', async () => {
    const list = await call('GET', '/api/v1/records?item=CF&status=active', undefined, admin, 200);
    check(list.items.length > 0, 'no active record to aim at');
    return list.items[0];
  });

  // The other site: one page that posts a form to the platform as soon as it loads.
  const target = `${base}/api/v1/records/${record.id}/revoke`;
  const evil = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><form method="POST" action="${target}" enctype="text/plain">
      <input name='{"reason":"csrf","x":"' value='"}'></form>
      <script>document.forms[0].submit()</script>`);
  });
  await new Promise((resolve) => evil.listen(0, host, resolve));
  const evilUrl = `http://${host}:${evil.address().port}/`;

  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await step('the admin signs in to the console (the session cookie is set)', async () => {
      await page.goto(`${base}/console`);
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill(adminPassword);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('navigation', { name: '工作台功能' }).waitFor();
      const cookies = await context.cookies(base);
      check(cookies.some((c) => c.name === 'xy_session'), 'no xy_session cookie after signing in');
    });

    await step("another site's form post is refused though the browser sent the cookie", async () => {
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url() === target && r.method() === 'POST'),
        page.goto(evilUrl),
      ]);
      const response = await request.response();
      const headers = await request.allHeaders();
      check((headers.cookie || '').includes('xy_session='), `the browser did not send the cookie (${headers.cookie}): the test would prove nothing`);
      check(response.status() === 403, `the forged revoke answered ${response.status()}: ${await response.text()}`);
    });

    await step('the record is still active', async () => {
      const after = await call('GET', `/api/v1/records/${record.id}`, undefined, admin, 200);
      check(after.status === 'active', `the record is ${after.status}`);
    });

    await step("the platform's own console still works with the same cookie", async () => {
      const ok = await page.evaluate(async (url) => {
        const r = await fetch(url, { method: 'GET', credentials: 'same-origin' });
        return r.status;
      }, `${base}/api/v1/me`);
      check(ok === 200, `GET /api/v1/me from the console answered ${ok}`);
    });

    const key = await call('POST', '/api/v1/api-keys', { department: '11320100MB1886843H', role: 'operator', label: '报送系统（测试）' }, admin, 201);
    for (let i = 0; i < 5; i += 1) {
      await call('POST', '/api/v1/sessions', { username: 'ghost', password: `guess-${i}` }, null, 401);
    }
    await step('账号与密钥 shows the account locked after failed log-ins', async () => {
      await page.goto(`${base}/console/accounts`);
      await page.getByRole('heading', { level: 2, name: '账号与密钥' }).waitFor();
      const locks = page.getByTestId('login-locks');
      await locks.waitFor();
      const text = await locks.innerText();
      check(text.includes('ghost'), `the lock notice does not name the account: ${text}`);
      await page.screenshot({ path: shot('console-accounts.png'), fullPage: true });
    });
    await step('a leaked key revoked in the console is refused at once', async () => {
      check((await fetch(`${base}/api/v1/records`, { headers: { Authorization: `Bearer ${key.key}` } })).status === 200, 'the key did not work before');
      const prefix = key.key.slice(0, 11);
      await page.getByPlaceholder('吊销理由').fill('密钥泄露');
      await page.getByRole('button', { name: `吊销 ${prefix}` }).click();
      await page.getByText(`密钥 ${prefix} 已吊销`).waitFor();
      const after = await fetch(`${base}/api/v1/records`, { headers: { Authorization: `Bearer ${key.key}` } });
      check(after.status === 401, `the revoked key answered ${after.status}`);
    });
    await context.close();
  } finally {
    evil.close();
  }
});
