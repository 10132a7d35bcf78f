// Cases: ListCases with filters kept in the fragment's query (#/cases?status=NEW&rule=...),
// counts by status and sphere as chips, paging, and a name search that also finds Latin
// spellings of Kazakh names (done in the browser over the filtered cases, see translit.ts).

import { api, fieldViolations } from "../api";
import { h, input, isoDate, fill } from "../dom";
import type { Case } from "../gen/coigraph/v1/case_pb";
import { Severity } from "../gen/coigraph/v1/finding_pb";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { ListCasesRequestSchema } from "../gen/coigraph/v1/coigraph_pb";
import { t } from "../i18n";
import { replaceQuery, type Route } from "../main";
import { foldMatch } from "../translit";
import {
  RULES,
  SEVERITIES,
  SPHERES,
  STATUSES,
  clearError,
  partyCell,
  relationCell,
  ruleLabel,
  severityBadge,
  severityFromName,
  showError,
  sphereLabel,
  statusBadge,
  statusFromName,
  statusLabel,
  severityLabel,
  explanation,
} from "../ui";
import { CaseStatus } from "../gen/coigraph/v1/case_pb";

interface Filters {
  status: string[]; // CaseStatus names without prefix: NEW, IN_REVIEW...
  severity: string[]; // Severity names without prefix
  rule: string;
  sphere: string;
  org: string;
  assignee: string;
  from: string;
  to: string;
  fsfrom: string;
  fsto: string;
  q: string;
  inactive: boolean;
  size: number;
}

function readFilters(q: URLSearchParams): Filters {
  const list = (k: string) => (q.get(k) || "").split(",").filter(Boolean);
  return {
    status: list("status"),
    severity: list("severity"),
    rule: q.get("rule") || "",
    sphere: q.get("sphere") || "",
    org: q.get("org") || "",
    assignee: q.get("assignee") || "",
    from: q.get("from") || "",
    to: q.get("to") || "",
    fsfrom: q.get("fsfrom") || "",
    fsto: q.get("fsto") || "",
    q: q.get("q") || "",
    inactive: q.get("inactive") === "1",
    size: Math.min(500, Math.max(1, Number(q.get("size")) || 50)),
  };
}

function writeFilters(f: Filters): URLSearchParams {
  const q = new URLSearchParams();
  if (f.status.length) q.set("status", f.status.join(","));
  if (f.severity.length) q.set("severity", f.severity.join(","));
  for (const k of ["rule", "sphere", "org", "assignee", "from", "to", "fsfrom", "fsto", "q"] as const) {
    if (f[k]) q.set(k, f[k]);
  }
  if (f.inactive) q.set("inactive", "1");
  if (f.size !== 50) q.set("size", String(f.size));
  return q;
}

/** A search that even a server whose text filter is a plain substring answers right. */
function serverSearchable(q: string): boolean {
  return /^[0-9]+$/.test(q) || (/^[A-Z]+-[0-9A-Z-]+$/.test(q) && !q.startsWith("C-"));
}

type Req = MessageInitShape<typeof ListCasesRequestSchema>;

function baseRequest(f: Filters, withStatusAndSphere: boolean): Req {
  const r: Req = {
    rule: f.rule,
    organizationBin: f.org,
    assignee: f.assignee,
    dateFrom: f.from,
    dateTo: f.to,
    firstSeenFrom: f.fsfrom,
    firstSeenTo: f.fsto,
    includeInactive: f.inactive,
    severities: f.severity.map(severityFromName).filter((s): s is Severity => s !== undefined),
  };
  if (withStatusAndSphere) {
    r.sphere = f.sphere;
    r.statuses = f.status.map(statusFromName).filter((s): s is CaseStatus => s !== undefined);
  }
  return r;
}

interface PageResult {
  cases: Case[];
  total: number;
  countsByStatus: Record<string, number>;
  countsBySphere: Record<string, number>;
  hasNext: boolean;
  note: string;
}

