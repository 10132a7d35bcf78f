// Browser test of the coigraph console: playwright-core driving Debian's /usr/bin/chromium.
//
// WHAT IT EXPECTS (whoever starts it, e.g. a ctest fixture, provides all of this):
//   * A running `coigraphd --http` serving the built console (console/dist: `cd console &&
//     npm ci && npm run build`) at COIGRAPH_URL, e.g. http://127.0.0.1:18080 (no trailing
//     slash needed), with:
//       - COIGRAPH_REGION=demo (the default): the demo feeds loaded, `--feeds examples/demo`
//         (the city of Kentau; the test works on the HIRE_APPOINTER case of post AKM-02, the
//         akim 700811301846 and his wife's brother 720518301212, searched as "zhumabayev");
//       - COIGRAPH_REGION=generated: a region of tools/generator loaded (`gen_region --out DIR
//         --persons 5000 --seed 5`, `--feeds DIR`); the test picks its case through the JSON
//         API and searches it by a person's name in Latin (case_setup.mjs);
//       - authentication on (`--tokens FILE`), with one token per role in FILE:
//           ethics_commissioner  <any name>  sha256(COIGRAPH_TOKEN_COMMISSIONER)
//           analyst              <any name>  sha256(COIGRAPH_TOKEN_ANALYST)
//           operator             <any name>  sha256(COIGRAPH_TOKEN_OPERATOR)
//           hr_system            <any name>  sha256(COIGRAPH_TOKEN_HR)
//       - any `--db` (a fresh one or one left by an earlier run: the test changes the status
//         and note of one case to values that differ from what it finds, so reruns pass).
//   * Environment: COIGRAPH_URL, COIGRAPH_TOKEN_COMMISSIONER, COIGRAPH_TOKEN_ANALYST,
//     COIGRAPH_TOKEN_OPERATOR, COIGRAPH_TOKEN_HR (all required; the test fails at once, naming
//     the missing one, without them). COIGRAPH_REGION (optional): demo or generated, above.
//     COIGRAPH_SCREENSHOTS (optional): a directory (created if missing) for PNG screenshots of
//     the main pages.
//     COIGRAPH_CHROMIUM (optional): the browser, default /usr/bin/chromium.
//   * `npm ci` run in tests/console (playwright-core only; it downloads no browser).
//
// Run:  cd tests/console && npm ci && node --test console_test.mjs
// Each test prints what it checks; one browser is shared, each role signs in in a fresh
// browser context (its own cookie jar and sessionStorage).

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { pickCase, pickHintCase } from "./case_setup.mjs";

const need = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`console_test: environment variable ${name} is not set (see the top of console_test.mjs)`);
  return v;
};

const URL_BASE = need("COIGRAPH_URL").replace(/\/+$/, "");
const TOKENS = {
  commissioner: need("COIGRAPH_TOKEN_COMMISSIONER"),
  analyst: need("COIGRAPH_TOKEN_ANALYST"),
  operator: need("COIGRAPH_TOKEN_OPERATOR"),
  hr: need("COIGRAPH_TOKEN_HR"),
};
const SHOTS = process.env.COIGRAPH_SCREENSHOTS || "";
const REGION = process.env.COIGRAPH_REGION || "demo";
if (REGION !== "demo" && REGION !== "generated") throw new Error("COIGRAPH_REGION: demo or generated, not " + REGION);
const DEMO = REGION === "demo";
const PURPOSE = "console test, order 12/2026";

const T = 30_000;
let browser;
// The case the tests work on (case_setup.mjs): on the demo the akim 700811301846 (Жұмабаев
// Мұрат Қайратұлы) and his wife's brother 720518301212 (Ахметов Бауыржан Серикович).
let CASE;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.COIGRAPH_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  CASE = await pickCase({ url: URL_BASE, token: TOKENS.commissioner, region: REGION });
  console.log(`the case: ${CASE.id} ${CASE.rule}, ${CASE.official} -> ${CASE.counterparty}, searched as "${CASE.search}" (${CASE.name})`);
});

after(async () => {
  await browser?.close();
});

/** A fresh context and page; collects console errors and CSP violations. */
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "ru-RU" });
  const page = await context.newPage();
  page.setDefaultTimeout(T);
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push("pageerror: " + e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) page.problems.push(m.text());
  });
  return page;
}

