// Checks: CheckHire, CheckTender, CheckBidder, CheckAllocation as forms; the answer as cards
// with a small picture of each finding's path; BadRequest field violations beside the fields.

import { api, fieldViolations, may, purpose } from "../api";
import { field, h, input, today, fill } from "../dom";
import { Verdict, type CheckHireResponse, type CheckResponse } from "../gen/coigraph/v1/coigraph_pb";
import { t, type Key } from "../i18n";
import type { Route } from "../main";
import { clearError, findingCard, kv, severityBadge, showError } from "../ui";

interface FieldDef {
  /** The proto field name, as BadRequest names it. */
  proto: string;
  /** The JSON (request object) name. */
  json: string;
  label: Key;
  required?: boolean;
  date?: boolean;
}

interface CheckDef {
  rpc: "CheckHire" | "CheckTender" | "CheckBidder" | "CheckAllocation";
  title: Key;
  help: Key;
  fields: FieldDef[];
  call: (req: Record<string, string>) => Promise<CheckHireResponse | CheckResponse>;
}

const CHECKS: CheckDef[] = [
  {
    rpc: "CheckHire",
    title: "checks.hire",
    help: "checks.hireHelp",
    fields: [
      { proto: "candidate_iin", json: "candidateIin", label: "checks.candidateIin", required: true },
      { proto: "position_id", json: "positionId", label: "checks.positionId", required: true },
      { proto: "date", json: "date", label: "checks.date", required: true, date: true },
      { proto: "appointed_by_iin", json: "appointedByIin", label: "checks.appointedByIin" },
      { proto: "selection_commission_id", json: "selectionCommissionId", label: "checks.selectionCommissionId" },
    ],
    call: (r) => api.checkHire(r),
  },
  {
    rpc: "CheckTender",
    title: "checks.tender",
    help: "checks.tenderHelp",
    fields: [{ proto: "tender_id", json: "tenderId", label: "checks.tenderId", required: true }],
    call: (r) => api.checkTender(r),
  },
  {
    rpc: "CheckBidder",
    title: "checks.bidder",
    help: "checks.bidderHelp",
    fields: [
      { proto: "tender_id", json: "tenderId", label: "checks.tenderId", required: true },
      { proto: "supplier_bin", json: "supplierBin", label: "checks.supplierBin", required: true },
      { proto: "date", json: "date", label: "checks.dateOptional", date: true },
    ],
    call: (r) => api.checkBidder(r),
  },
  {
    rpc: "CheckAllocation",
    title: "checks.allocation",
    help: "checks.allocationHelp",
    fields: [
      { proto: "commission_id", json: "commissionId", label: "checks.commissionId", required: true },
      { proto: "recipient_iin", json: "recipientIin", label: "checks.recipientIin", required: true },
      { proto: "date", json: "date", label: "checks.date", required: true, date: true },
      { proto: "approved_by_iin", json: "approvedByIin", label: "checks.approvedByIin" },
    ],
    call: (r) => api.checkAllocation(r),
  },
];

function verdictBanner(v: Verdict): HTMLElement {
  const conflict = v === Verdict.CONFLICT;
  return h(
    "div",
    { class: "verdict " + (conflict ? "conflict" : "clear"), testid: "check-verdict", "data-verdict": Verdict[v] },
    conflict ? t("checks.conflict") : v === Verdict.CLEAR ? t("checks.clear") : Verdict[v],
  );
}

function checkForm(def: CheckDef): HTMLElement {
  const prefix = "check-" + def.rpc.replace("Check", "").toLowerCase();
  const controls = new Map<string, HTMLInputElement>();
  const rows = def.fields.map((fd) => {
    const c = input(fd.json, fd.date && fd.required ? today() : "", {
      testid: prefix + "-" + fd.proto,
      type: fd.date ? "date" : "text",
      required: fd.required,
    });
    controls.set(fd.proto, c);
    return field(t(fd.label) + (fd.required ? " *" : ""), c, prefix + "-" + fd.proto);
  });
  const purposeIn = input("purpose", purpose(), { testid: prefix + "-purpose", required: true });
  controls.set("purpose", purposeIn);
  rows.push(field(t("checks.purpose") + " *", purposeIn, prefix + "-purpose"));
  const result = h("div", { class: "check-result", testid: prefix + "-result" });
  const formError = h("div", { class: "error-text", testid: prefix + "-error" });
  const button = h("button", { type: "submit", class: "primary", testid: prefix + "-submit" }, t("checks.run"));
  const form = h(
    "form",
    {
      class: "card check-form",
      testid: prefix + "-form",
      novalidate: true,
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          clearError();
          formError.textContent = "";
          form.querySelectorAll<HTMLElement>(".field-error").forEach((e) => (e.textContent = ""));
          form.querySelectorAll(".invalid").forEach((e) => e.classList.remove("invalid"));
          const req: Record<string, string> = {};
          for (const fd of def.fields) req[fd.json] = controls.get(fd.proto)!.value.trim();
          req.purpose = purposeIn.value.trim();
          button.disabled = true;
          fill(result, h("p", { class: "muted" }, t("app.loading")));
          try {
            const resp = await def.call(req);
            fill(result, ...renderAnswer(resp));
          } catch (e) {
            fill(result);
            const fv = fieldViolations(e);
            let placed = 0;
            for (const [name, desc] of fv) {
              const proto = name.replace(/([A-Z])/g, "_$1").toLowerCase();
              const slot = form.querySelector<HTMLElement>('.field-error[data-field="' + CSS.escape(prefix + "-" + proto) + '"]');
              if (slot) {
                slot.textContent = desc;
                controls.get(proto)?.classList.add("invalid");
                placed++;
              }
            }
            formError.textContent = (e as Error).message ? String((e as { rawMessage?: string }).rawMessage ?? (e as Error).message) : String(e);
            if (placed === 0) showError(e);
          } finally {
            button.disabled = false;
          }
        },
      },
    },
    h("h2", null, t(def.title)),
    h("p", { class: "muted small" }, t(def.help)),
    h("div", { class: "form-grid" }, rows),
    h("div", { class: "actions" }, button),
    formError,
  );
  return h("section", { class: "check-block" }, form, result);
}

function renderAnswer(resp: CheckHireResponse | CheckResponse): HTMLElement[] {
  const out: HTMLElement[] = [verdictBanner(resp.verdict)];
  out.push(h("p", { class: "muted small" }, t("checks.snapshot", String(resp.snapshotVersion))));
  if ("conflicts" in resp) {
    for (const c of resp.conflicts) {
      const extra = [
        kv(t("checks.position"), [c.positionId, c.positionTitle ? " — " + c.positionTitle : ""]),
      ];
      if (c.finding) out.push(findingCard(c.finding, extra));
      else
        out.push(
          h("div", { class: "card finding", testid: "finding-card", "data-rule": c.rule }, h("strong", null, c.rule), " ", severityBadge(c.severity), h("dl", { class: "kvs" }, extra, kv(t("case.caseId"), c.caseId))),
        );
    }
  } else {
    for (const f of resp.findings) out.push(findingCard(f));
  }
  return out;
}

export function renderChecks(main: HTMLElement, _route: Route): void {
  const allowed = CHECKS.filter((c) => may(c.rpc));
  fill(main, h("h1", null, t("nav.checks")), h("div", { class: "checks" }, allowed.map(checkForm)));
}
