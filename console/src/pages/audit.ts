// Audit (commissioners): ListAudit with filters, paged, and the hash chain's verdict.

import { api } from "../api";
import { field, h, input, instant, fill } from "../dom";
import { t } from "../i18n";
import { replaceQuery, type Route } from "../main";
import { clearError, showError } from "../ui";

const RPCS = [
  "CheckHire", "CheckHireBatch", "CheckTender", "CheckBidder", "CheckAllocation", "FindPaths",
  "Neighborhood", "ExportSubgraph", "ListCases", "GetCase", "UpdateCase", "LoadFeeds", "Status",
  "ListAudit", "SignIn", "SignOut",
];

let loadGen = 0;

export async function renderAudit(main: HTMLElement, route: Route): Promise<void> {
  const q = route.query;
  const caller = input("caller", q.get("caller") || "", { testid: "audit-caller" });
  const rpc = input("rpc", q.get("rpc") || "", { testid: "audit-rpc", list: "audit-rpcs" });
  const rpcList = h("datalist", { id: "audit-rpcs" }, RPCS.map((r) => h("option", { value: r })));
  const id = input("id", q.get("id") || "", { testid: "audit-id", placeholder: "IIN / BIN / C-… / T-…" });
  const from = input("from", q.get("from") || "", { type: "date", testid: "audit-from" });
  const to = input("to", q.get("to") || "", { type: "date", testid: "audit-to" });
  const chain = h("div", { class: "chain", testid: "audit-chain" });
  const summary = h("p", { class: "muted", testid: "audit-total" });
  const tableBox = h("div", { class: "table-wrap" });
  const pager = h("div", { class: "pager" });
  let stack: string[] = [];
  let token = "";

  async function load(): Promise<void> {
    const gen = ++loadGen;
    clearError();
    try {
      const r = await api.listAudit({
        caller: caller.value.trim(),
        rpc: rpc.value.trim(),
        id: id.value.trim(),
        dateFrom: from.value,
        dateTo: to.value,
        pageSize: 50,
        pageToken: token,
        verifyChain: true,
      });
      if (gen !== loadGen) return;
      const verified = r.chainOk || r.chainMessage !== "";
      chain.className = "chain " + (r.chainOk ? "ok" : verified ? "bad" : "unknown");
      chain.setAttribute("data-chain-ok", String(r.chainOk));
      fill(
        chain,
        h("strong", null, r.chainOk ? t("audit.chainOk") : verified ? t("audit.chainBroken") : t("audit.chainUnknown")),
        " ",
        h("span", null, r.chainMessage),
      );
      summary.textContent = t("audit.total", String(r.totalCount));
      fill(tableBox, 
        h(
          "table",
          { class: "grid", testid: "audit-table" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", { class: "num" }, "#"),
              h("th", null, t("audit.col.time")),
              h("th", null, t("audit.col.caller")),
              h("th", null, t("audit.col.role")),
              h("th", null, t("audit.col.rpc")),
              h("th", null, t("audit.col.ids")),
              h("th", null, t("audit.col.purpose")),
              h("th", null, t("audit.col.result")),
            ),
          ),
          h(
            "tbody",
            null,
            r.records.map((a) =>
              h(
                "tr",
                { testid: "audit-row", "data-seq": String(a.seq), title: a.hash },
                h("td", { class: "num" }, String(a.seq)),
                h("td", { class: "nowrap" }, instant(a.time)),
                h("td", null, a.caller),
                h("td", null, a.role),
                h("td", null, a.rpc),
                h("td", { class: "code ids" }, a.ids.join(", ")),
                h("td", null, a.purpose),
                h("td", { class: a.result.startsWith("OK") ? "" : "error-text" }, a.result),
              ),
            ),
          ),
        ),
      );
      fill(pager, 
        h("button", { type: "button", testid: "audit-prev", disabled: stack.length === 0, on: { click: () => { token = stack.pop() ?? ""; void load(); } } }, "‹ " + t("cases.prev")),
        h("span", { class: "muted" }, t("cases.page", stack.length + 1)),
        h("button", { type: "button", testid: "audit-next", disabled: !r.nextPageToken, on: { click: () => { stack.push(token); token = r.nextPageToken; void load(); } } }, t("cases.next") + " ›"),
      );
    } catch (e) {
      if (gen !== loadGen) return;
      showError(e);
      fill(tableBox);
    }
  }

  const form = h(
    "form",
    {
      class: "card filters",
      testid: "audit-filters",
      on: {
        submit: (ev) => {
          ev.preventDefault();
          const nq = new URLSearchParams();
          for (const [k, el] of [["caller", caller], ["rpc", rpc], ["id", id], ["from", from], ["to", to]] as const) {
            if (el.value.trim()) nq.set(k, el.value.trim());
          }
          replaceQuery(nq);
          stack = [];
          token = "";
          void load();
        },
      },
    },
    h(
      "div",
      { class: "form-grid" },
      field(t("audit.caller"), caller),
      field(t("audit.rpc"), rpc),
      field(t("audit.id"), id),
      field(t("audit.from"), from),
      field(t("audit.to"), to),
    ),
    rpcList,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", testid: "audit-search" }, t("audit.search"))),
  );
  fill(main, h("h1", null, t("nav.audit")), chain, form, summary, tableBox, pager);
  await load();
}
