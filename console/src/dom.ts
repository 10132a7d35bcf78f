// Small DOM helpers. Every string passed as a child becomes a text node: data from the server
// is never parsed as HTML.

export type Child = Node | string | number | null | undefined | false;

export interface Attrs {
  class?: string;
  testid?: string;
  title?: string;
  on?: { [event: string]: (ev: Event) => void };
  [attr: string]: unknown;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "on") {
        for (const [ev, fn] of Object.entries(v as Record<string, (e: Event) => void>)) {
          el.addEventListener(ev, fn);
        }
      } else if (k === "class") {
        el.className = String(v);
      } else if (k === "testid") {
        el.setAttribute("data-testid", String(v));
      } else if (k === "value" || k === "checked" || k === "disabled" || k === "selected") {
        (el as unknown as Record<string, unknown>)[k] = v;
      } else if (v === true) {
        el.setAttribute(k, "");
      } else {
        el.setAttribute(k, String(v));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children) {
    if (Array.isArray(c)) {
      append(el, c);
    } else if (c === null || c === undefined || c === false) {
      continue;
    } else if (typeof c === "string" || typeof c === "number") {
      el.appendChild(document.createTextNode(String(c)));
    } else {
      el.appendChild(c);
    }
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A labelled form row: label, the control, and a slot for the field's error. */
export function field(
  label: string,
  control: HTMLElement,
  errorKey?: string,
): HTMLElement {
  const err = h("span", {
    class: "field-error",
    testid: errorKey ? "field-error-" + errorKey : undefined,
    "data-field": errorKey,
  });
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), control, err);
}

export function input(
  name: string,
  value = "",
  extra: Attrs = {},
): HTMLInputElement {
  return h("input", { name, value, type: "text", testid: "input-" + name, ...extra });
}

/** Today's date as YYYY-MM-DD in the browser's time zone. */
export function today(): string {
  const d = new Date();
  return isoDate(d);
}

export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
}

/** "2024-03-01T09:30:00.123Z" -> "2024-03-01 09:30:00" (UTC, as the server writes it). */
export function instant(s: string): string {
  if (!s) return "";
  return s.replace("T", " ").replace(/\.\d+Z$/, "Z").replace(/Z$/, " UTC");
}

/** Whole days from today to `date` (YYYY-MM-DD); negative when past. */
export function daysUntil(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const target = Date.UTC(y, m - 1, d);
  const now = new Date();
  const t0 = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((target - t0) / 86400000);
}

/** Starts a download of `blob` as `name`. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Replaces the children of `el` (null, undefined and false are skipped). */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  clear(el);
  append(el, children);
}
