// The tie pictures: a small graph model merged from paths and neighbourhoods, drawn with
// cytoscape. Persons are round, organizations square; the official and the counterparty are
// highlighted; the edges of the finding's path are thick; derived sibling ties are dashed.

import cytoscape from "cytoscape";
import type { NeighborhoodResponse } from "./gen/coigraph/v1/coigraph_pb";
import { VertexKind, type Path, type PathEdge, type PathVertex } from "./gen/coigraph/v1/finding_pb";
import { t, tOr } from "./i18n";
import { fill } from "./dom";

export interface GNode {
  id: string;
  name: string;
  kind: "person" | "org";
  mark: "" | "official" | "counterparty" | "seed";
  onPath: boolean;
}

export interface GEdge {
  key: string;
  from: string;
  to: string;
  type: string;
  sharePct?: number;
  derived: boolean;
  onPath: boolean;
  validity: string;
}

/** "2019-05-01 – …": the validity of the fact behind an edge (empty ends are open). */
export function edgeValidity(edge: PathEdge): string {
  if (!edge.validFrom && !edge.validTo) return "";
  return (edge.validFrom || "…") + " – " + (edge.validTo || "…");
}

/** The same tie read in either direction gives the same key. */
function tieKey(from: string, to: string, type: string): string {
  if (type.startsWith("held_by_")) return to + "|" + from + "|" + type.slice(8);
  if (type === "parent") return to + "|" + from + "|child";
  if (type === "spouse" || type === "sibling") {
    return (from < to ? from + "|" + to : to + "|" + from) + "|" + type;
  }
  return from + "|" + to + "|" + type;
}

export class GraphModel {
  nodes = new Map<string, GNode>();
  edges = new Map<string, GEdge>();

  constructor(
    readonly official = "",
    readonly counterparty = "",
    readonly seeds: string[] = [],
  ) {}

  addVertex(v: PathVertex, onPath = false): void {
    const old = this.nodes.get(v.id);
    if (old) {
      old.onPath = old.onPath || onPath;
      if (!old.name && v.name) old.name = v.name;
      return;
    }
    this.nodes.set(v.id, {
      id: v.id,
      name: v.name,
      kind: v.kind === VertexKind.ORGANIZATION ? "org" : "person",
      mark:
        v.id === this.official
          ? "official"
          : v.id === this.counterparty
            ? "counterparty"
            : this.seeds.includes(v.id)
              ? "seed"
              : "",
      onPath,
    });
  }

  addEdge(from: string, to: string, e: PathEdge, onPath = false): void {
    if (from === to) return;
    const key = tieKey(from, to, e.type);
    const old = this.edges.get(key);
    if (old) {
      old.onPath = old.onPath || onPath;
      return;
    }
    this.edges.set(key, {
      key,
      from,
      to,
      type: e.type,
      sharePct: e.sharePct,
      derived: e.derived,
      onPath,
      validity: edgeValidity(e),
    });
  }

  addPath(p: Path | undefined, onPath = true): void {
    if (!p) return;
    p.vertices.forEach((v) => this.addVertex(v, onPath));
    p.edges.forEach((e, i) => {
      const a = p.vertices[i];
      const b = p.vertices[i + 1];
      if (a && b) this.addEdge(a.id, b.id, e, onPath);
    });
  }

  addNeighborhood(r: NeighborhoodResponse): void {
    r.vertices.forEach((v) => this.addVertex(v));
    for (const ne of r.edges) {
      const a = r.vertices[ne.from];
      const b = r.vertices[ne.to];
      if (a && b && ne.edge) this.addEdge(a.id, b.id, ne.edge);
    }
  }

  pathEdges(): GEdge[] {
    return [...this.edges.values()].filter((e) => e.onPath);
  }
}

export function edgeLabel(e: GEdge): string {
  let s = tOr("rel." + e.type, e.type);
  if (e.derived) s += " (" + t("graph.derived") + ")";
  if (e.sharePct !== undefined) s += " " + e.sharePct + "%";
  if (e.validity) s += "\n" + e.validity;
  return s;
}

function nodeLabel(n: GNode): string {
  return (n.name ? n.name + "\n" : "") + n.id;
}

const STYLE: cytoscape.StylesheetStyle[] = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "text-wrap": "wrap",
      "text-max-width": "140px",
      "font-size": 10,
      "text-valign": "bottom",
      "text-margin-y": 4,
      color: "#1d2433",
      "background-color": "#8aa4c8",
      width: 26,
      height: 26,
      "border-width": 1,
      "border-color": "#4a6285",
    },
  },
  { selector: "node.org", style: { shape: "round-rectangle", "background-color": "#d9c38a", "border-color": "#8a7135", width: 34, height: 24 } },
  { selector: "node.onpath", style: { "border-width": 3 } },
  { selector: "node.official", style: { "background-color": "#c0392b", "border-color": "#7b1d12", width: 36, height: 36, "font-weight": "bold" } },
  { selector: "node.counterparty", style: { "background-color": "#e67e22", "border-color": "#8e4a0e", width: 36, height: 36, "font-weight": "bold" } },
  {
    selector: "edge",
    style: {
      label: "data(label)",
      "font-size": 9,
      "text-wrap": "wrap",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": "1px",
      "curve-style": "bezier",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.8,
      width: 1.2,
      "line-color": "#9aa5b5",
      "target-arrow-color": "#9aa5b5",
      color: "#4a5568",
    },
  },
  { selector: "edge.onpath", style: { width: 4, "line-color": "#c0392b", "target-arrow-color": "#c0392b", color: "#7b1d12", "font-weight": "bold" } },
  { selector: "edge.derived", style: { "line-style": "dashed" } },
  { selector: ":selected", style: { "overlay-opacity": 0.15 } },
];

