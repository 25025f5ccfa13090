import { api, ApiError } from '../../api';
import { alertBox, field, h, statusBox } from '../../dom';
import { chinaTime } from '../../format';
import { label, ROLE } from '../../labels';
import { dataTable } from '../../table';
import { departmentName, type ConsoleContext } from './context';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  department_id: number | null;
  active: boolean;
  created_at: string;
}

interface KeyRow {
  id: number;
  prefix: string;
  department_id: number;
  role: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

interface LockEvent {
  seq: number;
  at: string;
  payload: { username?: string; address?: string; known_user?: boolean };
}

// 账号与密钥: the office withdraws what leaked or is no longer needed — a user disabled (their
// sessions end at once), a password reset, a department system's key revoked — each kept in
// the audit log; and sees the accounts locked after failed log-ins this week.
export async function accountsSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const canAct = ctx.me.role === 'admin';
  const status = statusBox();
  const locks = h('div', { 'aria-live': 'polite' });
  const users = h('div');
  const keys = h('div');
  const load = async (): Promise<void> => {
    const week = new Date(Date.now() - 7 * 86400e3).toISOString().slice(0, 10);
    const [u, k, l] = await Promise.all([
      api<{ items: UserRow[] }>('GET', '/api/v1/users', undefined, true),
      api<{ items: KeyRow[] }>('GET', '/api/v1/api-keys', undefined, true),
      api<{ items: LockEvent[] }>('GET', `/api/v1/events?type=user.login_locked&from=${encodeURIComponent(week)}&limit=50`, undefined, true),
    ]);
    locks.replaceChildren(
      l.items.length === 0
        ? h('p', { class: 'empty' }, '近7天没有因登录失败过多而锁定的账号')
        : h(
            'ul',
            { class: 'brief', 'data-testid': 'login-locks' },
            l.items.map((e) => h('li', {}, h('strong', {}, e.payload.username ?? '?'), ` ${chinaTime(e.at)} 登录失败次数过多被暂时锁定（来源地址 ${e.payload.address || '未知'}${e.payload.known_user === false ? '，该用户名不存在' : ''}）`)),
          ),
    );
    users.replaceChildren(
      dataTable<UserRow>(
        '用户',
        [
          { header: '用户名', cell: (r) => r.username, nowrap: true },
          { header: '角色', cell: (r) => label(ROLE, r.role), nowrap: true },
          { header: '单位', cell: (r) => (r.department_id ? departmentName(ctx, r.department_id) : '—') },
          { header: '状态', cell: (r) => (r.active ? '正常' : '已停用'), nowrap: true },
          { header: '操作', cell: (r) => (canAct && r.id !== ctx.me.user_id ? userActions(r, status, load) : '—') },
        ],
        u.items,
      ),
    );
    keys.replaceChildren(
      dataTable<KeyRow>(
        'API密钥（部门系统）',
        [
          { header: '前缀', cell: (r) => h('span', { class: 'code' }, r.prefix), nowrap: true },
          { header: '单位', cell: (r) => departmentName(ctx, r.department_id) },
          { header: '角色', cell: (r) => label(ROLE, r.role), nowrap: true },
          { header: '用途', cell: (r) => r.label || '—' },
          { header: '创建时间', cell: (r) => chinaTime(r.created_at), nowrap: true },
          { header: '状态', cell: (r) => (r.revoked_at ? `已吊销（${chinaTime(r.revoked_at)}）` : '有效') },
          { header: '操作', cell: (r) => (canAct && !r.revoked_at ? keyActions(r, status, load) : '—') },
        ],
        k.items,
        '尚未发放API密钥',
      ),
    );
  };
  panel.append(status, h('h3', {}, '登录锁定提醒'), locks, h('h3', {}, '用户'), users, h('h3', {}, 'API密钥'), keys);
  await load();
}

// An action that needs a reason: the input, the button, the error.
function withReason(buttonText: string, reasonLabel: string, run: (reason: string) => Promise<void>): HTMLElement {
  const reason = h('input', { name: 'reason', maxlength: 1000, 'aria-label': reasonLabel, placeholder: reasonLabel });
  const button = h('button', { type: 'button' }, buttonText);
  const error = alertBox();
  button.addEventListener('click', async () => {
    error.textContent = '';
    if (!reason.value.trim()) {
      error.textContent = `请填写${reasonLabel}`;
      reason.focus();
      return;
    }
    button.disabled = true;
    try {
      await run(reason.value);
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : String(e);
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'inline-action' }, reason, button, error);
}

function userActions(r: UserRow, status: HTMLElement, reload: () => Promise<void>): HTMLElement {
  if (!r.active) {
    const enable = h('button', { type: 'button' }, `启用 ${r.username}`);
    enable.addEventListener('click', async () => {
      await api('POST', `/api/v1/users/${r.id}/enable`, {}, true);
      status.textContent = `${r.username} 已启用`;
      await reload();
    });
    return enable;
  }
  const disable = withReason(`停用 ${r.username}`, '停用理由', async (reason) => {
    await api('POST', `/api/v1/users/${r.id}/disable`, { reason }, true);
    status.textContent = `${r.username} 已停用，其登录会话已全部结束`;
    await reload();
  });
  const reset = h('button', { type: 'button' }, `重置 ${r.username} 的密码`);
  const shown = h('p', { class: 'hint' });
  reset.addEventListener('click', async () => {
    const out = await api<{ password: string }>('POST', `/api/v1/users/${r.id}/password`, {}, true);
    shown.replaceChildren('新密码（只显示这一次）：', h('span', { class: 'code', 'data-testid': `new-password-${r.username}` }, out.password));
  });
  return h('div', { class: 'stack' }, disable, reset, shown);
}

function keyActions(r: KeyRow, status: HTMLElement, reload: () => Promise<void>): HTMLElement {
  return withReason(`吊销 ${r.prefix}`, '吊销理由', async (reason) => {
    await api('DELETE', `/api/v1/api-keys/${r.id}`, { reason }, true);
    status.textContent = `密钥 ${r.prefix} 已吊销，立即失效`;
    await reload();
  });
}

// 修改密码: any signed-in user changes their own password; every session then ends.
export async function passwordSection(panel: HTMLElement): Promise<void> {
  const current = h('input', { name: 'current_password', type: 'password', required: true, autocomplete: 'current-password' });
  const chosen = h('input', { name: 'new_password', type: 'password', required: true, autocomplete: 'new-password', minlength: 10 });
  const error = alertBox();
  const done = statusBox();
  const submit = h('button', { type: 'submit', class: 'primary' }, '修改密码');
  const form = h(
    'form',
    { class: 'stack', 'aria-label': '修改密码' },
    field('当前密码', current),
    field('新密码', chosen, '至少10个字符，包含小写字母、大写字母、数字和其他字符中的至少三类，不含用户名'),
    error,
    submit,
    done,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      await api('POST', '/api/v1/me/password', { current_password: current.value, new_password: chosen.value }, true);
      done.textContent = '密码已修改，所有登录会话已结束，请用新密码重新登录';
      form.reset();
    } catch (err) {
      error.textContent = err instanceof ApiError ? err.message : String(err);
    } finally {
      submit.disabled = false;
    }
  });
  panel.append(form);
}
