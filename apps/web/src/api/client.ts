import type { TErrorCode } from "@eiso/contracts";

/** An API failure in the one error shape `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: TErrorCode | "network",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The session is gone (expired, logged out elsewhere): the app shows the login page. */
  get isUnauthenticated(): boolean {
    return this.code === "unauthenticated";
  }
  get isForbidden(): boolean {
    return this.code === "forbidden";
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

interface ClientState {
  csrfToken: string | null;
  lang: "vi" | "en";
  onUnauthenticated: (() => void) | null;
}

const state: ClientState = { csrfToken: null, lang: "vi", onUnauthenticated: null };

/** The CSRF token of the current session; every mutation echoes it in `x-csrf-token`. */
export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}
/** Error messages come back in this language (`x-lang`). */
export function setApiLanguage(lang: "vi" | "en"): void {
  state.lang = lang;
}
export function onUnauthenticated(handler: () => void): void {
  state.onUnauthenticated = handler;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "x-lang": state.lang };
  if (method !== "GET" && state.csrfToken) headers["x-csrf-token"] = state.csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      headers,
      body: payload ?? null,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(
      0,
      "network",
      state.lang === "en" ? "Cannot reach the server" : "Không kết nối được máy chủ",
    );
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: TErrorCode; message?: string; details?: unknown } } | null)
      ?.error;
    const apiError = new ApiError(
      res.status,
      err?.code ?? "internal",
      err?.message ?? `HTTP ${res.status}`,
      err?.details,
    );
    if (apiError.isUnauthenticated) state.onUnauthenticated?.();
    throw apiError;
  }
  return data as T;
}

/** The typed HTTP client of the web app: same-origin cookie session, JSON in and out. */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", path, undefined, query),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>("POST", path, body ?? {}, query),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  upload: <T>(path: string, file: File, query?: Query) => {
    const form = new FormData();
    form.append("file", file);
    return request<T>("POST", path, form, query);
  },
};
