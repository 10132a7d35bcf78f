// The console's shell: sign-in, the purpose dialog, the header with navigation and language,
// and the hash router (#/cases, #/case/<id>, #/checks, #/explore, #/operations, #/audit).

import { currentSession, loadSession, may, purpose, setPurpose, setSignedOutHandler, signIn, signOut } from "./api";
import { clear, h } from "./dom";
import { currentLang, setLang, t, type Key, type Lang } from "./i18n";
import { renderAudit } from "./pages/audit";
import { renderCase } from "./pages/case";
import { renderCases } from "./pages/cases";
import { renderChecks } from "./pages/checks";
import { renderExplore } from "./pages/explore";
import { renderOperations } from "./pages/operations";
import { clearError, setBanner, showErrorText } from "./ui";

export interface Route {
  page: string;
  arg: string;
  query: URLSearchParams;
}

interface PageDef {
  name: string;
  label: Key;
  /** Shown when the session may call any of these. */
  rpcs: string[];
  nav: boolean;
  render: (main: HTMLElement, r: Route) => Promise<void> | void;
}

const PAGES: PageDef[] = [
  { name: "cases", label: "nav.cases", rpcs: ["ListCases"], nav: true, render: renderCases },
  { name: "case", label: "nav.case", rpcs: ["GetCase"], nav: false, render: renderCase },
  {
    name: "checks",
    label: "nav.checks",
    rpcs: ["CheckHire", "CheckTender", "CheckBidder", "CheckAllocation"],
    nav: true,
    render: renderChecks,
  },
  { name: "explore", label: "nav.explore", rpcs: ["FindPaths", "Neighborhood"], nav: true, render: renderExplore },
  { name: "operations", label: "nav.operations", rpcs: ["LoadFeeds"], nav: true, render: renderOperations },
  { name: "audit", label: "nav.audit", rpcs: ["ListAudit"], nav: true, render: renderAudit },
];

function allowed(p: PageDef): boolean {
  return p.rpcs.some((r) => may(r));
}

export function parseRoute(): Route {
  const raw = location.hash.replace(/^#\/?/, "");
  const qi = raw.indexOf("?");
  const path = qi >= 0 ? raw.slice(0, qi) : raw;
  const query = new URLSearchParams(qi >= 0 ? raw.slice(qi + 1) : "");
  const [page = "", ...rest] = path.split("/");
  return { page, arg: decodeURIComponent(rest.join("/")), query };
}

/** Sets the fragment's query without adding a history entry or re-rendering. */
export function replaceQuery(q: URLSearchParams): void {
  const r = parseRoute();
  const path = "#/" + r.page + (r.arg ? "/" + encodeURIComponent(r.arg) : "");
  const qs = q.toString();
  history.replaceState(null, "", path + (qs ? "?" + qs : ""));
}

const root = document.getElementById("app") as HTMLElement;
let renderSeq = 0;

function langSelect(): HTMLSelectElement {
  const langs: [Lang, string][] = [
    ["kk", "Қазақша"],
    ["ru", "Русский"],
    ["en", "English"],
  ];
  const sel = h(
    "select",
    {
      testid: "lang-select",
      "aria-label": t("header.language"),
      on: {
        change: () => {
          setLang(sel.value as Lang);
          void render();
        },
      },
    },
    langs.map(([v, label]) => h("option", { value: v, selected: v === currentLang() }, label)),
  );
  return sel;
}

function renderSignIn(message = ""): void {
  clear(root);
  const token = h("input", {
    type: "password",
    testid: "signin-token",
    autocomplete: "current-password",
    placeholder: t("signin.token"),
  });
  const err = h("div", { class: "error-banner", testid: "signin-error", hidden: !message }, message);
  const button = h("button", { type: "submit", testid: "signin-button", class: "primary" }, t("signin.button"));
  const form = h(
    "form",
    {
      class: "signin card",
      testid: "signin-form",
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          button.disabled = true;
          try {
            await signIn(token.value);
            if (!location.hash || location.hash === "#/" || location.hash === "#") location.hash = "";
            await render();
          } catch (e) {
            err.textContent = e instanceof Error ? e.message : String(e);
            err.hidden = false;
          } finally {
            button.disabled = false;
          }
        },
      },
    },
    h("h1", null, "coigraph"),
    h("p", { class: "muted" }, t("signin.intro")),
    h("label", { class: "field" }, h("span", { class: "field-label" }, t("signin.token")), token),
    button,
    err,
  );
  root.append(h("div", { class: "signin-wrap" }, h("div", { class: "signin-lang" }, langSelect()), form));
  token.focus();
}