// Paging state of the server mode: the tokens of the pages before the current one.
let tokenStack: string[] = [];
let currentToken = "";
let pagingKey = "";
// Local search mode: the page index.
let localPage = 0;
// Only the latest load may fill the page (an earlier, slower one is dropped when it answers).
let loadGen = 0;
// Whether the current filters' text search is done in the browser (see load()).
let localSearch = false;

async function fetchServerPage(f: Filters): Promise<PageResult & { next: string }> {
  const req: Req = { ...baseRequest(f, true), pageSize: f.size, pageToken: currentToken };
  if (f.q) req.text = f.q;
  const resp = await api.listCases(req);
  const num = (m: { [k: string]: bigint }) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number(v)]));
  return {
    cases: resp.cases,
    total: Number(resp.totalCount),
    countsByStatus: num(resp.countsByStatus),
    countsBySphere: num(resp.countsBySphere),
    hasNext: !!resp.nextPageToken,
    next: resp.nextPageToken,
    note: "",
  };
}

const LOCAL_MAX_PAGES = 20;

function searchTexts(c: Case): string[] {
  const f = c.finding;
  const out = [c.caseId, c.note, c.assignee, c.organizationName, c.organizationBin];
  if (f) {
    out.push(f.official, f.counterparty, f.objectId, f.relation, f.explanationRu, f.explanationEn, f.explanationKk);
    for (const v of f.path?.vertices ?? []) out.push(v.name, v.id);
  }
  return out.filter(Boolean);
}

async function fetchLocal(f: Filters): Promise<PageResult> {
  // Every case matching the other filters (but status and sphere, so that the counts can be
  // made as the server makes them), then the name search and status/sphere here.
  const all: Case[] = [];
  let token = "";
  let pages = 0;
  let truncated = false;
  do {
    const resp = await api.listCases({ ...baseRequest(f, false), pageSize: 500, pageToken: token });
    all.push(...resp.cases);
    token = resp.nextPageToken;
    pages++;
    if (token && pages >= LOCAL_MAX_PAGES) {
      truncated = true;
      break;
    }
  } while (token);
  const matched = all.filter((c) => foldMatch(f.q, searchTexts(c)));
  const statuses = new Set(f.status.map((s) => statusFromName(s)));
  const byStatusOk = (c: Case) => statuses.size === 0 || statuses.has(c.status);
  const bySphereOk = (c: Case) => !f.sphere || c.finding?.sphere === f.sphere;
  const countsByStatus: Record<string, number> = {};
  const countsBySphere: Record<string, number> = {};
  for (const c of matched) {
    if (bySphereOk(c)) {
      const k = "CASE_STATUS_" + CaseStatus[c.status];
      countsByStatus[k] = (countsByStatus[k] ?? 0) + 1;
    }
    if (byStatusOk(c)) {
      const k = c.finding?.sphere ?? "";
      countsBySphere[k] = (countsBySphere[k] ?? 0) + 1;
    }
  }
  const shown = matched.filter((c) => byStatusOk(c) && bySphereOk(c));
  const start = localPage * f.size;
  return {
    cases: shown.slice(start, start + f.size),
    total: shown.length,
    countsByStatus,
    countsBySphere,
    hasNext: start + f.size < shown.length,
    note: truncated ? t("cases.searchTruncated", LOCAL_MAX_PAGES * 500) : "",
  };
}

function monthStart(): string {
  const d = new Date();
  return isoDate(new Date(d.getFullYear(), d.getMonth(), 1));
}

