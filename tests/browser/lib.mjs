// What every walk shares: the arguments, Chromium through playwright-core, numbered steps, and
// a watch on each page for requests to other origins, page errors and failed answers.
// A walk: node walk-NAME.mjs BASE_URL SCREENSHOT_DIR WEB_NODE_MODULES  (env XY_ADMIN_PASSWORD)
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const [base, shots, nodeModules] = process.argv.slice(2);
export const adminPassword = process.env.XY_ADMIN_PASSWORD;
if (!base || !shots || !nodeModules || !adminPassword) {
  console.error('usage: XY_ADMIN_PASSWORD=… node WALK.mjs BASE_URL SCREENSHOT_DIR WEB_NODE_MODULES');
  process.exit(2);
}
const { chromium } = createRequire(path.join(nodeModules, 'noop.js'))('playwright-core');
export const origin = new URL(base).origin;
export const shot = (name) => path.join(shots, name);
mkdirSync(shots, { recursive: true });

let stepNo = 0;
export async function step(name, fn) {
  stepNo += 1;
  try {
    const value = await fn();
    console.log(`ok ${stepNo} - ${name}`);
    return value;
  } catch (e) {
    throw new Error(`step ${stepNo} "${name}" failed: ${e.message.split('\n')[0]}`);
  }
}
// A step the server under test cannot take yet (an older binary without the endpoint).
export function skip(name, reason) {
  stepNo += 1;
  console.log(`skip ${stepNo} - ${name} (${reason})`);
}
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

// The JSON API, for seeding what a walk needs (as a department's system would send it).
export async function call(method, urlPath, body, token, expected) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(base + urlPath, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${method} ${urlPath}: expected HTTP ${expected}, got ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}
export async function login(username, password) {
  return (await call('POST', '/api/v1/sessions', { username, password }, null, 201)).token;
}
// Whether the server has the route of `urlPath`: a binary that predates it answers 404 with
// "没有此接口：…" (a 404 of an existing route, e.g. an unknown subject, says something else).
export async function serverHas(urlPath) {
  const res = await fetch(base + urlPath);
  const text = await res.text();
  return !(res.status === 404 && text.includes('没有此接口'));
}
// A table row's cells, tab-separated (each cell's text trimmed: cells hold a box of their own,
// which becomes the card's content on a phone).
export async function rowText(row) {
  return (await row.locator('th, td').allInnerTexts()).map((t) => t.trim()).join('\t');
}
// Signs in on the console's log-in form at `path` and waits for the role's sections.
export async function signIn(page, path, username, password) {
  await page.goto(`${base}${path}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '工作台功能' }).waitFor();
}
// The page fits its width: nothing sticks out sideways.
export async function fits(page, width) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= width, `the page is ${wide} px wide in a ${width} px window`);
}
// Today in China (UTC+8) shifted by `days`, YYYY-MM-DD.
export function day(days) {
  return new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

// Failed answers a walk expects (e.g. a wrong token's 404) are listed in `expectedFailures`
// as substrings of the URL.
export const problems = [];
export const expectedFailures = [];
export function watch(page) {
  // Nothing may be loaded from outside the platform, and the pages must not throw.
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && u.origin !== origin) problems.push(`request to another origin: ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !expectedFailures.some((f) => r.url().includes(f))) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
}

// Runs `body(browser)` and the closing check on `problems`; exits 0 or 1.
export async function walk(body) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // Behind the test's nginx the certificate is self-signed (run.sh makes it per run).
      ...(base.startsWith('https:') ? ['--ignore-certificate-errors'] : [])],
  });
  let exitCode = 0;
  try {
    await body(browser);
    await step('nothing was loaded from outside, nothing failed, no page error', async () => {
      check(problems.length === 0, problems.join('; '));
    });
    console.log(`all ${stepNo} steps passed; screenshots in ${shots}`);
  } catch (e) {
    console.error(`not ok - ${e.message}`);
    exitCode = 1;
  } finally {
    await browser.close();
  }
  process.exit(exitCode);
}
