// How times and numbers are shown.

// A timestamp of the API (UTC, ISO 8601) as China time, "2026-03-12 15:04".
export function chinaTime(ts: string | null | undefined): string {
  if (!ts) return '—';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return ts;
  return new Date(t + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
}

// A date range; an open end is 长期.
export function period(from: string | null | undefined, until: string | null | undefined): string {
  if (!from && !until) return '—';
  return `${from ?? '—'} 至 ${until ?? '长期'}`;
}

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
