import { api, type Objection } from '../api';
import { h } from '../dom';
import { due } from '../format';
import { label, OBJECTION_STATUS, STEP } from '../labels';
import { trackPage as page } from '../track-page';

// 查询进度: the filer follows an objection with its number and token.
export function trackPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): void {
  page(
    {
      path: '/objections/track',
      title: '异议办理进度查询',
      form_label: '异议办理进度查询',
      id_label: '异议编号',
      api: '/api/v1/objections',
      token_hint: '提交异议时显示的查询码',
      show: async (id, token) => {
        const o = await api<Objection>('GET', `/api/v1/objections/${id}/track?token=${encodeURIComponent(token)}`);
        return [
          h(
            'dl',
            { class: 'facts' },
            h('dt', {}, '当前状态'),
            h('dd', { 'data-testid': 'objection-status' }, h('strong', {}, label(OBJECTION_STATUS, o.status))),
            h('dt', {}, '提交时间'),
            h('dd', {}, o.submitted_at),
            h('dt', {}, '受理期限'),
            h('dd', {}, due(o.accept_due, 'accept_due', o.provisional_dates)),
            h('dt', {}, '办结期限'),
            h('dd', {}, due(o.close_due, 'close_due', o.provisional_dates)),
            o.refuse_reason ? [h('dt', {}, '不予受理理由'), h('dd', {}, o.refuse_reason)] : null,
          ),
          h('h3', {}, '办理环节'),
          h(
            'ol',
            { class: 'steps' },
            o.steps.map((s) => h('li', {}, h('span', { class: 'step' }, label(STEP, s.step)), ' ', h('time', {}, s.at), s.note ? h('p', { class: 'hint' }, s.note) : null)),
          ),
        ];
      },
    },
    main,
    query,
  );
}