async function shot(page, name) {
  if (!SHOTS) return;
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, name + ".png"), fullPage: true });
}

/** Signs in with `token` and answers the purpose dialog; returns the page. */
async function signIn(token, { page, purpose = PURPOSE } = {}) {
  page = page || (await newPage());
  await page.goto(URL_BASE + "/");
  await page.getByTestId("signin-token").fill(token);
  await page.getByTestId("signin-button").click();
  await page.getByTestId("purpose-dialog").waitFor();
  await page.getByTestId("purpose-input").fill(purpose);
  await page.getByTestId("purpose-ok").click();
  await page.getByTestId("nav").waitFor();
  return page;
}

async function navLinks(page) {
  return (await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.dataset.testid))).sort();
}

/** A JSON API call from the page, with its session cookie; csrf: true adds the header. */
async function callFromPage(page, method, body, { csrf = true } = {}) {
  return page.evaluate(
    async ({ method, body, csrf }) => {
      const s = await (await fetch("/api/session", { credentials: "same-origin" })).json();
      const headers = { "Content-Type": "application/json" };
      if (csrf) headers["X-CSRF-Token"] = s.csrfToken;
      const r = await fetch("/coigraph.v1.Coigraph/" + method, {
        method: "POST",
        credentials: "same-origin",
        headers,
        body: JSON.stringify(body),
      });
      return { status: r.status, text: await r.text() };
    },
    { method, body, csrf },
  );
}

