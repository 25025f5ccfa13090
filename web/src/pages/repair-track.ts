import { api } from '../api';
import { h } from '../dom';
import { due } from '../format';
import { label } from '../labels';
import { trackPage } from '../track-page';
import type { Repair } from '../public-types';
import { conditionList } from './repair';

export const REPAIR_STATUS: Record<string, string> = {
  submitted: '已提交（审核中）',
  approved: '已通过（已停止公示）',
  refused: '不予修复',
  revoked: '已撤销修复',
};

const REPAIR_STEP: Record<string, string> = {
  submitted: '提交申请',
  approved: '审核通过',
  refused: '不予修复',
  revoked: '撤销修复',
  code_resent: '重新发送查询码',
};

// 信用修复进度 (/repairs/track?id=&token=): the applicant follows the application with its
// number and token, like the objection track page.
export function repairTrackPage(main: HTMLElement, _params: Record<string, string>, query: URLSearchParams): void {
  trackPage(
    {
      path: '/repairs/track',
      title: '信用修复进度查询',
      form_label: '信用修复进度查询',
      id_label: '申请编号',
      api: '/api/v1/repairs',
      token_hint: '提交信用修复申请时显示的查询码',
      show: async (id, token) => {
        const r = await api<Repair>('GET', `/api/v1/repairs/${id}/track?token=${encodeURIComponent(token)}`);
        return [
          h(
            'dl',
            { class: 'facts' },
            h('dt', {}, '当前状态'),
            h('dd', { 'data-testid': 'repair-status' }, h('strong', {}, label(REPAIR_STATUS, r.status))),
            h('dt', {}, '提交时间'),
            h('dd', {}, r.submitted_at),
            h('dt', {}, '审核期限'),
            h('dd', {}, due(r.review_due, 'review_due', r.provisional_dates)),
            r.decided_at ? [h('dt', {}, '审核时间'), h('dd', {}, r.decided_at)] : null,
            r.decision_note ? [h('dt', {}, '审核意见'), h('dd', {}, r.decision_note)] : null,
          ),
          h('h3', {}, '办理环节'),
          h(
            'ol',
            { class: 'steps' },
            r.steps.map((s) => h('li', {}, h('span', { class: 'step' }, label(REPAIR_STEP, s.step)), ' ', h('time', {}, s.at), s.note ? h('p', { class: 'hint' }, s.note) : null)),
          ),
          r.conditions.length > 0 ? [h('h3', {}, '修复条件'), conditionList(r.conditions)] : null,
        ];
      },
    },
    main,
    query,
  );
}
