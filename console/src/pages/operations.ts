// Operations: Status (what is loaded) and LoadFeeds.

import { Code, ConnectError } from "@connectrpc/connect";

import { api, may, purpose } from "../api";
import { field, h, input, instant, fill } from "../dom";
import type { FileLoad } from "../gen/coigraph/v1/coigraph_pb";
import { CaseStatus } from "../gen/coigraph/v1/case_pb";
import { t } from "../i18n";
import type { Route } from "../main";
import { clearError, kv, showError, statusLabel } from "../ui";

function filesTable(files: FileLoad[], testid: string): HTMLElement {
  return h(
    "table",
    { class: "grid", testid },
    h("thead", null, h("tr", null, h("th", null, t("ops.file")), h("th", null, t("ops.present")), h("th", { class: "num" }, t("ops.loaded")), h("th", { class: "num" }, t("ops.merged")), h("th", { class: "num" }, t("ops.rejected")))),
    h(
      "tbody",
      null,
      files.map((f) =>
        h(
          "tr",
          { class: Number(f.rejected) > 0 ? "warn" : "", "data-file": f.file },
          h("td", { class: "code" }, f.file),
          h("td", null, f.present ? "✓" : "—"),
          h("td", { class: "num" }, String(f.loaded)),
          h("td", { class: "num" }, String(f.merged)),
          h("td", { class: "num" }, String(f.rejected)),
        ),
      ),
    ),
  );
}

export async function renderOperations(main: HTMLElement, _route: Route): Promise<void> {
  const statusBox = h("div", { class: "card", testid: "ops-status" });
  const loadResult = h("div", { testid: "ops-load-result" });

  async function loadStatus(): Promise<void> {
    try {
      const s = await api.status({});
      fill(statusBox, 
        h("h2", null, t("ops.status")),
        s.demoMode ? h("p", { class: "verdict conflict small" }, t("ops.demoMode")) : null,
        h(
          "dl",
          { class: "kvs" },
          kv(t("ops.snapshot"), String(s.snapshotVersion), "ops-snapshot-version"),
          kv(t("ops.loadedAt"), instant(s.loadedAt), "ops-loaded-at"),
          kv(t("ops.feedsDir"), h("span", { class: "code" }, s.feedsDir)),
          kv(t("ops.persons"), String(s.personCount)),
          kv(t("ops.organizations"), String(s.organizationCount)),
          kv(t("ops.positions"), String(s.positionCount)),
          kv(t("ops.ties"), String(s.tieCount)),
          kv(t("ops.findings"), String(s.findingCount)),
          kv(t("ops.rejects"), String(s.rejectCount)),
          kv(
            t("ops.casesByStatus"),
            Object.entries(s.casesByStatus)
              .map(([k, v]) => statusLabel(Number(k) as CaseStatus) + ": " + String(v))
              .join(", "),
          ),
        ),
        filesTable(s.files, "ops-files"),
      );
    } catch (e) {
      showError(e);
    }
  }

  const dir = input("dir", "", { testid: "ops-dir", placeholder: t("ops.dirPlaceholder") });
  const purposeIn = input("purpose", purpose(), { testid: "ops-purpose", required: true });
  const button = h("button", { type: "submit", class: "primary", testid: "ops-load" }, t("ops.load"));
  // The reload guard (docs/service.md, "Errors"): a load that would make too many active cases
  // inactive is refused. The switch to force it is shown only with that refusal, off.
  const force = h("input", { type: "checkbox", testid: "ops-force" });
  const forceRow = h(
    "div",
    { class: "card warn", testid: "ops-force-row", hidden: true },
    h("p", { testid: "ops-refusal" }),
    h("label", null, force, " ", t("ops.force")),
  );
  const refusal = forceRow.querySelector("p") as HTMLElement;
  const form = h(
    "form",
    {
      class: "card",
      testid: "ops-load-form",
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          clearError();
          button.disabled = true;
          fill(loadResult, h("p", { class: "muted" }, t("ops.loading")));
          try {
            const r = await api.loadFeeds({
              dir: dir.value.trim(),
              purpose: purposeIn.value.trim(),
              force: !forceRow.hidden && force.checked,
            });
            forceRow.hidden = true;
            force.checked = false;
            fill(loadResult, 
              h(
                "div",
                { class: "card" },
                h("h2", null, t("ops.loadDone")),
                h(
                  "dl",
                  { class: "kvs" },
                  kv(t("ops.snapshot"), String(r.snapshotVersion)),
                  kv(t("ops.findings"), String(r.findingCount)),
                  kv(t("ops.casesCreated"), String(r.casesCreated)),
                  kv(t("ops.casesSeenAgain"), String(r.casesSeenAgain)),
                  kv(t("ops.casesDisappeared"), String(r.casesDisappeared)),
                  kv(t("ops.duration"), String(r.durationMs) + " ms"),
                ),
                filesTable(r.files, "ops-load-files"),
              ),
            );
            void loadStatus();
          } catch (e) {
            fill(loadResult);
            showError(e);
            if (e instanceof ConnectError && e.code === Code.FailedPrecondition && /force/.test(e.rawMessage)) {
              fill(refusal, e.rawMessage);
              force.checked = false;
              forceRow.hidden = false;
            }
          } finally {
            button.disabled = false;
          }
        },
      },
    },
    h("h2", null, t("ops.loadTitle")),
    h("p", { class: "muted small" }, t("ops.loadHelp")),
    h("div", { class: "form-grid" }, field(t("ops.dir"), dir, "ops-dir"), field(t("checks.purpose") + " *", purposeIn, "ops-purpose")),
    forceRow,
    h("div", { class: "actions" }, button),
  );
  fill(main, h("h1", null, t("nav.operations")), statusBox, may("LoadFeeds") ? form : null, loadResult);
  await loadStatus();
}