/** Waits until the case page's picture is drawn and returns what it holds. */
async function readGraph(page) {
  await page.waitForFunction(() => !!window.__coigraphCy && window.__coigraphCy.nodes().length > 0);
  return page.evaluate(() => {
    const cy = window.__coigraphCy;
    return {
      nodes: cy.nodes().map((n) => ({ id: n.id(), classes: n.classes() })),
      edges: cy.edges().map((e) => ({
        source: e.source().id(),
        target: e.target().id(),
        type: e.data("type"),
        onPath: !!e.data("onPath"),
        dashed: e.hasClass("derived"),
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------

test("the sign-in page refuses an hr_system token (403) and an unknown token (401)", { timeout: 60_000 }, async () => {
  const page = await newPage();
  await page.goto(URL_BASE + "/");
  await shot(page, "01-signin");
  const r = await page.evaluate(async (tok) => {
    const a = await fetch("/api/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: tok }) });
    const b = await fetch("/api/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: "no-such-token-" + Date.now() }) });
    return [a.status, b.status];
  }, TOKENS.hr);
  assert.deepEqual(r, [403, 401], "POST /api/session: hr_system token, unknown token");

  await page.getByTestId("signin-token").fill(TOKENS.hr);
  await page.getByTestId("signin-button").click();
  const err = page.getByTestId("signin-error");
  await err.waitFor({ state: "visible" });
  assert.notEqual((await err.textContent()).trim(), "", "the refusal's text is shown");
  assert.equal(await page.getByTestId("nav").count(), 0, "no navigation after a refused sign-in");

  await page.getByTestId("signin-token").fill("no-such-token");
  await page.getByTestId("signin-button").click();
  await page.waitForFunction(() => {
    const e = document.querySelector('[data-testid="signin-error"]');
    return e && !e.hidden && e.textContent.trim() !== "";
  });
  assert.equal(await page.getByTestId("nav").count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("each role sees the pages of its RPCs; the purpose is asked once per session", { timeout: 90_000 }, async () => {
  const expected = {
    commissioner: ["nav-audit", "nav-cases", "nav-checks", "nav-explore"],
    analyst: ["nav-cases", "nav-checks", "nav-explore"],
    operator: ["nav-operations"],
  };
  for (const [role, links] of Object.entries(expected)) {
    const page = await newPage();
    await page.goto(URL_BASE + "/");
    await page.getByTestId("signin-token").fill(TOKENS[role]);
    await page.getByTestId("signin-button").click();
    // The purpose is asked right after sign-in ...
    await page.getByTestId("purpose-dialog").waitFor();
    await shot(page, "02-purpose-" + role);
    await page.getByTestId("purpose-input").fill(PURPOSE + " (" + role + ")");
    await page.getByTestId("purpose-ok").click();
    await page.getByTestId("nav").waitFor();
    assert.deepEqual(await navLinks(page), links, role + ": nav links");
    assert.notEqual((await page.getByTestId("session-user").textContent()).trim(), "", role + ": name shown");
    // ... and not again in the same session (reload, other pages).
    await page.reload();
    await page.getByTestId("nav").waitFor();
    assert.equal(await page.getByTestId("purpose-dialog").count(), 0, role + ": purpose asked again after reload");
    assert.match(await page.getByTestId("purpose-current").textContent(), new RegExp(role));
    for (const l of links) {
      await page.getByTestId(l).click();
      await page.getByTestId("page-" + l.slice(4)).waitFor();
      assert.equal(await page.getByTestId("purpose-dialog").count(), 0, role + ": purpose asked again on " + l);
    }
    // Sign-out ends the session.
    await page.getByTestId("signout-button").click();
    await page.getByTestId("signin-token").waitFor();
    const s = await page.evaluate(async () => (await fetch("/api/session")).status);
    assert.equal(s, 401, role + ": GET /api/session after sign-out");
    assert.deepEqual(page.problems, [], role + ": page errors / CSP violations");
    await page.context().close();
  }
});

/** Types `text` into the cases page's search box and waits for the rows it finds. */
async function searchCases(page, text) {
  await page.getByTestId("search-box").fill("");
  await page.getByTestId("search-box").pressSequentially(text);
  await page.getByTestId("search-box").press("Enter");
  await page.waitForFunction((q) => new URLSearchParams(location.hash.split("?")[1] || "").get("q") === q, text);
  await page.getByTestId("case-row").first().waitFor();
}

test("cases: filters, a Latin-spelled Kazakh name, filters kept across reload, server errors shown", { timeout: 90_000 }, async () => {
  const page = await signIn(TOKENS.commissioner);
  await page.getByTestId("nav-cases").click();
  await page.getByTestId("cases-table").waitFor();
  await shot(page, "03-cases");
  const total = Number(await page.getByTestId("cases-total").getAttribute("data-total"));
  assert.ok(total >= (DEMO ? 30 : 1), "cases in the list: " + total + (DEMO ? " (the demo region has 35 findings)" : ""));
  assert.ok((await page.getByTestId("status-chip-NEW").count()) === 1, "status chips");

  // A rule filter: the demo's TENDER_COMMISSION, the case's rule on a generated region.
  const rule = DEMO ? "TENDER_COMMISSION" : CASE.rule;
  await page.getByTestId("filter-rule").fill(rule);
  await page.getByTestId("filter-apply").click();
  await page.waitForFunction((r) => location.hash.includes("rule=" + r), rule);
  await page.waitForFunction(
    (r) => [...document.querySelectorAll('[data-testid="case-row"]')].every((row) => row.children[1].textContent === r),
    rule,
  );
  const n = await page.getByTestId("case-row").count();
  assert.ok(n >= 1 && n <= total, rule + " rows: " + n);
  if (DEMO) assert.ok(n < total, rule + " rows: " + n);

  // Reset, then the name search: a person's name as the server stores it (Cyrillic), typed in
  // lower-case Latin ("zhumabayev" for Жұмабаев on the demo).
  await page.getByTestId("filter-reset").click();
  await searchCases(page, CASE.search);
  await page.locator(`[data-testid="case-row"][data-case-id="${CASE.id}"]`).waitFor();
  if (DEMO) {
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="case-row"]')].every((r) => /Жұмабаев|Жумабаев/.test(r.textContent + r.title)),
    );
  }
  const found = await page.getByTestId("case-row").count();
  assert.ok(found >= (DEMO ? 3 : 1) && found < total, `cases found by "${CASE.search}" (${CASE.name}): ${found} of ${total}`);
  await shot(page, "04-cases-search");

  // Reload keeps the search.
  await page.reload();
  await page.getByTestId("cases-table").waitFor();
  assert.equal(await page.getByTestId("search-box").inputValue(), CASE.search);
  await page.locator(`[data-testid="case-row"][data-case-id="${CASE.id}"]`).waitFor();
  assert.equal(await page.getByTestId("case-row").count(), found);

  // A status filter together with the search (multi-select).
  await page.getByTestId("filter-status-NEW").check();
  await page.waitForFunction(() => location.hash.includes("status=NEW"));

  // A refused request (an impossible date in the fragment): the server's error is shown, not an
  // empty list.
  await page.goto(URL_BASE + "/#/cases?from=2020-13-45");
  await page.reload();
  const banner = page.getByTestId("error-banner");
  await banner.waitFor({ state: "visible" });
  assert.match(await banner.textContent(), /invalid_argument/);
  assert.match(await banner.textContent(), /date_from/);
  assert.equal(await page.getByTestId("case-row").count(), 0);
  // An unknown rule: refused the same way, and the rule field is marked.
  await page.goto(URL_BASE + "/#/cases?rule=NO_SUCH_RULE");
  await page.reload();
  await banner.waitFor({ state: "visible" });
  assert.match(await banner.textContent(), /invalid_argument.*NO_SUCH_RULE/);
  await page.locator('[data-testid="filter-rule"].invalid').waitFor();
  assert.equal(await page.getByTestId("case-row").count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a case: the fields, the path as a graph, status and note saved, history and who looked", { timeout: 120_000 }, async (t) => {
  const page = await signIn(TOKENS.commissioner);
  // Found the way a person finds it: the rule filter and the name typed in Latin.
  await page.goto(URL_BASE + "/#/cases?rule=" + CASE.rule);
  await page.getByTestId("cases-table").waitFor();
  await searchCases(page, CASE.search);
  await page.waitForFunction(
    (r) => [...document.querySelectorAll('[data-testid="case-row"]')].every((row) => row.children[1].textContent === r),
    CASE.rule,
  );
  const row = page.locator(`[data-testid="case-row"][data-case-id="${CASE.id}"]`);
  await row.getByTestId("case-link").click();
  await page.getByTestId("case-id").waitFor();
  assert.equal((await page.getByTestId("case-id").textContent()).trim(), CASE.id);
  assert.match(await page.getByTestId("case-official").textContent(), new RegExp(CASE.official));
  assert.match(await page.getByTestId("case-counterparty").textContent(), new RegExp(CASE.counterparty));
  assert.ok((await page.getByTestId("case-relation").textContent()).includes(CASE.relation), "relation " + CASE.relation);
  if (DEMO) assert.match(await page.getByTestId("case-relation").textContent(), /spouse\.sibling/);
  assert.ok((await page.getByTestId("case-object").textContent()).includes(CASE.objectId));
  assert.equal((await page.getByTestId("case-date").textContent()).trim(), CASE.date);
  assert.ok((await page.locator("[data-testid=case-official], [data-testid=case-counterparty]").allTextContents()).join(" ").includes(CASE.name), "the name searched for is shown: " + CASE.name);
  assert.notEqual((await page.getByTestId("case-explanation").textContent()).trim(), "");
  if ((await page.getByTestId("case-legal-basis").textContent()).trim() === "") {
    t.diagnostic("the server sent no finding.legalBasis for " + CASE.id);
  }

  // The picture: official and counterparty marked, every edge of the finding's path drawn as a
  // path edge (on the demo: spouse, then the derived sibling), the ties around merged in.
  const g = await readGraph(page);
  const ids = g.nodes.map((x) => x.id);
  for (const v of CASE.path.vertices) assert.ok(ids.includes(v.id), "path vertex " + v.id + " drawn: " + ids);
  assert.ok(g.nodes.find((x) => x.id === CASE.official).classes.includes("official"));
  assert.ok(g.nodes.find((x) => x.id === CASE.counterparty).classes.includes("counterparty"));
  const pathEdges = g.edges.filter((e) => e.onPath);
  assert.equal(pathEdges.length, CASE.path.edges.length, "path edges: " + JSON.stringify(pathEdges));
  CASE.path.edges.forEach((e, i) => {
    const [a, b] = [CASE.path.vertices[i].id, CASE.path.vertices[i + 1].id];
    const drawn = pathEdges.find((x) => x.type === e.type && ((x.source === a && x.target === b) || (x.source === b && x.target === a)));
    assert.ok(drawn, `path edge ${a} -${e.type}-> ${b} drawn: ` + JSON.stringify(pathEdges));
    assert.equal(drawn.dashed, !!e.derived, `path edge ${a} -${e.type}-> ${b}: dashed when derived`);
  });
  if (DEMO) {
    assert.ok(pathEdges.some((e) => e.type === "spouse" && (e.source === CASE.official || e.target === CASE.official)));
    assert.ok(pathEdges.some((e) => e.type === "sibling" && (e.source === CASE.counterparty || e.target === CASE.counterparty)));
  }
  if (CASE.expand) assert.ok(g.edges.length > pathEdges.length, "surrounding ties from Neighborhood merged in");
  await shot(page, "05-case");

  // Change status and note to values different from the current ones.
  const select = page.getByTestId("case-status-select");
  const before = await select.inputValue();
  const newStatus = before === "IN_REVIEW" ? "CONFIRMED" : "IN_REVIEW";
  const note = "проверено: test note " + Date.now();
  await select.selectOption(newStatus);
  await page.getByTestId("case-note").fill(note);
  await page.getByTestId("case-save").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="case-save-result"]').textContent.trim() !== "");
  assert.equal(await page.getByTestId("error-banner").isVisible(), false, "no error after save");

  await page.reload();
  await page.getByTestId("case-id").waitFor();
  assert.equal(await page.getByTestId("case-status-select").inputValue(), newStatus, "status kept after reload");
  assert.equal(await page.getByTestId("case-note").inputValue(), note, "note kept after reload");
  const history = await page.getByTestId("case-history").textContent();
  assert.ok(history.includes(note), "history shows the note");
  assert.ok((await page.locator('[data-testid="case-history-item"][data-field="status"]').count()) >= 1, "history shows a status change");
  // Who looked: this session's GetCase with its purpose.
  await page.locator('[data-testid="who-looked-item"][data-rpc="GetCase"]').first().waitFor();
  const who = await page.getByTestId("case-who-looked").textContent();
  assert.ok(who.includes(PURPOSE), "who looked lists the visit with its purpose");

  // Export links carry the case and the purpose.
  const href = await page.getByTestId("export-graphml").getAttribute("href");
  assert.match(href, new RegExp("case_id=" + CASE.id));
  const exp = await page.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, cd: r.headers.get("content-disposition") || "" };
  }, href);
  assert.equal(exp.status, 200, "GraphML export");
  assert.match(exp.cd, /attachment/);
  // The FollowTheMoney download: JSON lines of entities, each a schema and its properties.
  const ftmHref = await page.getByTestId("export-ftm").getAttribute("href");
  assert.match(ftmHref, /format=ftm/);
  const ftm = await page.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, type: r.headers.get("content-type") || "", cd: r.headers.get("content-disposition") || "", text: await r.text() };
  }, ftmHref);
  assert.equal(ftm.status, 200, "FollowTheMoney export");
  assert.match(ftm.type, /ndjson/);
  assert.match(ftm.cd, /subgraph\.ftm\.json/);
  const entities = ftm.text.trim().split("\n").map((l) => JSON.parse(l));
  assert.ok(entities.some((e) => e.schema === "Person"), "persons exported");
  for (const e of entities) assert.ok(e.id && e.schema && e.properties, "an FtM entity: " + JSON.stringify(e));
  await shot(page, "06-case-saved");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a note with <script> stays text", { timeout: 60_000 }, async () => {
  const page = await signIn(TOKENS.commissioner);
  await page.goto(URL_BASE + "/#/case/" + CASE.id);
  await page.getByTestId("case-note").waitFor();
  const evil = "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>";
  await page.getByTestId("case-note").fill(evil);
  await page.getByTestId("case-save").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="case-save-result"]').textContent.trim() !== "");
  await page.reload();
  await page.getByTestId("case-note-view").waitFor();
  assert.equal((await page.getByTestId("case-note-view").textContent()).trim(), evil, "the note shows as text");
  assert.ok((await page.getByTestId("case-history").textContent()).includes("<script>"));
  // The cases list shows it too (search by the case's object).
  await page.goto(URL_BASE + "/#/cases?rule=" + CASE.rule + "&q=" + encodeURIComponent(CASE.search));
  await page.locator(`[data-testid="case-row"][data-case-id="${CASE.id}"]`).waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "window.__pwned stays undefined");
  assert.equal(await page.locator("#app script, #app img").count(), 0, "no element made from the note");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a case page shows its tender's undeclared-tie hints apart from the finding", { timeout: 60_000 }, async () => {
  const page = await signIn(TOKENS.commissioner);
  if (DEMO) {
    // The demo's case is about a post, not a tender: no hints card at all.
    await page.goto(URL_BASE + "/#/case/" + CASE.id);
    await page.getByTestId("case-id").waitFor();
    await readGraph(page);
    assert.equal(await page.getByTestId("case-hints").count(), 0, "no hints card on the demo's case");
  } else {
    const hinted = await pickHintCase({ url: URL_BASE, token: TOKENS.commissioner });
    assert.ok(hinted, "the generated region has a TENDER_COMMISSION case of Жақыпов with hints");
    await page.goto(URL_BASE + "/#/case/" + hinted.caseId);
    const card = page.getByTestId("case-hints");
    await card.waitFor();
    // Labelled as hints, not findings, in the console's language; one row a hint.
    const heading = (await card.locator("h2").textContent()).trim();
    assert.ok(["Undeclared-tie hints (not findings)", "Подсказки о незадекларированных связях (не нарушения)", "Жарияланбаған байланыс туралы белгілер (бұзушылық емес)"].includes(heading), heading);
    assert.equal(await card.getByTestId("case-hint").count(), hinted.tieHints.length);
    const sister = hinted.tieHints.find((x) => x.party === "founder" && x.nameMatched);
    const row = card.locator(`[data-testid="case-hint"][data-party="founder"][data-person="${sister.person}"]`);
    const text = await row.textContent();
    assert.ok(text.includes(sister.personName) && text.includes(sister.memberName) && text.includes(sister.bidder), text);
    const matched = await row.getByTestId("case-hint-matched").textContent();
    assert.ok(matched.includes(sister.surnameStem) && matched.includes(sister.patronymicRoot), matched);
    // The finding stays the declared wife's: the sister is no counterparty and no path vertex.
    assert.ok(!(await page.getByTestId("case-counterparty").textContent()).includes(sister.person));
    const g = await readGraph(page);
    assert.ok(!g.nodes.some((n) => n.id === sister.person), "the hinted sister is not drawn as part of the tie");
    await shot(page, "case-hints");
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("an analyst reads cases but cannot change them", { timeout: 60_000 }, async () => {
  const page = await signIn(TOKENS.analyst);
  await page.goto(URL_BASE + "/#/case/" + CASE.id);
  await page.getByTestId("case-id").waitFor();
  assert.equal(await page.getByTestId("case-status-select").count(), 0, "no status control");
  assert.equal(await page.getByTestId("case-save").count(), 0, "no save button");
  assert.equal(await page.getByTestId("case-who-looked").count(), 0, "no who-looked list (no ListAudit)");
  await page.getByTestId("case-readonly").waitFor();
  await readGraph(page);
  const r = await callFromPage(page, "UpdateCase", { caseId: CASE.id, status: "CASE_STATUS_DISMISSED", purpose: PURPOSE });
  assert.equal(r.status, 403, "UpdateCase with the analyst's session: " + r.text);
  assert.match(r.text, /permission_denied/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a cookie POST without X-CSRF-Token is refused", { timeout: 60_000 }, async () => {
  const page = await signIn(TOKENS.commissioner);
  const without = await callFromPage(page, "ListCases", { purpose: PURPOSE, pageSize: 1 }, { csrf: false });
  assert.equal(without.status, 403, "without the header: " + without.text);
  const withHeader = await callFromPage(page, "ListCases", { purpose: PURPOSE, pageSize: 1 });
  assert.equal(withHeader.status, 200, "with the header: " + withHeader.text);
  const del = await page.evaluate(async () => (await fetch("/api/session", { method: "DELETE" })).status);
  assert.equal(del, 403, "DELETE /api/session without the header");
  await page.context().close();
});

test("checks: a tender with a conflict as cards with pictures; a bad IIN beside its field", { timeout: 60_000 }, async (t) => {
  const page = await signIn(TOKENS.commissioner);
  await page.getByTestId("nav-checks").click();
  if (CASE.tender) {
    await page.getByTestId("check-tender-tender_id").fill(CASE.tender);
    await page.getByTestId("check-tender-submit").click();
    const verdict = page.getByTestId("check-tender-result").getByTestId("check-verdict");
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute("data-verdict"), "CONFLICT", "tender " + CASE.tender);
    assert.ok((await page.getByTestId("check-tender-result").getByTestId("finding-card").count()) >= 1);
    await page.waitForFunction(() => !!document.querySelector('[data-testid="check-tender-result"] [data-testid="finding-graph"] canvas'));
  } else {
    t.diagnostic("the region has no TENDER_ case: no tender check");
  }

  await page.getByTestId("check-hire-candidate_iin").fill("123");
  await page.getByTestId("check-hire-position_id").fill("AKM-02");
  await page.getByTestId("check-hire-submit").click();
  const fe = page.getByTestId("field-error-check-hire-candidate_iin");
  await page.waitForFunction(() => document.querySelector('[data-testid="field-error-check-hire-candidate_iin"]').textContent.trim() !== "");
  assert.notEqual((await fe.textContent()).trim(), "");
  await shot(page, "07-checks");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("explore, operations and audit pages", { timeout: 90_000 }, async (t) => {
  const page = await signIn(TOKENS.commissioner);
  await page.getByTestId("nav-explore").click();
  await page.getByTestId("paths-from").fill(CASE.official);
  await page.getByTestId("paths-to").fill(CASE.counterparty);
  await page.getByTestId("paths-date").fill(DEMO ? "2021-01-01" : CASE.date);
  await page.getByTestId("paths-submit").click();
  const g = await readGraph(page);
  assert.ok(g.nodes.some((x) => x.id === CASE.counterparty), "FindPaths drew the counterparty");
  // Double-click expands a vertex (one with ties beyond the path: on the demo the counterparty).
  if (CASE.expand) {
    const before = g.nodes.length;
    await page.evaluate((id) => {
      window.__coigraphCy.getElementById(id).emit("dbltap"); // (returns nothing: a collection is slow to serialize)
    }, CASE.expand);
    await page.waitForFunction((n) => window.__coigraphCy && window.__coigraphCy.nodes().length > n, before);
  } else {
    t.diagnostic("neither end of " + CASE.id + " has ties beyond its path: nothing to expand");
  }
  assert.match(await page.getByTestId("explore-export").getAttribute("href"), /seeds=/);
  await shot(page, "08-explore");

  await page.getByTestId("nav-audit").click();
  const chain = page.getByTestId("audit-chain");
  await page.getByTestId("audit-table").waitFor();
  assert.equal(await chain.getAttribute("data-chain-ok"), "true", "audit chain verdict: " + (await chain.textContent()));
  await page.getByTestId("audit-rpc").fill("GetCase");
  await page.getByTestId("audit-search").click();
  await page.waitForFunction(() => location.hash.includes("rpc=GetCase"));
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="audit-row"]')].every((r) => r.children[4].textContent === "GetCase"),
  );
  await shot(page, "09-audit");
  assert.deepEqual(page.problems, []);
  await page.context().close();

  const op = await signIn(TOKENS.operator);
  await op.getByTestId("ops-snapshot-version").waitFor();
  assert.match(await op.getByTestId("ops-snapshot-version").textContent(), /^[1-9]\d*$/);
  assert.ok((await op.getByTestId("ops-files").locator("tr").count()) > 5);
  await shot(op, "10-operations");
  // The reload guard: a feed that lost its files is refused, with a force switch, off; ticked,
  // the retry loads it; the full feed then loads again without it.
  const thin = process.env.COIGRAPH_THIN_FEED;
  if (thin) {
    const version = Number(await op.getByTestId("ops-snapshot-version").textContent());
    const versionIs = (v) =>
      op.waitForFunction((want) => document.querySelector('[data-testid="ops-snapshot-version"]')?.textContent === want, String(v));
    assert.equal(await op.getByTestId("ops-force-row").isVisible(), false, "no force switch before a refusal");
    await op.getByTestId("ops-dir").fill(thin);
    await op.getByTestId("ops-load").click();
    await op.getByTestId("ops-force-row").waitFor();
    assert.match(await op.getByTestId("ops-refusal").textContent(), /force/);
    assert.equal(await op.getByTestId("ops-force").isChecked(), false, "the force switch starts off");
    await op.getByTestId("ops-force").check();
    await op.getByTestId("ops-load").click();
    await versionIs(version + 1);
    await op.getByTestId("ops-force-row").waitFor({ state: "hidden" });
    await op.getByTestId("ops-dir").fill("");
    await op.getByTestId("ops-load").click();
    await versionIs(version + 2);
  }
  // The operator has no cases page: a direct link says so.
  await op.goto(URL_BASE + "/#/cases");
  await op.getByTestId("error-banner").waitFor();
  assert.deepEqual(op.problems, []);
  await op.context().close();
});