export async function renderCases(main: HTMLElement, route: Route): Promise<void> {
  let f = readFilters(route.query);
  const key = JSON.stringify(f);
  if (key !== pagingKey) {
    pagingKey = key;
    tokenStack = [];
    currentToken = "";
    localPage = 0;
    localSearch = false;
  }

  const apply = () => {
    f = collect();
    replaceQuery(writeFilters(f));
    pagingKey = JSON.stringify(f);
    tokenStack = [];
    currentToken = "";
    localPage = 0;
    localSearch = false;
    void load();
  };

  // ---- the filter form ----
  const statusBoxes = STATUSES.map((s) => {
    const name = CaseStatus[s];
    return h(
      "label",
      { class: "check" },
      h("input", {
        type: "checkbox",
        value: name,
        checked: f.status.includes(name),
        testid: "filter-status-" + name,
        on: { change: apply },
      }),
      statusLabel(s),
    );
  });
  const sevBoxes = SEVERITIES.map((s) => {
    const name = Severity[s];
    return h(
      "label",
      { class: "check" },
      h("input", {
        type: "checkbox",
        value: name,
        checked: f.severity.includes(name),
        testid: "filter-severity-" + name,
        on: { change: apply },
      }),
      severityLabel(s),
    );
  });
  const rule = input("rule", f.rule, { list: "rules-list", testid: "filter-rule", placeholder: t("cases.any"), on: { change: apply } });
  const rulesList = h("datalist", { id: "rules-list" }, RULES.map((r) => h("option", { value: r }, ruleLabel(r))));
  const sphere = h(
    "select",
    { testid: "filter-sphere", on: { change: apply } },
    h("option", { value: "" }, t("cases.any")),
    SPHERES.map((s) => h("option", { value: s, selected: s === f.sphere }, sphereLabel(s))),
  );
  if (f.sphere && !SPHERES.includes(f.sphere)) sphere.append(h("option", { value: f.sphere, selected: true }, f.sphere));
  const org = input("org", f.org, { testid: "filter-org", placeholder: "BIN", inputmode: "numeric" });
  const assignee = input("assignee", f.assignee, { testid: "filter-assignee" });
  const from = h("input", { type: "date", value: f.from, testid: "filter-date-from", on: { change: apply } });
  const to = h("input", { type: "date", value: f.to, testid: "filter-date-to", on: { change: apply } });
  const fsfrom = h("input", { type: "date", value: f.fsfrom, testid: "filter-first-seen-from", on: { change: apply } });
  const fsto = h("input", { type: "date", value: f.fsto, testid: "filter-first-seen-to", on: { change: apply } });
  const search = h("input", {
    type: "search",
    value: f.q,
    testid: "search-box",
    placeholder: t("cases.searchPlaceholder"),
  });
  const inactive = h("input", { type: "checkbox", checked: f.inactive, testid: "filter-inactive", on: { change: apply } });

  function collect(): Filters {
    return {
      status: statusBoxes.map((l) => l.querySelector("input")!).filter((i) => i.checked).map((i) => i.value),
      severity: sevBoxes.map((l) => l.querySelector("input")!).filter((i) => i.checked).map((i) => i.value),
      rule: rule.value.trim(),
      sphere: sphere.value,
      org: org.value.trim(),
      assignee: assignee.value.trim(),
      from: from.value,
      to: to.value,
      fsfrom: fsfrom.value,
      fsto: fsto.value,
      q: search.value.trim(),
      inactive: inactive.checked,
      size: f.size,
    };
  }

  const form = h(
    "form",
    {
      class: "filters card no-print",
      testid: "cases-filters",
      on: {
        submit: (ev) => {
          ev.preventDefault();
          apply();
        },
      },
    },
    h(
      "div",
      { class: "row" },
      h("label", { class: "field grow" }, h("span", { class: "field-label" }, t("cases.search")), search),
      h("button", { type: "submit", class: "primary", testid: "filter-apply" }, t("cases.apply")),
      h(
        "button",
        {
          type: "button",
          testid: "filter-reset",
          on: {
            click: () => {
              replaceQuery(new URLSearchParams());
              void renderCases(main, { ...route, query: new URLSearchParams() });
            },
          },
        },
        t("cases.reset"),
      ),
    ),
    h("div", { class: "row" }, h("span", { class: "field-label" }, t("cases.status")), statusBoxes),
    h("div", { class: "row" }, h("span", { class: "field-label" }, t("cases.severity")), sevBoxes),
    h(
      "div",
      { class: "row" },
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("cases.rule")), rule, rulesList),
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("cases.sphere")), sphere),
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("cases.organization")), org),
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("cases.assignee")), assignee),
    ),
    h(
      "div",
      { class: "row" },
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("cases.dateFrom")), from),
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("cases.dateTo")), to),
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("cases.firstSeenFrom")), fsfrom),
      h("label", { class: "field" }, h("span", { class: "field-label" }, t("cases.firstSeenTo")), fsto),
      h(
        "button",
        {
          type: "button",
          testid: "filter-this-month",
          on: {
            click: () => {
              fsfrom.value = monthStart();
              fsto.value = "";
              apply();
            },
          },
        },
        t("cases.thisMonth"),
      ),
      h("label", { class: "check" }, inactive, t("cases.includeInactive")),
    ),
  );

  const chips = h("div", { class: "chips", testid: "cases-chips" });
  const summary = h("div", { class: "summary", testid: "cases-summary" });
  const tableBox = h("div", { class: "table-wrap" });
  const pager = h("div", { class: "pager no-print" });
  fill(main, h("h1", null, t("nav.cases")), form, chips, summary, tableBox, pager);

  async function load(): Promise<void> {
    const gen = ++loadGen;
    clearError();
    fill(summary, h("span", { class: "muted" }, t("app.loading")));
    let res: PageResult & { next?: string };
    let local = localSearch;
    try {
      if (!local) {
        res = await fetchServerPage(f);
        // A server whose text filter is a plain substring finds no "zhumabayev" in "Жұмабаев":
        // then search in the browser, and keep doing so while the filters stay the same.
        if (res.total === 0 && f.q && !serverSearchable(f.q)) {
          local = localSearch = true;
          res = await fetchLocal(f);
        }
      } else {
        res = await fetchLocal(f);
      }
      if (gen !== loadGen) return;
    } catch (e) {
      if (gen !== loadGen) return;
      showError(e);
      // Mark the filter the server named.
      const byField: Record<string, HTMLElement> = {
        rule, sphere, organization_bin: org, assignee, date_from: from, date_to: to,
        first_seen_from: fsfrom, first_seen_to: fsto, text: search,
      };
      for (const [name, desc] of fieldViolations(e)) {
        const el = byField[name.replace(/([A-Z])/g, "_$1").toLowerCase()];
        if (el) {
          el.classList.add("invalid");
          el.title = desc;
        }
      }
      fill(summary, h("span", { class: "error-text", testid: "cases-error" }, t("cases.failed")));
      fill(tableBox);
      fill(chips);
      fill(pager);
      return;
    }
    // Chips.
    fill(chips, 
      h(
        "div",
        { class: "chip-group" },
        h("span", { class: "field-label" }, t("cases.byStatus")),
        STATUSES.map((s) => {
          const name = CaseStatus[s];
          // An older server sends no counts: show none rather than zeros.
          const known = Object.keys(res.countsByStatus).length > 0 || res.total === 0;
          const n = known ? (res.countsByStatus["CASE_STATUS_" + name] ?? 0) : "";
          const on = f.status.includes(name);
          return h(
            "button",
            {
              type: "button",
              class: "chip" + (on ? " on" : ""),
              testid: "status-chip-" + name,
              "data-count": n,
              on: {
                click: () => {
                  const box = statusBoxes.map((l) => l.querySelector("input")!).find((i) => i.value === name)!;
                  box.checked = !box.checked;
                  apply();
                },
              },
            },
            statusLabel(s) + " ",
            h("b", null, n === "" ? "—" : String(n)),
          );
        }),
      ),
      h(
        "div",
        { class: "chip-group" },
        h("span", { class: "field-label" }, t("cases.bySphere")),
        Object.entries(res.countsBySphere)
          .sort((a, b) => b[1] - a[1])
          .map(([sp, n]) =>
            h(
              "button",
              {
                type: "button",
                class: "chip" + (f.sphere === sp ? " on" : ""),
                testid: "sphere-chip-" + sp,
                "data-count": n,
                on: {
                  click: () => {
                    sphere.value = f.sphere === sp ? "" : sp;
                    if (sphere.value === sp && ![...sphere.options].some((o) => o.value === sp)) {
                      sphere.append(h("option", { value: sp, selected: true }, sp));
                    }
                    apply();
                  },
                },
              },
              sphereLabel(sp) + " ",
              h("b", null, String(n)),
            ),
          ),
      ),
    );
    fill(summary, 
      h("span", { testid: "cases-total", "data-total": res.total }, t("cases.total", res.total)),
      res.note ? h("span", { class: "muted" }, " · " + res.note) : null,
    );
    // Table.
    const cols = [
      "cases.col.id",
      "cases.col.rule",
      "cases.col.sphere",
      "cases.col.severity",
      "cases.col.date",
      "cases.col.official",
      "cases.col.counterparty",
      "cases.col.relation",
      "cases.col.organization",
      "cases.col.status",
      "cases.col.assignee",
      "cases.col.firstSeen",
    ] as const;
    if (res.cases.length === 0) {
      fill(tableBox, h("p", { class: "muted", testid: "cases-empty" }, t("cases.none")));
    } else {
      fill(tableBox, 
        h(
          "table",
          { class: "grid", testid: "cases-table" },
          h("thead", null, h("tr", null, cols.map((c) => h("th", null, t(c))))),
          h(
            "tbody",
            null,
            res.cases.map((c) => {
              const fd = c.finding;
              return h(
                "tr",
                {
                  testid: "case-row",
                  "data-case-id": c.caseId,
                  class: c.active ? "" : "inactive",
                  title: fd ? explanation(fd) : "",
                },
                h("td", { class: "case-id code" }, h("a", { href: "#/case/" + encodeURIComponent(c.caseId), testid: "case-link" }, c.caseId)),
                h("td", { title: ruleLabel(fd?.rule ?? "") }, fd?.rule ?? ""),
                h("td", null, sphereLabel(fd?.sphere ?? "")),
                h("td", null, fd ? severityBadge(fd.severity) : ""),
                h("td", { class: "nowrap" }, fd?.date ?? ""),
                h("td", null, partyCell(fd, fd?.official ?? "")),
                h("td", null, partyCell(fd, fd?.counterparty ?? "")),
                h("td", null, relationCell(fd?.relation ?? "", true)),
                h("td", { class: "org", title: c.organizationBin }, c.organizationName || c.organizationBin),
                h("td", null, statusBadge(c.status), c.active ? null : h("span", { class: "muted" }, " " + t("cases.inactive"))),
                h("td", null, c.assignee),
                h("td", { class: "nowrap" }, c.firstSeen.slice(0, 10)),
              );
            }),
          ),
        ),
      );
    }
    // Pager.
    const hasPrev = local ? localPage > 0 : tokenStack.length > 0;
    const pageNo = (local ? localPage : tokenStack.length) + 1;
    fill(pager, 
      h(
        "button",
        {
          type: "button",
          testid: "page-prev",
          disabled: !hasPrev,
          on: {
            click: () => {
              if (local) localPage--;
              else currentToken = tokenStack.pop() ?? "";
              void load();
            },
          },
        },
        "‹ " + t("cases.prev"),
      ),
      h("span", { class: "muted", testid: "page-number" }, t("cases.page", pageNo)),
      h(
        "button",
        {
          type: "button",
          testid: "page-next",
          disabled: !res.hasNext,
          on: {
            click: () => {
              if (local) localPage++;
              else {
                tokenStack.push(currentToken);
                currentToken = res.next ?? "";
              }
              void load();
            },
          },
        },
        t("cases.next") + " ›",
      ),
      h(
        "select",
        {
          testid: "page-size",
          on: {
            change: (ev) => {
              f.size = Number((ev.target as HTMLSelectElement).value);
              apply();
            },
          },
        },
        [25, 50, 100, 200, 500].map((n) => h("option", { value: n, selected: n === f.size }, t("cases.perPage", n))),
      ),
    );
  }

  await load();
}
