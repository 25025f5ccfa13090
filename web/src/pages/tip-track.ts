import { api } from '../api';
import { h } from '../dom';
import { chinaTime, due } from '../format';
import { label, TIP_STATUS, TIP_STEP } from '../labels';
import type { TipTrack } from '../public-types';
import { trackPage } from '../track-page';

// 举报进度 (/tips/track?id=&token=): the tipster follows the tip with its number and 查询码:
// the status, the limits and the steps, never a clerk's name nor what was filed.
export function tipTrackPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): void {
  trackPage(
    {
      path: '/tips/track',
      title: '举报进度查询',
      form_label: '举报进度查询',
      id_label: '举报编号',
      api: '/api/v1/tips',
      token_hint: '提交举报时显示的查询码',
      show: async (id, token) => {
        const t = await api<TipTrack>('GET', `/api/v1/tips/${id}/track?token=${encodeURIComponent(token)}`);
        return [
          h(
            'dl',
            { class: 'facts' },
            h('dt', {}, '当前状态'),
            h('dd', { 'data-testid': 'tip-status' }, h('strong', {}, label(TIP_STATUS, t.status))),
            h('dt', {}, '提交时间'),
            h('dd', {}, chinaTime(t.submitted_at)),
            t.department ? [h('dt', {}, '承办部门'), h('dd', {}, t.department)] : null,
            t.status === 'submitted' ? [h('dt', {}, '转办期限'), h('dd', {}, due(t.route_due, 'route_due', t.provisional_dates))] : null,
            t.status === 'routed' ? [h('dt', {}, '答复期限'), h('dd', {}, due(t.answer_due, 'answer_due', t.provisional_dates))] : null,
            t.reason ? [h('dt', {}, '不予立案理由'), h('dd', {}, t.reason)] : null,
            t.answer_note ? [h('dt', {}, '答复意见'), h('dd', {}, t.answer_note)] : null,
            t.refuse_reason ? [h('dt', {}, '不予受理理由'), h('dd', {}, t.refuse_reason)] : null,
          ),
          h('h3', {}, '办理环节'),
          h(
            'ol',
            { class: 'steps' },
            t.steps.map((s) => h('li', {}, h('span', { class: 'step' }, label(TIP_STEP, s.step)), ' ', h('time', {}, chinaTime(s.at)), s.note ? h('p', { class: 'hint' }, s.note) : null)),
          ),
        ];
      },
    },
    main,
    query,
  );
}
