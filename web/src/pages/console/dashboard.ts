import { api } from '../../api';
import type { Chart, Series } from '../../charts';
import { alertBox, h } from '../../dom';
import { percent } from '../../format';
import { onLeave } from '../../router';
import { dataTable, type Column } from '../../table';
import { departmentName, type ConsoleContext } from './context';
import type { CheckStat, IntakeStat, ListCounts, ListMonth } from './shapes';

type Charts = typeof import('../../charts');

const BLUE = '#1a5fb4';
const RED = '#c8161d';
const ORANGE = '#c2410c';
const GREEN = '#2e7d32';

// A chart with its data table: the chart is an image to screen readers, named by a summary, and
// the table under it (opened with 查看数据表) holds every number.
interface Panel<T> {
  id: string;
  title: string;
  load: () => Promise<T[]>;
  summary: (rows: T[]) => string;
  draw: (charts: Charts, el: HTMLElement, rows: T[]) => Chart;
  columns: Array<Column<T>>;
}

// 数据看板: intake by department, checks by department and the lists month by month. The office
// and auditors see every department; operators and officers what the API gives them (their own).
export async function dashboardSection(panel: HTMLElement, ctx: ConsoleContext): Promise<void> {
  const own = ctx.me.role === 'operator' || ctx.me.role === 'officer';
  const drawn: Chart[] = [];
  onLeave(() => drawn.forEach((c) => c.dispose()));
  // The chart code is fetched while the numbers are.
  const charts = import('../../charts');
  panel.append(h('p', { class: 'hint' }, own ? `归集和核查为${ctx.own?.name ?? '本部门'}的数据，名单为全平台的数据。` : '以下为全平台各部门的数据。'));
  // Each panel shows its box at once (in this order) and fills it when its numbers arrive.
  await Promise.all([
    ctx.me.role === 'officer' ? null : show(panel, intakePanel(ctx, own), charts, drawn),
    show(panel, checksPanel(ctx, own), charts, drawn),
    show(panel, listsPanel(), charts, drawn),
  ]);
}

async function show<T>(parent: HTMLElement, p: Panel<T>, charts: Promise<Charts>, drawn: Chart[]): Promise<void> {
  const headingId = `${p.id}-h`;
  const box = h('section', { class: 'panel chart-panel', 'aria-labelledby': headingId }, h('h3', { id: headingId }, p.title));
  parent.append(box);
  let rows: T[];
  let lib: Charts;
  try {
    [rows, lib] = await Promise.all([p.load(), charts]);
  } catch (e) {
    const error = alertBox();
    error.textContent = (e as Error).message;
    box.append(error);
    return;
  }
  if (rows.length === 0) {
    box.append(h('p', { class: 'empty' }, '暂无数据'));
    return;
  }
  const summary = p.summary(rows);
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': `${p.title}图表。${summary}。各项数字见下方数据表。`, 'data-chart': p.id });
  box.append(
    h('p', {}, summary),
    el,
    h('details', { class: 'chart-data' }, h('summary', {}, '查看数据表'), dataTable<T>(`${p.title}数据表`, p.columns, rows)),
  );
  drawn.push(p.draw(lib, el, rows));
}

function sum<T>(rows: T[], f: (r: T) => number): number {
  return rows.reduce((t, r) => t + f(r), 0);
}

function num<T>(header: string, f: (r: T) => number): Column<T> {
  return { header, cell: (r) => String(f(r)), numeric: true };
}

function intakePanel(ctx: ConsoleContext, own: boolean): Panel<IntakeStat> {
  const series = (rows: IntakeStat[]): Series[] => [
    { name: '接收', values: rows.map((r) => r.accepted), color: BLUE },
    { name: '退回', values: rows.map((r) => r.rejected), color: RED },
    { name: '超期报送', values: rows.map((r) => r.late), color: ORANGE },
  ];
  return {
    id: 'intake',
    title: own ? '本部门数据归集' : '各部门数据归集',
    // Departments that sent nothing are left out.
    load: async () => (await api<{ items: IntakeStat[] }>('GET', '/api/v1/stats/intake', undefined, true)).items.filter((r) => r.received > 0),
    summary: (rows) =>
      `共收到 ${sum(rows, (r) => r.received)} 行，接收 ${sum(rows, (r) => r.accepted)} 行，退回 ${sum(rows, (r) => r.rejected)} 行，超期报送 ${sum(rows, (r) => r.late)} 行`,
    draw: (c, el, rows) => c.barChart(el, rows.map((r) => r.department.name || departmentName(ctx, r.department.id)), series(rows)),
    columns: [
      { header: '部门', cell: (r) => r.department.name },
      num('收到', (r) => r.received),
      num('接收', (r) => r.accepted),
      num('未变化', (r) => r.unchanged),
      num('退回', (r) => r.rejected),
      num('超期报送', (r) => r.late),
    ],
  };
}

