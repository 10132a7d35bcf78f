// Explore (analysts): FindPaths between two IINs/BINs, Neighborhood of a seed, expand a
// vertex on double-click, export what is on screen.

import type cytoscape from "cytoscape";
import { api, exportUrl, fieldViolations, may, purpose } from "../api";
import { field, h, input, today, fill } from "../dom";
import { GraphModel, pngBlob, renderGraph } from "../graph";
import { downloadBlob } from "../dom";
import { t } from "../i18n";
import type { Route } from "../main";
import { clearError, showError } from "../ui";

let model = new GraphModel();
let lastDate = today();

export function renderExplore(main: HTMLElement, _route: Route): void {
  window.__coigraphCy = undefined;
  const graphBox = h("div", { class: "graph big", testid: "explore-graph" });
  const info = h("p", { class: "muted small", testid: "explore-info" });
  let cy: cytoscape.Core | undefined;

  function draw(): void {
    if (model.nodes.size === 0) {
      fill(graphBox, h("p", { class: "muted" }, t("explore.empty")));
      cy = undefined;
      return;
    }
    cy = renderGraph(graphBox, model);
    window.__coigraphCy = cy;
    cy.on("dbltap", "node", (ev) => void expand(ev.target.id() as string));
    info.textContent = t("explore.onScreen", model.nodes.size, model.edges.size);
    updateExport();
  }

  async function expand(id: string): Promise<void> {
    if (!may("Neighborhood")) return;
    clearError();
    try {
      const r = await api.neighborhood({ seed: id, radius: 1, date: lastDate, relations: nRel.value.trim() });
      model.addNeighborhood(r);
      draw();
    } catch (e) {
      showError(e);
    }
  }

  function markErrors(form: HTMLElement, prefix: string, e: unknown): void {
    const fv = fieldViolations(e);
    for (const [name, desc] of fv) {
      const proto = name.replace(/([A-Z])/g, "_$1").toLowerCase();
      const slot = form.querySelector<HTMLElement>('.field-error[data-field="' + CSS.escape(prefix + "-" + proto) + '"]');
      if (slot) slot.textContent = desc;
    }
    showError(e);
  }

  function resetErrors(form: HTMLElement): void {
    clearError();
    form.querySelectorAll<HTMLElement>(".field-error").forEach((e) => (e.textContent = ""));
  }

  // ---- FindPaths ----
  const pFrom = input("from", "", { testid: "paths-from", placeholder: "IIN / BIN", required: true });
  const pTo = input("to", "", { testid: "paths-to", placeholder: "IIN / BIN", required: true });
  const pDate = input("date", lastDate, { type: "date", testid: "paths-date" });
  const pRel = input("relations", "", { testid: "paths-relations", placeholder: "kinship, business, spouse,sibling,founder" });
  const pHops = input("max_hops", "4", { type: "number", min: 1, max: 12, testid: "paths-max-hops" });
  const pK = input("k", "3", { type: "number", min: 1, max: 50, testid: "paths-k" });
  const pKeep = h("input", { type: "checkbox", testid: "paths-keep" });
  const pathsForm: HTMLFormElement = h(
    "form",
    {
      class: "card",
      testid: "paths-form",
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          resetErrors(pathsForm);
          lastDate = pDate.value;
          try {
            const r = await api.findPaths({
              from: pFrom.value.trim(),
              to: pTo.value.trim(),
              date: pDate.value,
              relations: pRel.value.trim(),
              maxHops: Number(pHops.value) || 0,
              k: Number(pK.value) || 0,
            });
            if (!pKeep.checked) model = new GraphModel(pFrom.value.trim(), pTo.value.trim());
            r.paths.forEach((p) => model.addPath(p));
            draw();
            if (r.paths.length === 0) info.textContent = t("explore.noPaths");
            else info.textContent = t("explore.pathsFound", r.paths.length) + " · " + info.textContent;
          } catch (e) {
            markErrors(pathsForm, "paths", e);
          }
        },
      },
    },
    h("h2", null, t("explore.paths")),
    h(
      "div",
      { class: "form-grid" },
      field(t("explore.from"), pFrom, "paths-from"),
      field(t("explore.to"), pTo, "paths-to"),
      field(t("explore.date"), pDate, "paths-date"),
      field(t("explore.relations"), pRel, "paths-relations"),
      field(t("explore.maxHops"), pHops, "paths-max_hops"),
      field(t("explore.k"), pK, "paths-k"),
    ),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", testid: "paths-submit" }, t("explore.find")), h("label", { class: "check" }, pKeep, t("explore.keep"))),
  );

  // ---- Neighborhood ----
  const nSeed = input("seed", "", { testid: "nb-seed", placeholder: "IIN / BIN", required: true });
  const nRadius = input("radius", "1", { type: "number", min: 1, max: 4, testid: "nb-radius" });
  const nDate = input("date", lastDate, { type: "date", testid: "nb-date" });
  const nRel = input("relations", "", { testid: "nb-relations" });
  const nKeep = h("input", { type: "checkbox", testid: "nb-keep" });
  const nbForm: HTMLFormElement = h(
    "form",
    {
      class: "card",
      testid: "nb-form",
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          resetErrors(nbForm);
          lastDate = nDate.value;
          try {
            const r = await api.neighborhood({
              seed: nSeed.value.trim(),
              radius: Number(nRadius.value) || 0,
              date: nDate.value,
              relations: nRel.value.trim(),
            });
            if (!nKeep.checked) model = new GraphModel("", "", [nSeed.value.trim()]);
            else model.seeds.push(nSeed.value.trim());
            model.addNeighborhood(r);
            draw();
          } catch (e) {
            markErrors(nbForm, "nb", e);
          }
        },
      },
    },
    h("h2", null, t("explore.neighborhood")),
    h(
      "div",
      { class: "form-grid" },
      field(t("explore.seed"), nSeed, "nb-seed"),
      field(t("explore.radius"), nRadius, "nb-radius"),
      field(t("explore.date"), nDate, "nb-date"),
      field(t("explore.relations"), nRel, "nb-relations"),
    ),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", testid: "nb-submit" }, t("explore.show")), h("label", { class: "check" }, nKeep, t("explore.keep"))),
  );

  // ---- export of what is on screen ----
  const fmt = h(
    "select",
    { testid: "explore-export-format", on: { change: () => updateExport() } },
    [
      ["graphml", "GraphML"],
      ["gexf", "GEXF"],
      ["dot", "DOT"],
      ["cytoscape", "Cytoscape JSON"],
      ["neo4j|nodes_person.csv", "Neo4j nodes_person.csv"],
      ["neo4j|nodes_organization.csv", "Neo4j nodes_organization.csv"],
      ["neo4j|relationships.csv", "Neo4j relationships.csv"],
      ["ftm", "FollowTheMoney (Aleph)"],
    ].map(([v, l]) => h("option", { value: v }, l)),
  );
  const exportLink = h("a", { class: "button", testid: "explore-export", download: "" }, t("explore.export"));
  function updateExport(): void {
    const ids = [...model.nodes.keys()];
    const [format, file] = fmt.value.split("|");
    if (ids.length === 0) {
      exportLink.removeAttribute("href");
      return;
    }
    exportLink.href = exportUrl({ format: format!, file: file ?? "", seeds: ids.join(","), date: lastDate, purpose: purpose() });
  }
  const toolbar = h(
    "div",
    { class: "toolbar no-print" },
    may("ExportSubgraph") ? [fmt, exportLink] : null,
    h("button", { type: "button", testid: "explore-png", on: { click: () => cy && downloadBlob(pngBlob(cy), "coigraph.png") } }, "PNG"),
    h("button", { type: "button", testid: "explore-clear", on: { click: () => { model = new GraphModel(); draw(); info.textContent = ""; } } }, t("explore.clear")),
    h("span", { class: "muted small" }, t("explore.hint")),
  );

  fill(main, 
    h("h1", null, t("nav.explore")),
    h("div", { class: "explore-forms" }, may("FindPaths") ? pathsForm : null, may("Neighborhood") ? nbForm : null),
    toolbar,
    info,
    graphBox,
    h("p", { class: "legend muted small" }, t("graph.legend")),
  );
  requestAnimationFrame(draw);
}