function askPurpose(onDone: () => void): void {
  const inp = h("input", {
    type: "text",
    testid: "purpose-input",
    value: purpose(),
    placeholder: t("purpose.placeholder"),
    required: true,
  });
  const overlay = h(
    "div",
    { class: "overlay", testid: "purpose-dialog", role: "dialog", "aria-modal": "true" },
    h(
      "form",
      {
        class: "card dialog",
        on: {
          submit: (ev) => {
            ev.preventDefault();
            const v = inp.value.trim();
            if (!v) return;
            setPurpose(v);
            overlay.remove();
            onDone();
          },
        },
      },
      h("h2", null, t("purpose.title")),
      h("p", { class: "muted" }, t("purpose.help")),
      inp,
      h(
        "div",
        { class: "actions" },
        h("button", { type: "submit", class: "primary", testid: "purpose-ok" }, t("purpose.ok")),
        h(
          "button",
          {
            type: "button",
            testid: "purpose-signout",
            on: {
              click: async () => {
                overlay.remove();
                await signOut();
                location.hash = "";
                renderSignIn();
              },
            },
          },
          t("header.signout"),
        ),
      ),
    ),
  );
  document.body.append(overlay);
  inp.focus();
}

function header(route: Route): HTMLElement {
  const s = currentSession()!;
  const nav = h(
    "nav",
    { class: "nav", testid: "nav" },
    PAGES.filter((p) => p.nav && allowed(p)).map((p) =>
      h(
        "a",
        {
          href: "#/" + p.name,
          testid: "nav-" + p.name,
          class: route.page === p.name || (p.name === "cases" && route.page === "case") ? "active" : "",
        },
        t(p.label),
      ),
    ),
  );
  return h(
    "header",
    { class: "top no-print" },
    h("a", { class: "brand", href: "#/" }, "coigraph"),
    s.demo ? h("span", { class: "demo-badge", testid: "demo-badge", title: t("ops.demoMode") }, "DEMO") : null,
    nav,
    h(
      "div",
      { class: "who" },
      h(
        "span",
        { class: "purpose-chip", testid: "purpose-current", title: t("purpose.title") },
        t("purpose.short") + ": ",
        h("span", null, purpose()),
        " ",
        h(
          "button",
          {
            type: "button",
            class: "link",
            testid: "purpose-change",
            on: { click: () => askPurpose(() => void render()) },
          },
          t("purpose.change"),
        ),
      ),
      langSelect(),
      h("span", { class: "user", testid: "session-user" }, h("strong", null, s.name), " · ", h("span", { testid: "session-role" }, t(roleKey(s.role)))),
      h(
        "button",
        {
          type: "button",
          testid: "signout-button",
          on: {
            click: async () => {
              await signOut();
              location.hash = "";
              renderSignIn();
            },
          },
        },
        t("header.signout"),
      ),
    ),
  );
}

function roleKey(role: string): Key {
  switch (role) {
    case "ethics_commissioner":
      return "role.ethics_commissioner";
    case "analyst":
      return "role.analyst";
    case "researcher":
      return "role.researcher";
    case "operator":
      return "role.operator";
    case "hr_system":
      return "role.hr_system";
    case "demo":
      return "role.demo";
    default:
      return "role.other";
  }
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  if (!currentSession()) {
    renderSignIn();
    return;
  }
  if (!purpose()) {
    clear(root);
    askPurpose(() => void render());
    return;
  }
  const route = parseRoute();
  let page = PAGES.find((p) => p.name === route.page && allowed(p));
  if (!page) {
    const first = PAGES.find((p) => p.nav && allowed(p));
    if (!first) {
      clear(root);
      root.append(header(route), h("main", null, h("p", null, t("app.nothingAllowed"))));
      return;
    }
    if (route.page && PAGES.some((p) => p.name === route.page)) {
      // A page the role may not use: say so rather than silently moving on.
      clear(root);
      const banner = h("div", { class: "error-banner", testid: "error-banner" }, t("app.notAllowed"));
      root.append(header(route), h("main", null, banner));
      return;
    }
    history.replaceState(null, "", "#/" + first.name);
    page = first;
    route.page = first.name;
  }
  clear(root);
  const banner = h("div", { class: "error-banner", testid: "error-banner", role: "alert", hidden: true });
  setBanner(banner);
  const main = h("main", { testid: "page-" + page.name });
  root.append(header(route), banner, main);
  clearError();
  document.title = "coigraph · " + t(page.label);
  try {
    await page.render(main, route);
  } catch (e) {
    if (seq === renderSeq) showErrorText(e instanceof Error ? e.message : String(e));
  }
}

async function start(): Promise<void> {
  setLang(currentLang());
  setSignedOutHandler(() => renderSignIn(t("signin.expired")));
  window.addEventListener("hashchange", () => void render());
  try {
    await loadSession();
  } catch (e) {
    renderSignIn(e instanceof Error ? e.message : String(e));
    return;
  }
  await render();
}

void start();
