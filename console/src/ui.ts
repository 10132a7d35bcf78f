// Shared pieces of the pages: the error banner, labels of enums, the finding card.

import { errorMessage } from "./api";
import { h, type Child, fill } from "./dom";
import { CaseStatus } from "./gen/coigraph/v1/case_pb";
import { Severity, type Finding, type PathVertex } from "./gen/coigraph/v1/finding_pb";
import { GraphModel, renderGraph } from "./graph";
import { currentLang, t, tOr } from "./i18n";

export const RULES = [
  "HIRE_SUBORDINATION",
  "HIRE_CHAIN",
  "HIRE_APPOINTER",
  "HIRE_COMMISSION",
  "TENDER_COMMISSION",
  "TENDER_SIGNATORY",
  "TENDER_AFFILIATED_BIDDERS",
  "TENDER_BLACKLIST_SUCCESSOR",
  "LAND_COMMISSION",
  "HOUSING_COMMISSION",
  "LAND_QUEUE_JUMP",
  "HOUSING_QUEUE_JUMP",
  "DISCIPLINARY_INTERESTED",
  "BONUS_RELATIVE",
  "COMMISSION_OTHER",
];

export const SPHERES = ["hiring", "procurement", "land", "housing", "disciplinary", "bonus", "other"];

export const STATUSES: CaseStatus[] = [
  CaseStatus.NEW,
  CaseStatus.IN_REVIEW,
  CaseStatus.CONFIRMED,
  CaseStatus.DISMISSED,
  CaseStatus.RESOLVED,
];

export const SEVERITIES: Severity[] = [Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW];

/** "CASE_STATUS_NEW" (the JSON name) of a status. */
export function statusName(s: CaseStatus): string {
  return "CASE_STATUS_" + (CaseStatus[s] ?? "UNSPECIFIED");
}

export function statusFromName(n: string): CaseStatus | undefined {
  const k = n.replace(/^CASE_STATUS_/, "") as keyof typeof CaseStatus;
  const v = CaseStatus[k];
  return typeof v === "number" && v !== 0 ? v : undefined;
}

export function severityFromName(n: string): Severity | undefined {
  const k = n.replace(/^SEVERITY_/, "") as keyof typeof Severity;
  const v = Severity[k];
  return typeof v === "number" && v !== 0 ? v : undefined;
}

export function statusLabel(s: CaseStatus): string {
  return tOr("status." + (CaseStatus[s] ?? "UNSPECIFIED"), CaseStatus[s] ?? String(s));
}

export function severityLabel(s: Severity): string {
  return tOr("severity." + (Severity[s] ?? "UNSPECIFIED"), Severity[s] ?? String(s));
}

export function severityBadge(s: Severity): HTMLElement {
  const name = (Severity[s] ?? "UNSPECIFIED").toLowerCase();
  return h("span", { class: "badge sev-" + name, "data-severity": Severity[s] }, severityLabel(s));
}

export function statusBadge(s: CaseStatus): HTMLElement {
  const name = (CaseStatus[s] ?? "UNSPECIFIED").toLowerCase();
  return h("span", { class: "badge st-" + name, "data-status": CaseStatus[s] }, statusLabel(s));
}

export function ruleLabel(rule: string): string {
  return tOr("rule." + rule, rule);
}

export function sphereLabel(sphere: string): string {
  return tOr("sphere." + sphere, sphere);
}

/** "spouse.sibling>founder" read out in the UI language. */
export function relationText(rel: string): string {
  if (!rel) return "";
  return rel
    .split(/([.<>])/)
    .map((p) => (p === "." ? " · " : p === ">" ? " › " : p === "<" ? " ‹ " : tOr("rel." + p, p)))
    .join("");
}

export function relationCell(rel: string, compact = false): HTMLElement {
  if (!rel) return h("span", { class: "muted" }, "—");
  return h("span", { class: "relation", title: rel, "data-relation": rel }, relationText(rel), compact ? null : h("span", { class: "code" }, " " + rel));
}

