// One case: GetCase, the path as a picture (with the ties around the official and the
// counterparty), the workflow controls (UpdateCase), the history, who looked at it
// (ListAudit), export downloads and a print view.

import type cytoscape from "cytoscape";
import { api, exportUrl, may, purpose } from "../api";
import { daysUntil, downloadBlob, h, instant, fill } from "../dom";
import { CaseStatus, type Case, type TieHint } from "../gen/coigraph/v1/case_pb";
import { GraphModel, pngBlob, pngDataUrl, renderGraph } from "../graph";
import { t, tOr } from "../i18n";
import type { Route } from "../main";
import {
  STATUSES,
  clearError,
  explanation,
  evidence,
  legalBasis,
  kv,
  partyCell,
  relationCell,
  ruleLabel,
  severityBadge,
  showError,
  sphereLabel,
  statusBadge,
  statusLabel,
} from "../ui";

const EXPORTS: { label: string; params: Record<string, string> }[] = [
  { label: "GraphML", params: { format: "graphml" } },
  { label: "GEXF", params: { format: "gexf" } },
  { label: "DOT", params: { format: "dot" } },
  { label: "Cytoscape JSON", params: { format: "cytoscape" } },
  { label: "Neo4j nodes_person.csv", params: { format: "neo4j", file: "nodes_person.csv" } },
  { label: "Neo4j nodes_organization.csv", params: { format: "neo4j", file: "nodes_organization.csv" } },
  { label: "Neo4j relationships.csv", params: { format: "neo4j", file: "relationships.csv" } },
  { label: "FollowTheMoney (Aleph)", params: { format: "ftm" } },
];

function historyField(field: string): string {
  return tOr("history." + field, field);
}

function historyValue(field: string, v: string): string {
  if ((field === "status" || field === "created") && v) {
    const s = CaseStatus[v.replace(/^CASE_STATUS_/, "") as keyof typeof CaseStatus];
    if (typeof s === "number") return statusLabel(s);
  }
  return v;
}

/** "Name (id)", or the id alone when the name is the id (a researcher's pseudonym). */
function named(name: string, id: string): (string | HTMLElement)[] {
  if (!id) return [name];
  if (!name || name === id) return [h("span", { class: "code" }, id)];
  return [name, " ", h("span", { class: "code muted" }, id)];
}

/**
 * The undeclared-tie hints of the case's tender: a card apart from the finding, labelled as
 * hints, not findings; null when there are none. A researcher's hints carry pseudonyms and say
 * that a name or an address matched without saying which.
 */
function hintsCard(hints: TieHint[]): HTMLElement | null {
  if (hints.length === 0) return null;
  const matched = (x: TieHint): string[] => {
    const out: string[] = [];
    if (x.nameMatched) out.push(x.surnameStem ? t("case.hint.name", x.surnameStem, x.patronymicRoot) : t("case.hint.nameHidden"));
    if (x.addressMatched) out.push(x.address ? t("case.hint.address", x.address) : t("case.hint.addressHidden"));
    return out;
  };
  return h(
    "div",
    { class: "card hints", testid: "case-hints" },
    h("h2", null, t("case.hints")),
    h("p", { class: "muted small" }, t("case.hintsNote")),
    h(
      "table",
      { class: "grid" },
      h(
        "thead",
        null,
        h("tr", null, (["case.hint.member", "case.hint.bidder", "case.hint.party", "case.hint.person", "case.hint.matched"] as const).map((k) => h("th", null, t(k)))),
      ),
      h(
        "tbody",
        null,
        hints.map((x) =>
          h(
            "tr",
            { testid: "case-hint", "data-party": x.party, "data-member": x.member, "data-person": x.person },
            h("td", null, named(x.memberName, x.member)),
            h("td", null, named(x.bidderName, x.bidder)),
            h("td", null, tOr("case.hint.party." + x.party, x.party)),
            h("td", null, x.person ? named(x.personName, x.person) : [x.personName || "—", " ", h("span", { class: "muted" }, "(" + t("case.hint.noIin") + ")")]),
            h("td", { testid: "case-hint-matched" }, matched(x).join("; ")),
          ),
        ),
      ),
    ),
  );
}

