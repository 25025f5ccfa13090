import { api } from '../../api';
import { append, field, h, statusBox } from '../../dom';
import { chinaTime } from '../../format';
import { dataTable } from '../../table';
import type { ConsoleContext } from './context';

interface Fact {
  kind: string;
  label: string;
  rule: string;
  points: number;
  repaired: boolean;
  disputed: boolean;
  counts_until: string;
}

interface Explanation {
  subject: { code: string; name: string };
  model: { version: string; name: string };
  computed_at: string;
  score: number;
  max_score: number;
  grade: string;
  label: string;
  band_grade: string;
  cap: { grade: string; reason: string; fact: string } | null;
  dimensions: Array<{
    code: string;
    name: string;
    weight: number;
    score: number;
    indicators: Array<{ code: string; name: string; weight: number; base: number; score: number; facts: Fact[] }>;
  }>;
  supervision: { inspection_ratio: number; green_channel: boolean; tolerance: boolean; note: string } | null;
  recompute_on: string | null;
}

interface Draw {
  seed: string;
  department: string;
  population_digest: string;
  grades: Array<{ grade: string; population: number; ratio: number; drawn: number }>;
  subjects: Array<{ code: string; name: string; grade: string }>;
}

const percent = (r: number): string => `${Math.round(r * 1000) / 10}%`;

// 信用评价: a subject's 公共信用综合评价 explained point by point — which records and list
// entries moved which indicator, until when — and, for officers and the office, the 双随机 draw
// of a department's subjects weighted by grade, reproducible from its seed.
export async function evaluationSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const role = ctx.me.role;
  const code = h('input', { name: 'evaluation-subject', maxlength: 18, autocomplete: 'off', required: true });
  const status = statusBox();
  const shown = h('div', { 'aria-live': 'polite' });
  const lookup = h('form', { class: 'search', 'aria-label': '查看主体的信用评价' }, field(role === 'subject' ? '本单位统一社会信用代码' : '信用主体代码', code), h('button', { type: 'submit' }, '查看评价'));
  lookup.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.textContent = '';
    shown.replaceChildren();
    try {
      const e = await api<Explanation>('GET', `/api/v1/subjects/${encodeURIComponent(code.value.trim())}/evaluation`, undefined, true);
      shown.append(explanationView(e));
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  });
  append(panel, [
    h('p', { class: 'hint' }, '评价按平台公布的评价模型计算，每一分都列出产生它的记录和名单；记录变化后数秒内重新计算。'),
    lookup,
    status,
    shown,
    role === 'officer' || role === 'admin' ? drawForm(ctx) : null,
  ]);
}

function explanationView(e: Explanation): HTMLElement {
  const s = e.supervision;
  return h(
    'article',
    { class: 'report', 'data-grade': e.grade },
    h('h3', {}, `${e.subject.name}：${e.grade}级（${e.label}）`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '得分'),
      h('dd', {}, `${e.score.toFixed(1)} / ${e.max_score}`),
      e.cap ? [h('dt', {}, '等级限制'), h('dd', {}, `${e.cap.reason}（${e.cap.fact}）；按得分为${e.band_grade}级`)] : null,
      s ? [h('dt', {}, '分级分类监管'), h('dd', {}, `双随机抽查比例 ${percent(s.inspection_ratio)}；${s.green_channel ? '适用' : '不适用'}绿色通道；${s.tolerance ? '可' : '不'}适用容缺受理。${s.note}`)] : null,
      h('dt', {}, '评价模型'),
      h('dd', {}, `${e.model.name}（${e.model.version}），计算于 ${chinaTime(e.computed_at)}${e.recompute_on ? `，${e.recompute_on} 重新计算` : ''}`),
    ),
    dataTable(
      '各项指标得分',
      [
        { header: '指标', cell: (r: { dim: string; code: string; name: string; weight: number }) => `${r.dim} › ${r.name}（权重${r.weight}）` },
        { header: '基础分', numeric: true, cell: (r) => String(r.base) },
        { header: '得分', numeric: true, cell: (r) => String(r.score) },
        {
          header: '依据',
          cell: (r) => (r.facts.length ? h('ul', {}, r.facts.map((f) => h('li', {}, `${f.label}：${f.points > 0 ? '+' : ''}${f.points}（${f.rule}${f.repaired ? '，已修复' : ''}${f.counts_until ? `，计至${f.counts_until}` : ''}）`, f.disputed ? h('span', { class: 'badge danger' }, '异议处理中') : null))) : '—'),
        },
      ],
      e.dimensions.flatMap((d) => d.indicators.map((i) => ({ dim: d.name, ...i }))),
    ),
  );
}

function drawForm(ctx: ConsoleContext): HTMLElement {
  const seed = h('input', { name: 'draw-seed', maxlength: 64, required: true, placeholder: '如：2026年第4季度双随机抽查' });
  const department = h('select', { name: 'draw-department' }, h('option', { value: '' }, '全部市场主体'), ctx.departments.map((d) => h('option', { value: d.code }, d.name)));
  const status = statusBox();
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'stack', 'aria-label': '双随机抽取' },
    h('h3', {}, '双随机抽取检查对象'),
    h('p', { class: 'hint' }, ctx.me.role === 'officer' ? '在本部门有记录的市场主体中，按信用等级对应的抽查比例抽取；同一随机种子抽取结果相同，抽取记入审计日志。' : '按信用等级对应的抽查比例抽取；同一随机种子抽取结果相同，抽取记入审计日志。'),
    field('随机种子', seed),
    ctx.me.role === 'admin' ? field('部门', department) : null,
    h('button', { type: 'submit', class: 'primary' }, '抽取'),
    status,
    result,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.textContent = '';
    result.replaceChildren();
    try {
      const body: Record<string, string> = { seed: seed.value };
      if (ctx.me.role === 'admin' && department.value) body.department = department.value;
      const d = await api<Draw>('POST', '/api/v1/evaluations/sample', body, true);
      result.append(
        dataTable('各等级抽取情况', [
          { header: '等级', cell: (g: Draw['grades'][number]) => g.grade },
          { header: '主体数', numeric: true, cell: (g) => String(g.population) },
          { header: '抽查比例', numeric: true, cell: (g) => percent(g.ratio) },
          { header: '抽取', numeric: true, cell: (g) => String(g.drawn) },
        ], d.grades),
        dataTable('抽取的检查对象', [
          { header: '主体名称', cell: (s: Draw['subjects'][number]) => s.name },
          { header: '信用代码', nowrap: true, cell: (s) => s.code },
          { header: '等级', cell: (s) => s.grade },
        ], d.subjects, '没有抽取到检查对象'),
        h('p', { class: 'hint breakall' }, `${d.department || '全部市场主体'}；随机种子“${d.seed}”；名录摘要 ${d.population_digest}`),
      );
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  });
  return form;
}