export interface RenderOptions {
  /** Small pictures (check results) are not interactive beyond zoom. */
  small?: boolean;
}

/** Draws `m` into `container` (emptied first) and returns the cytoscape instance. */
export function renderGraph(container: HTMLElement, m: GraphModel, opts: RenderOptions = {}): cytoscape.Core {
  // Path vertices on a line, the others fanned out around the vertex that brought them.
  const positions = new Map<string, { x: number; y: number }>();
  const pathNodes = [...m.nodes.values()].filter((n) => n.onPath);
  // Order path nodes along the path edges, starting at the official.
  const order: string[] = [];
  const start = pathNodes.find((n) => n.mark === "official") ?? pathNodes[0];
  if (start) {
    const seen = new Set<string>([start.id]);
    order.push(start.id);
    let cur = start.id;
    for (;;) {
      const next = m.pathEdges().find((e) => (e.from === cur && !seen.has(e.to)) || (e.to === cur && !seen.has(e.from)));
      if (!next) break;
      cur = next.from === cur ? next.to : next.from;
      seen.add(cur);
      order.push(cur);
    }
    for (const n of pathNodes) if (!seen.has(n.id)) order.push(n.id);
  }
  const dx = opts.small ? 150 : 210;
  order.forEach((id, i) => positions.set(id, { x: i * dx, y: 0 }));
  // The others, breadth first from what is placed: around a path vertex on the upper and lower
  // half circles (the path runs horizontally), around any other vertex on an arc pointing away
  // from the vertex that brought it.
  const nbrs = new Map<string, string[]>();
  for (const e of m.edges.values()) {
    if (!nbrs.has(e.from)) nbrs.set(e.from, []);
    if (!nbrs.has(e.to)) nbrs.set(e.to, []);
    nbrs.get(e.from)!.push(e.to);
    nbrs.get(e.to)!.push(e.from);
  }
  const firstNode = [...m.nodes.keys()][0];
  if (positions.size === 0 && firstNode) positions.set(firstNode, { x: 0, y: 0 });
  const dir = new Map<string, number>();
  const queue = [...positions.keys()];
  const deg = Math.PI / 180;
  while (queue.length > 0) {
    const a = queue.shift()!;
    const base = positions.get(a)!;
    const todo = [...new Set(nbrs.get(a) ?? [])].filter((n) => !positions.has(n));
    if (todo.length === 0) continue;
    const k = todo.length;
    const angles: number[] = [];
    const d = dir.get(a);
    if (d === undefined) {
      const up = Math.ceil(k / 2);
      const down = k - up;
      for (let i = 0; i < up; i++) angles.push((200 + ((i + 1) * 140) / (up + 1)) * deg);
      for (let i = 0; i < down; i++) angles.push((20 + ((i + 1) * 140) / (down + 1)) * deg);
    } else {
      const spread = Math.min(150, 40 + 25 * k);
      for (let i = 0; i < k; i++) angles.push(d + ((-spread / 2 + ((i + 1) * spread) / (k + 1)) * deg));
    }
    const r = Math.min(420, 130 + 16 * k);
    todo.forEach((n, i) => {
      const ang = angles[i]!;
      positions.set(n, { x: base.x + r * Math.cos(ang), y: base.y + r * Math.sin(ang) });
      dir.set(n, ang);
      queue.push(n);
    });
  }
  // Anything not joined to the rest: a row underneath.
  let stray = 0;
  for (const id of m.nodes.keys()) {
    if (!positions.has(id)) positions.set(id, { x: stray++ * dx, y: 600 });
  }

  const elements: cytoscape.ElementDefinition[] = [];
  for (const n of m.nodes.values()) {
    const cls = [n.kind, n.mark, n.onPath ? "onpath" : ""].filter(Boolean).join(" ");
    elements.push({
      group: "nodes",
      data: { id: n.id, label: nodeLabel(n), name: n.name, kind: n.kind, mark: n.mark },
      classes: cls,
      position: positions.get(n.id),
    });
  }
  for (const e of m.edges.values()) {
    const cls = [e.onPath ? "onpath" : "", e.derived ? "derived" : ""].filter(Boolean).join(" ");
    elements.push({
      group: "edges",
      data: { id: "e:" + e.key, source: e.from, target: e.to, type: e.type, label: edgeLabel(e), onPath: e.onPath },
      classes: cls,
    });
  }

  fill(container);
  const cy = cytoscape({
    container,
    elements,
    style: STYLE,
    layout: { name: "preset", fit: true, padding: 30 },
    minZoom: 0.2,
    maxZoom: opts.small ? 1 : 1.5,
    wheelSensitivity: 0.3,
    userPanningEnabled: true,
    boxSelectionEnabled: false,
  });
  container.setAttribute("data-node-ids", cy.nodes().map((n) => n.id()).join(","));
  container.setAttribute(
    "data-path-edges",
    m.pathEdges().map((e) => e.from + ">" + e.to + ":" + e.type).join(","),
  );
  container.setAttribute("data-edge-count", String(cy.edges().length));
  return cy;
}

/** A PNG of the whole picture, white background. */
export function pngBlob(cy: cytoscape.Core): Blob {
  return cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
}

export function pngDataUrl(cy: cytoscape.Core): string {
  return cy.png({ output: "base64uri", full: true, scale: 1.5, bg: "#ffffff" });
}

declare global {
  interface Window {
    /** The main picture of the page (case or explore), for browser tests. */
    __coigraphCy?: cytoscape.Core;
  }
}