export async function renderCase(main: HTMLElement, route: Route): Promise<void> {
  const id = route.arg;
  window.__coigraphCy = undefined;
  fill(main, h("p", { class: "muted" }, t("app.loading")));
  let c: Case;
  try {
    c = await api.getCase({ caseId: id });
  } catch (e) {
    fill(main, h("h1", null, t("nav.case") + " " + id), h("a", { href: "#/cases" }, "‹ " + t("nav.cases")));
    showError(e);
    return;
  }
  const f = c.finding;

  // ---- the picture ----
  const graphBox = h("div", { class: "graph", testid: "case-graph" });
  const graphImg = h("img", { class: "print-only graph-print", alt: t("case.graph"), testid: "case-graph-image" });
  const graphNote = h("p", { class: "muted small", testid: "case-graph-note" });
  let cy: cytoscape.Core | undefined;

  const pngButton = h(
    "button",
    {
      type: "button",
      testid: "case-png",
      class: "no-print",
      on: {
        click: () => {
          if (cy) downloadBlob(pngBlob(cy), c.caseId + ".png");
        },
      },
    },
    "PNG",
  );
  const printButton = h(
    "button",
    {
      type: "button",
      testid: "case-print",
      class: "no-print",
      on: {
        click: () => {
          if (cy) graphImg.src = pngDataUrl(cy);
          window.print();
        },
      },
    },
    t("case.print"),
  );
  window.addEventListener(
    "beforeprint",
    () => {
      if (cy && graphBox.isConnected) graphImg.src = pngDataUrl(cy);
    },
  );

  // ---- the workflow controls ----
  const canUpdate = may("UpdateCase");
  const statusSel = h(
    "select",
    { testid: "case-status-select" },
    STATUSES.map((s) => h("option", { value: CaseStatus[s], selected: s === c.status }, statusLabel(s))),
  );
  const assigneeIn = h("input", { type: "text", value: c.assignee, testid: "case-assignee" });
  const noteIn = h("textarea", { rows: 4, testid: "case-note" });
  noteIn.value = c.note;
  const saveMsg = h("span", { class: "muted", testid: "case-save-result" });
  const saveBtn = h("button", { type: "submit", class: "primary", testid: "case-save" }, t("case.save"));
  const workflow = canUpdate
    ? h(
        "form",
        {
          class: "card workflow no-print",
          testid: "case-workflow",
          on: {
            submit: async (ev) => {
              ev.preventDefault();
              clearError();
              const newStatus = CaseStatus[statusSel.value as keyof typeof CaseStatus];
              const req: { caseId: string; status?: CaseStatus; note?: string; assignee?: string } = { caseId: c.caseId };
              if (newStatus !== c.status) req.status = newStatus;
              if (noteIn.value !== c.note) req.note = noteIn.value;
              if (assigneeIn.value.trim() !== c.assignee) req.assignee = assigneeIn.value.trim();
              if (req.status === undefined && req.note === undefined && req.assignee === undefined) {
                saveMsg.textContent = t("case.nothingChanged");
                return;
              }
              saveBtn.disabled = true;
              try {
                c = await api.updateCase(req);
                saveMsg.textContent = t("case.saved");
                fill(statusNow, statusBadge(c.status));
                renderHistory();
                void loadWhoLooked();
              } catch (e) {
                showError(e);
                saveMsg.textContent = "";
              } finally {
                saveBtn.disabled = false;
              }
            },
          },
        },
        h("h2", null, t("case.workflow")),
        h(
          "div",
          { class: "row" },
          h("label", { class: "field" }, h("span", { class: "field-label" }, t("case.status")), statusSel),
          h("label", { class: "field grow" }, h("span", { class: "field-label" }, t("case.assignee")), assigneeIn),
        ),
        h("label", { class: "field" }, h("span", { class: "field-label" }, t("case.note")), noteIn),
        h("div", { class: "actions" }, saveBtn, saveMsg),
      )
    : null;
  const statusNow = h("span", { testid: "case-status" }, statusBadge(c.status));

  // ---- history and who looked ----
  const historyList = h("ol", { class: "history", testid: "case-history" });
  function renderHistory(): void {
    fill(historyList, 
      ...c.history.map((ev) =>
        h(
          "li",
          { testid: "case-history-item", "data-field": ev.field },
          h("span", { class: "time" }, instant(ev.time)),
          " ",
          h("strong", null, ev.actor),
          h("span", { class: "muted" }, " (" + ev.role + ") "),
          h("span", { class: "hist-field" }, historyField(ev.field)),
          ev.oldValue || ev.newValue
            ? [": ", h("span", { class: "old" }, historyValue(ev.field, ev.oldValue) || "—"), " → ", h("span", { class: "new" }, historyValue(ev.field, ev.newValue) || "—")]
            : null,
        ),
      ),
    );
    if (c.history.length === 0) historyList.append(h("li", { class: "muted" }, t("case.noHistory")));
    // The note in the header card follows the saved note.
    fill(noteView, c.note ? c.note : h("span", { class: "muted" }, "—"));
    fill(assigneeView, c.assignee ? c.assignee : h("span", { class: "muted" }, "—"));
  }
  const noteView = h("span", { class: "note-text", testid: "case-note-view" });
  const assigneeView = h("span", { testid: "case-assignee-view" });

  const whoBox = h("div", { class: "card", testid: "case-who-looked-box" });
  async function loadWhoLooked(): Promise<void> {
    if (!may("ListAudit")) return;
    try {
      const r = await api.listAudit({ id: c.caseId, pageSize: 100 });
      fill(whoBox, 
        h("h2", null, t("case.whoLooked")),
        h(
          "table",
          { class: "grid", testid: "case-who-looked" },
          h(
            "thead",
            null,
            h("tr", null, (["audit.col.time", "audit.col.caller", "audit.col.role", "audit.col.rpc", "audit.col.purpose", "audit.col.result"] as const).map((k) => h("th", null, t(k)))),
          ),
          h(
            "tbody",
            null,
            r.records.map((a) =>
              h(
                "tr",
                { testid: "who-looked-item", "data-rpc": a.rpc, "data-caller": a.caller },
                h("td", { class: "nowrap" }, instant(a.time)),
                h("td", null, a.caller),
                h("td", null, a.role),
                h("td", null, a.rpc),
                h("td", null, a.purpose),
                h("td", { class: a.result.startsWith("OK") ? "muted" : "error-text" }, a.result),
              ),
            ),
          ),
        ),
        Number(r.totalCount) > r.records.length
          ? h("p", { class: "muted" }, t("case.whoLookedMore", String(r.totalCount)), " ", h("a", { href: "#/audit?id=" + encodeURIComponent(c.caseId) }, t("nav.audit")))
          : null,
      );
    } catch (e) {
      fill(whoBox, h("h2", null, t("case.whoLooked")), h("p", { class: "error-text" }, String((e as Error).message)));
    }
  }

  // ---- exports ----
  const exportsBox = may("ExportSubgraph")
    ? h(
        "div",
        { class: "card no-print", testid: "case-exports" },
        h("h2", null, t("case.exports")),
        h(
          "ul",
          { class: "exports" },
          EXPORTS.map((x) =>
            h(
              "li",
              null,
              h(
                "a",
                {
                  href: exportUrl({ ...x.params, case_id: c.caseId, radius: "1", purpose: purpose() }),
                  download: "",
                  testid: "export-" + x.params.format + (x.params.file ? "-" + x.params.file.replace(/\.csv$/, "") : ""),
                },
                x.label,
              ),
            ),
          ),
        ),
      )
    : null;

  // ---- the page ----
  let deadline: HTMLElement | null = null;
  if (c.cureDeadline) {
    const days = daysUntil(c.cureDeadline);
    deadline = kv(
      t("case.cureDeadline"),
      h(
        "span",
        { class: days < 0 ? "overdue" : days <= 14 ? "soon" : "" },
        c.cureDeadline + " — " + (days >= 0 ? t("case.daysLeft", days) : t("case.daysOverdue", -days)),
      ),
      "case-cure-deadline",
    );
  }
  fill(main, 
    h("div", { class: "crumbs no-print" }, h("a", { href: "#/cases" }, "‹ " + t("nav.cases"))),
    h(
      "div",
      { class: "case-head" },
      h("h1", null, t("nav.case") + " ", h("span", { class: "code", testid: "case-id" }, c.caseId)),
      h("div", { class: "actions no-print" }, pngButton, printButton),
    ),
    h(
      "div",
      { class: "dossier" },
      h(
        "div",
        { class: "card" },
        h(
          "dl",
          { class: "kvs" },
          kv(t("case.rule"), [h("strong", { testid: "case-rule" }, f?.rule ?? ""), " ", h("span", { class: "muted" }, ruleLabel(f?.rule ?? ""))]),
          kv(t("case.sphere"), sphereLabel(f?.sphere ?? ""), "case-sphere"),
          kv(t("case.severity"), f ? severityBadge(f.severity) : "", "case-severity"),
          kv(t("case.status"), statusNow),
          kv(t("case.official"), partyCell(f, f?.official ?? ""), "case-official"),
          kv(t("case.counterparty"), partyCell(f, f?.counterparty ?? ""), "case-counterparty"),
          kv(t("case.relation"), relationCell(f?.relation ?? ""), "case-relation"),
          kv(t("case.object"), f?.objectId ?? "", "case-object"),
          kv(t("case.date"), f?.date ?? "", "case-date"),
          kv(t("case.organization"), [c.organizationName, c.organizationBin ? h("span", { class: "code" }, " " + c.organizationBin) : null, c.region ? h("span", { class: "muted" }, " · " + c.region) : null], "case-organization"),
          kv(t("case.explanation"), f ? explanation(f) : "", "case-explanation"),
          kv(t("case.evidence"), f ? evidence(f) : "", "case-evidence"),
          kv(t("case.legalBasis"), f ? legalBasis(f) : "", "case-legal-basis"),
          deadline,
          kv(t("case.assignee"), assigneeView),
          kv(t("case.note"), noteView),
          kv(t("case.seen"), [instant(c.firstSeen), " — ", instant(c.lastSeen), c.active ? "" : " (" + t("cases.inactive") + ")"], "case-seen"),
        ),
      ),
      h("div", { class: "card graph-card" }, h("h2", null, t("case.graph")), graphBox, graphImg, graphNote, h("p", { class: "legend muted small no-print" }, t("graph.legend"))),
    ),
    hintsCard(c.tieHints),
    workflow,
    canUpdate ? null : h("p", { class: "muted no-print", testid: "case-readonly" }, t("case.readOnly")),
    h("div", { class: "card" }, h("h2", null, t("case.history")), historyList),
    may("ListAudit") ? whoBox : null,
    exportsBox,
  );
  renderHistory();
  void loadWhoLooked();

  // ---- build the picture: the path, then the ties around its two ends ----
  if (!f) return;
  const m = new GraphModel(f.official, f.counterparty);
  m.addPath(f.path);
  const extra: Promise<void>[] = [];
  if ((!f.path || f.path.vertices.length === 0) && f.official && f.counterparty && may("FindPaths")) {
    extra.push(
      api
        .findPaths({ from: f.official, to: f.counterparty, date: f.date, k: 1, maxHops: 6 })
        .then((r) => {
          if (r.paths[0]) m.addPath(r.paths[0]);
          else graphNote.textContent = t("case.noPath");
        }),
    );
  }
  await Promise.allSettled(extra);
  if (may("Neighborhood")) {
    const seeds = [f.official, f.counterparty].filter((s) => s && !s.startsWith("P-"));
    const results = await Promise.allSettled(seeds.map((seed) => api.neighborhood({ seed, radius: 1, date: f.date })));
    for (const r of results) {
      if (r.status === "fulfilled") m.addNeighborhood(r.value);
      else graphNote.textContent = t("case.neighborhoodFailed") + ": " + String((r.reason as Error).message);
    }
  }
  if (m.nodes.size === 0) {
    fill(graphBox, h("p", { class: "muted" }, t("case.noPath")));
    return;
  }
  cy = renderGraph(graphBox, m);
  window.__coigraphCy = cy;
  graphImg.src = pngDataUrl(cy);
}