interface DepartmentChecks {
  department: string;
  checks: number;
  measures: number;
  feedback: number;
  applied: number;
}

function checksPanel(ctx: ConsoleContext, own: boolean): Panel<DepartmentChecks> {
  return {
    id: 'checks',
    title: own ? '本部门联合奖惩核查' : '各部门联合奖惩核查',
    load: async () => {
      const stats = (await api<{ items: CheckStat[] }>('GET', '/api/v1/stats/checks', undefined, true)).items;
      const by = new Map<string, DepartmentChecks>();
      for (const s of stats) {
        const name = departmentName(ctx, s.department_id);
        const d = by.get(name) ?? { department: name, checks: 0, measures: 0, feedback: 0, applied: 0 };
        d.checks += s.checks;
        d.measures += s.measures;
        d.feedback += s.feedback;
        d.applied += s.applied;
        by.set(name, d);
      }
      return [...by.values()];
    },
    summary: (rows) =>
      `共核查 ${sum(rows, (r) => r.checks)} 次，发现适用措施 ${sum(rows, (r) => r.measures)} 项，已反馈 ${sum(rows, (r) => r.feedback)} 项`,
    draw: (c, el, rows) =>
      c.barChart(el, rows.map((r) => r.department), [
        { name: '核查次数', values: rows.map((r) => r.checks), color: BLUE },
        { name: '适用措施', values: rows.map((r) => r.measures), color: ORANGE },
        { name: '已反馈', values: rows.map((r) => r.feedback), color: GREEN },
      ]),
    columns: [
      { header: '部门', cell: (r) => r.department },
      num('核查次数', (r) => r.checks),
      num('适用措施', (r) => r.measures),
      num('已反馈', (r) => r.feedback),
      num('已执行', (r) => r.applied),
      { header: '反馈率', cell: (r) => (r.measures ? percent(r.feedback / r.measures) : '—'), numeric: true },
    ],
  };
}

// Each list, with a short name for the table's headings and how its line is drawn.
const KINDS: Array<{ key: keyof ListCounts; name: string; short: string; line: Pick<Series, 'color' | 'symbol' | 'dashed'> }> = [
  { key: 'serious', name: '严重失信主体名单', short: '严重失信', line: { color: RED, symbol: 'circle' } },
  { key: 'key_attention', name: '重点关注名单', short: '重点关注', line: { color: ORANGE, symbol: 'rect', dashed: true } },
  { key: 'red', name: '红名单', short: '红名单', line: { color: GREEN, symbol: 'triangle', dashed: true } },
];

function listsPanel(): Panel<ListMonth> {
  const n = (c: ListCounts, k: keyof ListCounts) => c[k] ?? 0;
  const columns: Array<Column<ListMonth>> = [{ header: '月份', cell: (m) => m.month, nowrap: true }];
  for (const { key, short } of KINDS) {
    columns.push(num(`${short}认定`, (m) => n(m.decided, key)), num(`${short}移出`, (m) => n(m.exited, key)), num(`${short}在列`, (m) => n(m.active, key)));
  }
  return {
    id: 'lists',
    title: '名单数量变化（近24个月）',
    load: async () => (await api<{ months: ListMonth[] }>('GET', '/api/v1/stats/lists', undefined, true)).months,
    summary: (months) => {
      const last = months[months.length - 1];
      return `${last.month} 在列：${KINDS.map((k) => `${k.name} ${n(last.active, k.key)} 个`).join('，')}`;
    },
    draw: (c, el, months) =>
      c.lineChart(
        el,
        months.map((m) => m.month),
        KINDS.map((k) => ({ name: k.short, values: months.map((m) => n(m.active, k.key)), ...k.line })),
      ),
    columns,
  };
}