/** The rule's legal basis in the UI language (ru when the language's citation is empty). */
export function legalBasis(f: Finding): string {
  const lang = currentLang();
  const line = lang === "kk" ? f.legalBasisKk : lang === "en" ? f.legalBasisEn : f.legalBasis;
  return line || f.legalBasis;
}

/** What the finding rests on: registry facts, or a commission seat matched by name (with the
 * name as the source gave it and the score; the name is empty for a pseudonymised caller). */
export function evidence(f: Finding): Child[] {
  if (f.evidence !== "name_matched") return [t("evidence.registry")];
  const score = f.matchScore.toFixed(2);
  return [
    h("span", { class: "badge evidence-name" }, t("evidence.nameMatched")),
    " ",
    f.matchedName ? "«" + f.matchedName + "» · " : "",
    t("evidence.score", score),
  ];
}

/** The finding's explanation in the UI language (ru when the language's line is empty). */
export function explanation(f: Finding): string {
  const lang = currentLang();
  const line = lang === "kk" ? f.explanationKk : lang === "en" ? f.explanationEn : f.explanationRu;
  return line || f.explanationRu || f.explanationEn;
}

/** The path vertex of `id`, if the path has it. */
export function vertexOf(f: Finding | undefined, id: string): PathVertex | undefined {
  return f?.path?.vertices.find((v) => v.id === id);
}

/** "Name (IIN)" of the official or counterparty, as far as the finding tells. */
export function partyCell(f: Finding | undefined, id: string): HTMLElement {
  const v = vertexOf(f, id);
  return h(
    "span",
    { class: "party" },
    v?.name ? h("span", { class: "name" }, v.name) : null,
    id ? h("span", { class: "code" }, id) : h("span", { class: "muted" }, "—"),
  );
}

// ---- the error banner -------------------------------------------------------------------

let banner: HTMLElement | null = null;

export function setBanner(el: HTMLElement): void {
  banner = el;
}

export function showError(e: unknown): void {
  if (!banner) return;
  fill(banner, h("span", null, errorMessage(e)));
  banner.hidden = false;
}

export function showErrorText(msg: string): void {
  if (!banner) return;
  fill(banner, h("span", null, msg));
  banner.hidden = false;
}

export function clearError(): void {
  if (!banner) return;
  fill(banner);
  banner.hidden = true;
}

// ---- a finding as a card ----------------------------------------------------------------

export function kv(label: string, value: Child | Child[], testid?: string): HTMLElement {
  return h("div", { class: "kv" }, h("dt", null, label), h("dd", { testid }, value as Child));
}

export function findingCard(f: Finding, extra: Child[] = []): HTMLElement {
  const graphBox = h("div", { class: "graph small", testid: "finding-graph" });
  const card = h(
    "div",
    { class: "card finding", testid: "finding-card", "data-rule": f.rule, "data-case-id": f.caseId },
    h(
      "div",
      { class: "card-head" },
      h("strong", { class: "rule" }, f.rule),
      " ",
      h("span", { class: "muted" }, ruleLabel(f.rule)),
      " ",
      severityBadge(f.severity),
    ),
    h(
      "dl",
      { class: "kvs" },
      extra,
      kv(t("case.object"), f.objectId),
      kv(t("case.date"), f.date),
      f.redacted
        ? kv(t("case.redacted"), t("case.redactedText"))
        : [
            kv(t("case.official"), partyCell(f, f.official)),
            kv(t("case.counterparty"), partyCell(f, f.counterparty)),
            kv(t("case.relation"), relationCell(f.relation)),
            kv(t("case.explanation"), explanation(f)),
          ],
      f.legalBasis ? kv(t("case.legalBasis"), legalBasis(f)) : null,
      f.caseId ? kv(t("case.caseId"), h("a", { href: "#/case/" + f.caseId }, f.caseId)) : null,
    ),
    f.path && f.path.vertices.length > 0 ? graphBox : null,
  );
  if (f.path && f.path.vertices.length > 0) {
    const m = new GraphModel(f.official, f.counterparty);
    m.addPath(f.path);
    // Drawn once the card is in the document (cytoscape needs the box's size).
    requestAnimationFrame(() => renderGraph(graphBox, m, { small: true }));
  }
  return card;
}
