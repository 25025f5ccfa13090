import { api, ApiError, sessionToken, setSessionToken } from '../api';
import { alertBox, field, h } from '../dom';
import { label, ROLE } from '../labels';
import { focusMain, render } from '../router';
import { accountsSection, passwordSection } from './console/accounts';
import { announcementsSection } from './console/announcements';
import { auditSection } from './console/audit';
import { checkSection } from './console/check';
import { checkStatsSection } from './console/check-stats';
import { actorName, type ConsoleContext, type SectionRender } from './console/context';
import { dashboardSection } from './console/dashboard';
import { intakeSection } from './console/intake';
import { listsSection } from './console/lists';
import { measuresSection } from './console/measures';
import { objectionsSection } from './console/objections';
import { recordsSection } from './console/records';
import { repairsSection } from './console/repairs';
import { tipsSection } from './console/tips';
import { casesSection } from './console/cases';
import { monitoringSection } from './console/monitoring';
import { commitmentsSection } from './console/commitments';
import { reportsSection } from './console/reports';
import { evaluationSection } from './console/evaluation';
import type { Department, Me, Role } from './console/shapes';

interface Section {
  title: string;
  render: SectionRender;
}

// Each section is at /console/<slug>.
const SECTIONS: Record<string, Section> = {
  intake: { title: '数据上报', render: intakeSection },
  records: { title: '数据记录', render: recordsSection },
  check: { title: '联合奖惩核查', render: checkSection },
  objections: { title: '异议受理', render: objectionsSection },
  repairs: { title: '信用修复', render: repairsSection },
  tips: { title: '举报办理', render: tipsSection },
  cases: { title: '典型案例', render: casesSection },
  commitments: { title: '信用承诺', render: commitmentsSection },
  reports: { title: '信用报告', render: reportsSection },
  evaluation: { title: '信用评价', render: evaluationSection },
  monitoring: { title: '跟踪问效', render: monitoringSection },
  lists: { title: '名单认定', render: listsSection },
  measures: { title: '措施清单', render: measuresSection },
  'check-stats': { title: '核查统计', render: checkStatsSection },
  audit: { title: '审计日志', render: auditSection },
  dashboard: { title: '数据看板', render: dashboardSection },
  announcements: { title: '通知公告', render: announcementsSection },
  accounts: { title: '账号与密钥', render: accountsSection },
  password: { title: '修改密码', render: passwordSection },
};

// The sections of each role, in the order of its navigation; the first opens at /console.
const NAV: Partial<Record<Role, string[]>> = {
  operator: ['intake', 'records', 'tips', 'commitments', 'evaluation', 'dashboard', 'monitoring', 'password'],
  officer: ['check', 'evaluation', 'commitments', 'measures', 'dashboard', 'monitoring', 'password'],
  admin: ['objections', 'repairs', 'tips', 'cases', 'commitments', 'reports', 'evaluation', 'lists', 'measures', 'check-stats', 'records', 'announcements', 'accounts', 'dashboard', 'monitoring', 'password'],
  subject: ['reports', 'evaluation', 'commitments', 'password'],
  institution: ['reports', 'password'],
  auditor: ['audit', 'objections', 'repairs', 'tips', 'cases', 'commitments', 'reports', 'evaluation', 'records', 'check-stats', 'accounts', 'dashboard', 'monitoring', 'password'],
};

// 工作台: log-in, then the sections of the user's role.
export async function consolePage(main: HTMLElement, params: Record<string, string>, query: URLSearchParams): Promise<void> {
  // Everything goes into `root`, appended now: if another page replaces this one while an
  // answer is awaited, what arrives late lands in a detached element.
  const root = h('div', { class: 'console' });
  main.append(root);
  if (!sessionToken()) return loginForm(root);
  let me: Me;
  let departments: Department[];
  try {
    [me, departments] = await Promise.all([
      api<Me>('GET', '/api/v1/me', undefined, true),
      api<{ items: Department[] }>('GET', '/api/v1/departments', undefined, true).then((d) => d.items),
    ]);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setSessionToken(null);
      return loginForm(root, '登录已过期，请重新登录');
    }
    const error = alertBox();
    error.textContent = (e as Error).message;
    root.append(h('h1', {}, '工作台'), error);
    return;
  }
  const ctx: ConsoleContext = {
    me,
    departments,
    own: departments.find((d) => d.id === me.department_id),
  };
  const slugs = NAV[me.role] ?? [];
  const slug = params.section ?? slugs[0];

  const logout = h('button', { type: 'button' }, '退出登录');
  logout.addEventListener('click', async () => {
    try {
      await api('DELETE', '/api/v1/sessions/current', undefined, true);
    } catch {
      /* the session ends here either way */
    }
    setSessionToken(null);
    history.replaceState(null, '', '/console');
    void render();
  });
  const who = `${actorName(me.actor)}（${label(ROLE, me.role)}${ctx.own ? `，${ctx.own.name}` : ''}）`;
  root.append(h('div', { class: 'bar' }, h('h1', {}, '工作台'), h('p', { class: 'who' }, who), logout));

  if (slugs.length > 0) {
    root.append(
      h(
        'nav',
        { class: 'console-nav', 'aria-label': '工作台功能' },
        h(
          'ul',
          {},
          slugs.map((s) =>
            h('li', {}, h('a', { href: `/console/${s}`, 'data-link': true, 'aria-current': s === slug ? 'page' : null }, SECTIONS[s].title)),
          ),
        ),
      ),
    );
  }
  const section = SECTIONS[slug ?? ''];
  if (!section || !slugs.includes(slug)) {
    root.append(
      h('p', {}, slugs.length === 0 ? '本角色不使用工作台。' : '您的角色不能使用该功能，请从上方菜单选择。'),
    );
    return;
  }
  // aria-busy until the section has loaded what it shows.
  const panel = h(
    'section',
    { class: 'console-section', 'aria-labelledby': 'section-h', 'aria-busy': 'true' },
    h('h2', { id: 'section-h', 'data-page-title': true, tabindex: -1 }, section.title),
  );
  root.append(panel);
  try {
    await section.render(panel, ctx, query);
  } catch (e) {
    const error = alertBox();
    error.textContent = (e as Error).message;
    panel.append(error);
  }
  panel.setAttribute('aria-busy', 'false');
}

function loginForm(root: HTMLElement, notice = ''): void {
  const user = h('input', { name: 'username', required: true, autocomplete: 'username', autocapitalize: 'none' });
  const pass = h('input', { name: 'password', type: 'password', required: true, autocomplete: 'current-password' });
  const error = alertBox();
  error.textContent = notice;
  const submit = h('button', { type: 'submit', class: 'primary' }, '登录');
  const form = h('form', { class: 'stack narrow', 'aria-labelledby': 'login-h' }, field('用户名', user), field('密码', pass), error, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      const s = await api<{ token: string }>('POST', '/api/v1/sessions', { username: user.value.trim(), password: pass.value });
      setSessionToken(s.token);
      await render();
      focusMain();
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 401 ? '用户名或密码不正确' : (err as Error).message;
      submit.disabled = false;
    }
  });
  root.append(h('h1', { id: 'login-h' }, '工作台登录'), form);
}
