import { api, download } from '../../api';
import type { Chart } from '../../charts';
import { alertBox, field, h, statusBox } from '../../dom';
import { onLeave } from '../../router';
import { dataTable, type Column } from '../../table';
import type { ConsoleContext } from './context';
import type { MonitoringMonth, MonitoringRow, RiskWarning } from './shapes';

const BLUE = '#1a5fb4';

function thisMonth(): string {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
}
// The last 24 months, newest first, as YYYY-MM (a select reads the same in every browser's
// language, which a month input does not).
function recentMonths(): string[] {
  const [y, m] = thisMonth().split('-').map(Number);
  const out: string[] = [];
  for (let i = 0; i < 24; ++i) {
    const total = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
function share(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}
function nameOf(r: MonitoringRow): string {
  return r.department?.name ?? r.region?.name ?? '';
}
function num(header: string, f: (r: MonitoringRow) => number): Column<MonitoringRow> {
  return { header, cell: (r) => String(f(r)), numeric: true };
}

// 跟踪问效: each department's month — intake, the check and its feedback, objections and tips
// against their limits — ranked on the policy's score, with a chart of the scores and the
// table as .xlsx for the monthly report. Operators and officers see their own department.
export async function monitoringSection(panel: HTMLElement, ctx: ConsoleContext, query: URLSearchParams): Promise<void> {
  const chosen = query.get('month') ?? thisMonth();
  const month = h(
    'select',
    { name: 'month' },
    recentMonths().map((v) => h('option', { value: v, selected: v === chosen }, `${v.slice(0, 4)}年${Number(v.slice(5))}月`)),
  );
  const show = h('button', { type: 'submit' }, '查看');
  const exportButton = h('button', { type: 'button' }, '导出 Excel');
  const status = statusBox();
  const body = h('div');
  const form = h('form', { class: 'filters', 'aria-label': '选择月份' }, field('月份', month), show, exportButton);
  const own = ctx.me.role === 'operator' || ctx.me.role === 'officer';
  panel.append(
    h('p', { class: 'hint' }, own ? `${ctx.own?.name ?? '本部门'}的月度工作情况。` : '各部门的月度工作情况，按得分排名（权重见 policy/monitoring）。'),
    form,
    status,
    body,
  );
  let chart: Chart | null = null;
  onLeave(() => chart?.dispose());

  async function load(): Promise<void> {
    status.textContent = '正在统计…';
    body.replaceChildren();
    chart?.dispose();
    chart = null;
    let m: MonitoringMonth;
    try {
      m = await api<MonitoringMonth>('GET', `/api/v1/monitoring?month=${encodeURIComponent(month.value)}`, undefined, true);
    } catch (e) {
      status.textContent = '';
      const err = alertBox();
      err.textContent = (e as Error).message;
      body.append(err);
      return;
    }
    status.textContent = `${m.month}：本月收到异议 ${m.objections_filed} 件、举报 ${m.tips_filed} 件；发现措施的核查超过 ${m.feedback_working_days} 个工作日未反馈即为逾期。`;
    const ranked = m.departments.filter((r) => r.score !== null);
    if (ranked.length > 0) {
      const el = h('div', { class: 'chart', role: 'img', 'aria-label': `各部门得分图表：${ranked.map((r) => `${nameOf(r)} ${r.score}`).join('，')}。各项数字见下方数据表。`, 'data-chart': 'monitoring' });
      body.append(h('section', { class: 'panel chart-panel', 'aria-labelledby': 'mon-chart-h' }, h('h3', { id: 'mon-chart-h' }, '部门得分'), el));
      const charts = await import('../../charts');
      chart = charts.barChart(el, ranked.map(nameOf), [{ name: '得分', values: ranked.map((r) => r.score ?? 0), color: BLUE }]);
    }
    const columns = (first: string): Array<Column<MonitoringRow>> => [
          { header: '排名', cell: (r) => (r.rank === null ? '—' : String(r.rank)), numeric: true },
          { header: first, cell: nameOf, nowrap: true },
          { header: '得分', cell: (r) => (r.score === null ? '—' : r.score.toFixed(1)), numeric: true },
          num('收到行数', (r) => r.intake.rows_received),
          num('退回', (r) => r.intake.rows_rejected),
          num('超期报送', (r) => r.intake.late),
          { header: '按时报送率', cell: (r) => share(r.intake.on_time_share), numeric: true },
          { header: '代码填报率', cell: (r) => share(r.intake.uscc_share), numeric: true },
          num('核查次数', (r) => r.checks.total),
          num('发现措施', (r) => r.checks.with_measures),
          num('已反馈', (r) => r.checks.with_feedback),
          num('反馈逾期', (r) => r.checks.feedback_overdue),
          num('异议办结', (r) => r.objections.closed),
          num('异议超时', (r) => r.objections.closed_late),
          num('举报答复', (r) => r.tips.answered),
          num('举报超时', (r) => r.tips.answered_late),
          num('承诺签署', (r) => r.commitments.signed),
          num('承诺违诺', (r) => r.commitments.breached),
    ];
    body.append(dataTable<MonitoringRow>(`${m.month} 跟踪问效`, columns('部门'), m.departments, '本月暂无数据'));
    if (!own && m.regions.length > 0) {
      body.append(h('h3', {}, '按地区汇总'), dataTable<MonitoringRow>(`${m.month} 按地区汇总`, columns('地区'), m.regions, null));
    }
    if (!own) await warnings();
  }

  // 风险预警: subjects whose records worsened this month, each with the rule and the records.
  async function warnings(): Promise<void> {
    let items: RiskWarning[];
    try {
      items = (await api<{ items: RiskWarning[] }>('GET', `/api/v1/monitoring/warnings?month=${encodeURIComponent(month.value)}`, undefined, true)).items;
    } catch (e) {
      const err = alertBox();
      err.textContent = (e as Error).message;
      body.append(err);
      return;
    }
    body.append(
      h('h3', {}, '风险预警'),
      dataTable<RiskWarning>(
        `${month.value} 风险预警`,
        [
          { header: '主体', cell: (w) => w.subject.name },
          { header: '统一社会信用代码', cell: (w) => w.subject.code, nowrap: true },
          { header: '预警规则', cell: (w) => w.rule_label },
          { header: '本月新增', cell: (w) => `${w.record.what}（${w.record.date ?? ''}）` },
          { header: '此前', cell: (w) => `${w.cause.what}${w.cause.date ? `（${w.cause.date}）` : ''}` },
        ],
        items,
        '本月暂无风险预警',
      ),
    );
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    history.replaceState(null, '', `/console/monitoring?month=${encodeURIComponent(month.value)}`);
    void load();
  });
  exportButton.addEventListener('click', async () => {
    try {
      await download(`/api/v1/monitoring/export?month=${encodeURIComponent(month.value)}`, `跟踪问效-${month.value}.xlsx`);
    } catch (e) {
      status.textContent = (e as Error).message;
    }
  });
  await load();
}
