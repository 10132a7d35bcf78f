// The server: sign-in (/api/session), the Connect JSON client of coigraph.v1.Coigraph, and
// the error helpers.

import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { Coigraph } from "./gen/coigraph/v1/coigraph_pb";
import { BadRequestSchema } from "./gen/google/rpc/error_details_pb";

export interface Session {
  name: string;
  role: string;
  csrfToken: string;
  expiresAt: string;
  rpcs: string[];
  /** True when the server runs in demo mode (no tokens). */
  demo: boolean;
}

let session: Session | null = null;
let onSignedOut: () => void = () => {};

export function currentSession(): Session | null {
  return session;
}

export function setSignedOutHandler(fn: () => void): void {
  onSignedOut = fn;
}

export function may(rpc: string): boolean {
  return !!session && session.rpcs.includes(rpc);
}

// ---- purpose ----------------------------------------------------------------------------

const PURPOSE_KEY = "coigraph.purpose";

export function purpose(): string {
  return sessionStorage.getItem(PURPOSE_KEY) || "";
}

export function setPurpose(p: string): void {
  sessionStorage.setItem(PURPOSE_KEY, p);
}

export function clearPurpose(): void {
  sessionStorage.removeItem(PURPOSE_KEY);
}

// ---- sign-in ----------------------------------------------------------------------------

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function errorText(resp: Response): Promise<string> {
  const body = await resp.text();
  try {
    const j = JSON.parse(body) as { message?: string; error?: string; code?: string };
    const msg = j.message || j.error;
    if (msg) return j.code ? j.code + ": " + msg : msg;
  } catch {
    // not JSON
  }
  // A plain-text body says why; an HTML error page is not worth showing.
  const plain = body && !/html/i.test(resp.headers.get("Content-Type") || "") && !/^\s*</.test(body);
  return (resp.status + " " + resp.statusText + (plain ? ": " + body.trim().slice(0, 300) : "")).trim();
}

function asSession(j: Partial<Session>): Session {
  return {
    name: String(j.name ?? ""),
    role: String(j.role ?? ""),
    csrfToken: String(j.csrfToken ?? ""),
    expiresAt: String(j.expiresAt ?? ""),
    rpcs: Array.isArray(j.rpcs) ? j.rpcs.map(String) : [],
    demo: j.demo === true,
  };
}

/** The session of the cookie, or null when there is none (401). */
export async function loadSession(): Promise<Session | null> {
  const resp = await fetch("/api/session", { credentials: "same-origin" });
  if (resp.status === 401) {
    session = null;
    return null;
  }
  if (!resp.ok) throw new HttpError(resp.status, await errorText(resp));
  session = asSession(await resp.json());
  return session;
}

export async function signIn(token: string): Promise<Session> {
  const resp = await fetch("/api/session", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  });
  if (!resp.ok) throw new HttpError(resp.status, await errorText(resp));
  session = asSession(await resp.json());
  return session;
}

export async function signOut(): Promise<void> {
  const s = session;
  session = null;
  clearPurpose();
  if (s) {
    await fetch("/api/session", {
      method: "DELETE",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": s.csrfToken },
    }).catch(() => undefined);
  }
}

// ---- the Connect client -----------------------------------------------------------------

const csrfAndPurpose: Interceptor = (next) => async (req) => {
  if (session) req.header.set("X-CSRF-Token", session.csrfToken);
  // Every request message that has a `purpose` field gets the session's purpose unless the
  // form gave its own.
  if (req.method.input.fields.some((f) => f.localName === "purpose")) {
    const m = req.message as unknown as { purpose?: string };
    if (!m.purpose) m.purpose = purpose();
  }
  try {
    return await next(req);
  } catch (e) {
    if (e instanceof ConnectError && e.code === Code.Unauthenticated) {
      session = null;
      onSignedOut();
    }
    throw e;
  }
};

const transport = createConnectTransport({
  baseUrl: location.origin,
  useBinaryFormat: false,
  interceptors: [csrfAndPurpose],
  fetch: (input, init) => globalThis.fetch(input, { ...init, credentials: "same-origin" }),
});

export const api: Client<typeof Coigraph> = createClient(Coigraph, transport);

// ---- errors -----------------------------------------------------------------------------

/** The text to show for a failed call. */
export function errorMessage(e: unknown): string {
  if (e instanceof ConnectError) {
    return Code[e.code].replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase() + ": " + e.rawMessage;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The BadRequest field violations of a failed call: field (proto name) -> description. */
export function fieldViolations(e: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!(e instanceof ConnectError)) return out;
  try {
    for (const br of e.findDetails(BadRequestSchema)) {
      for (const v of br.fieldViolations) out.set(v.field, v.description);
    }
  } catch {
    // fall back to the JSON debug form below
  }
  if (out.size === 0) {
    for (const d of e.details) {
      const dbg = (d as { debug?: unknown }).debug as
        | { fieldViolations?: { field?: string; description?: string }[] }
        | undefined;
      for (const v of dbg?.fieldViolations ?? []) {
        if (v.field) out.set(v.field, v.description ?? "");
      }
    }
  }
  return out;
}

/** The URL of an export download. */
export function exportUrl(params: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "") q.set(k, v);
  if (!q.has("purpose")) q.set("purpose", purpose());
  return "/api/export?" + q.toString();
}
