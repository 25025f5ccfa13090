// The JSON API of the same origin (docs/api.md). Errors carry the server's Chinese message.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    // Seconds from the Retry-After header of a 429 or 503, when the server sent one.
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'xy_token';

export function sessionToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
export function setSessionToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export async function api<T>(method: string, path: string, body?: unknown, auth = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = sessionToken();
  if (auth && token) headers['Authorization'] = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, 'bad_response', `服务器返回了无法识别的内容（HTTP ${res.status}）`);
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    const retry = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(
      res.status,
      err?.code ?? 'http_' + res.status,
      err?.message ?? `请求失败（HTTP ${res.status}）`,
      Number.isFinite(retry) && retry >= 0 ? retry : null,
    );
  }
  return data as T;
}

// --- Shapes used by the pages (a subset of docs/api.md) ---

export interface PublicRecord {
  id: number;
  item: { code: string; name: string };
  decision_date: string;
  nature: string;
  display: { from: string; until: string | null; reason: string };
  disputed: boolean;
  disputed_label: string | null;
  fields: Record<string, unknown>;
}

export interface PublicEntry {
  id: number;
  list_kind: string;
  list_name: string;
  domain: string;
  basis: string;
  decision_document: string;
  valid_from: string;
  valid_until: string | null;
  disputed: boolean;
}

export interface PublicSubject {
  subject: { name: string; kind: string; identifiers: Array<string | { kind: string; value: string }>; region: string };
  records: PublicRecord[];
  lists: PublicEntry[];
}

export interface Step {
  seq: number;
  at: string;
  step: string;
  note: string;
}

export interface Objection {
  id: number;
  target: { kind: string; id: number };
  filer: { kind: string; name: string };
  reasons: string;
  status: string;
  submitted_at: string;
  accept_due: string;
  close_due: string;
  refuse_reason: string | null;
  steps: Step[];
}

export interface Filed {
  id: number;
  token: string;
  status: string;
  accept_due: string;
  close_due: string;
}
