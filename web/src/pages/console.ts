import { api, ApiError, sessionToken, setSessionToken, type Objection } from '../api';
import { alertBox, field, h, statusBox } from '../dom';
import { label, OBJECTION_STATUS } from '../labels';
import { render } from '../router';

interface Me {
  actor: string;
  role: string;
  user_id: number;
  department_id: number;
}

const ROLE: Record<string, string> = { admin: '信用办', operator: '数据报送员', officer: '审批人员', auditor: '审计员', institution: '金融机构', subject: '信息主体' };

// 工作台: log-in, then the work of the role (for the credit office: the objections queue).
export async function consolePage(main: HTMLElement): Promise<void> {
  if (!sessionToken()) return loginForm(main);
  let me: Me;
  try {
    me = await api<Me>('GET', '/api/v1/me', undefined, true);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setSessionToken(null);
      return loginForm(main);
    }
    main.append(h('h1', {}, '工作台'), alertBox());
    (main.querySelector('.alert') as HTMLElement).textContent = (e as Error).message;
    return;
  }
  const logout = h('button', { type: 'button' }, '退出登录');
  logout.addEventListener('click', async () => {
    try {
      await api('DELETE', '/api/v1/sessions/current', undefined, true);
    } catch {
      /* the session ends here either way */
    }
    setSessionToken(null);
    void render();
  });
  main.append(
    h('div', { class: 'bar' }, h('h1', {}, '工作台'), h('p', {}, `${me.actor.replace(/^user:/, '')}（${label(ROLE, me.role)}）`), logout),
  );
  if (me.role === 'admin' || me.role === 'auditor') await objectionQueue(main, me.role === 'admin');
  else main.append(h('p', {}, '本角色的工作页面将在后续版本提供。'));
}

function loginForm(main: HTMLElement): void {
  const user = h('input', { name: 'username', required: true, autocomplete: 'username', autocapitalize: 'none' });
  const pass = h('input', { name: 'password', type: 'password', required: true, autocomplete: 'current-password' });
  const error = alertBox();
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
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 401 ? '用户名或密码不正确' : (err as Error).message;
      submit.disabled = false;
    }
  });
  main.append(h('h1', { id: 'login-h' }, '工作台登录'), form);
}

async function objectionQueue(main: HTMLElement, canAct: boolean): Promise<void> {
  const status = statusBox();
  const section = h('section', { class: 'panel', 'aria-labelledby': 'queue-h' }, h('h2', { id: 'queue-h' }, '异议受理'), status);
  main.append(section);
  const list = h('ul', { class: 'records' });
  section.append(list);
  async function load(): Promise<void> {
    let items: Objection[];
    try {
      items = (await api<{ items: Objection[] }>('GET', '/api/v1/objections', undefined, true)).items;
    } catch (e) {
      status.textContent = (e as Error).message;
      return;
    }
    list.replaceChildren(...items.map((o) => card(o)));
    if (items.length === 0) list.append(h('li', { class: 'empty' }, '暂无异议'));
  }
  function card(o: Objection): HTMLElement {
    const li = h(
      'li',
      { class: 'record', 'data-objection': String(o.id) },
      h('h3', {}, `异议 ${o.id}`, h('span', { class: 'badge' }, label(OBJECTION_STATUS, o.status))),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '对象'),
        h('dd', {}, `${o.target.kind === 'record' ? '公示记录' : '名单'} ${o.target.id}`),
        h('dt', {}, '提出人'),
        h('dd', {}, o.filer.name),
        h('dt', {}, '理由'),
        h('dd', {}, o.reasons),
        h('dt', {}, '受理期限'),
        h('dd', {}, o.accept_due),
      ),
    );
    if (canAct && o.status === 'submitted') {
      const reason = h('input', { name: `refuse-${o.id}`, maxlength: 500 });
      const accept = h('button', { type: 'button', class: 'primary' }, `受理异议 ${o.id}`);
      const refuse = h('button', { type: 'button' }, `不予受理异议 ${o.id}`);
      const err = alertBox();
      accept.addEventListener('click', () => act(o.id, 'accept', {}, err));
      refuse.addEventListener('click', () => {
        if (!reason.value.trim()) {
          err.textContent = '不予受理须填写理由';
          reason.focus();
          return;
        }
        void act(o.id, 'refuse', { reason: reason.value.trim() }, err);
      });
      li.append(h('div', { class: 'actions' }, accept, field('不予受理理由', reason), refuse, err));
    }
    return li;
  }
  async function act(id: number, verb: string, body: object, err: HTMLElement): Promise<void> {
    err.textContent = '';
    try {
      await api('POST', `/api/v1/objections/${id}/${verb}`, body, true);
      status.textContent = verb === 'accept' ? `异议 ${id} 已受理` : `异议 ${id} 已不予受理`;
      await load();
    } catch (e) {
      err.textContent = (e as Error).message;
    }
  }
  await load();
}
