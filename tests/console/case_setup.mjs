// The case console_test.mjs works on, chosen through the JSON API (the commissioner's bearer
// token, purpose SETUP_PURPOSE, so the C++ side can tell these calls from the pages' calls),
// and the lower-case Latin text a person would type to find it.
//
//   demo:      the HIRE_APPOINTER case of post AKM-02 (the akim Жұмабаев and his wife's brother),
//              searched as "zhumabayev" (the passport spelling of the akim's surname);
//   generated: a case of a generated region whose counterparty (or official) is a person with a
//              Kazakh name, searched as latin(surname): "Сәрсенбаев Б.С." -> "sarsenbaev".

export const SETUP_PURPOSE = "console test setup: choosing the case";

// Cyrillic (Kazakh and Russian) to lower-case Latin as passports and BGN write it. The server's
// search (service/search_key.cc: ICU Kazakh-Latin/BGN, then a fold) meets these spellings:
// every letter here is BGN's without its diacritics (ә ä -> a, ұ ū -> u, і -> i ...), except
// ң and ғ, which the server folds to n and g first as well.
const LATIN = {
  а: "a", ә: "a", б: "b", в: "v", г: "g", ғ: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z",
  и: "i", й: "y", і: "i", к: "k", қ: "q", л: "l", м: "m", н: "n", ң: "n", о: "o", ө: "o",
  п: "p", р: "r", с: "s", т: "t", у: "u", ұ: "u", ү: "u", ф: "f", х: "kh", һ: "h", ц: "ts",
  ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/** `name` in lower-case Latin ("Жұмабаев" -> "zhumabaev", "Қасымов" -> "qasymov"). */
export function latin(name) {
  let out = "";
  for (const ch of name.toLowerCase()) out += LATIN[ch] ?? ch;
  return out;
}

const KAZAKH_LETTERS = /[әғқңөұүһі]/i;

/** POST /coigraph.v1.Coigraph/<method> from node with a bearer token; the answer's JSON. */
async function call(url, token, method, body) {
  const r = await fetch(url + "/coigraph.v1.Coigraph/" + method, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
    body: JSON.stringify({ ...body, purpose: SETUP_PURPOSE }),
  });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`${method} ${JSON.stringify(body)}: ${r.status} ${text}`);
  return JSON.parse(text);
}

/** The counterparty or official of finding `f` with ties beyond the path on its date; "". */
async function tiedBeyondPath(api, f) {
  const onPath = new Set(f.path.vertices.map((v) => v.id));
  for (const seed of [f.counterparty, f.official]) {
    const n = await api("Neighborhood", { seed, radius: 1, date: f.date });
    if ((n.vertices ?? []).some((v) => !onPath.has(v.id))) return seed;
  }
  return "";
}

/**
 * The case to work on: {id, rule, objectId, date, relation, official, counterparty, name,
 * search, path: {vertices, edges}, expand, tender}. `name` is the person's name as the server
 * stores it, `search` its lower-case Latin spelling; `expand` the official or counterparty with
 * ties beyond the path ("" when neither has any); `tender` a tender CheckTender finds a
 * conflict in ("" when the region has none).
 */
export async function pickCase({ url, token, region }) {
  const api = (method, body) => call(url, token, method, body);
  let chosen;
  if (region === "demo") {
    const list = await api("ListCases", { rule: "HIRE_APPOINTER", text: "AKM-02" });
    if (list.cases?.length !== 1) throw new Error("the demo has one HIRE_APPOINTER case of AKM-02: " + JSON.stringify(list));
    const c = list.cases[0];
    chosen = { c, name: c.finding.path.vertices.find((v) => v.id === c.finding.official).name, search: "zhumabayev" };
  } else {
    const list = await api("ListCases", { pageSize: 500 });
    const person = (f, id) => f.path?.vertices?.find((v) => v.id === id && v.kind === "VERTEX_KIND_PERSON" && /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/.test(v.name));
    // Counterparties first, Kazakh letters first, longer paths first.
    const candidates = [];
    for (const c of list.cases ?? []) {
      const f = c.finding;
      if (!f || f.official === f.counterparty || !(f.path?.edges?.length >= 1)) continue;
      for (const [role, id] of [["counterparty", f.counterparty], ["official", f.official]]) {
        const v = person(f, id);
        if (!v) continue;
        const surname = v.name.split(/\s+/)[0];
        const score = (role === "counterparty" ? 4 : 0) + (KAZAKH_LETTERS.test(surname) ? 2 : 0) + (f.path.edges.length >= 2 ? 1 : 0);
        candidates.push({ c, name: v.name, surname, score });
      }
    }
    candidates.sort((a, b) => b.score - a.score);
    // The first whose search fits on one page of the list (50 rows), better one with ties
    // beyond its path (to be expanded on the explore page; planted families often have none).
    for (const cand of candidates.slice(0, 40)) {
      const search = latin(cand.surname);
      const found = await api("ListCases", { text: search, pageSize: 50 });
      if (Number(found.totalCount) > 50 || !found.cases.some((x) => x.caseId === cand.c.caseId)) continue;
      const expand = await tiedBeyondPath(api, cand.c.finding);
      if (!chosen || (expand && !chosen.expand)) chosen = { ...cand, search, expand };
      if (chosen.expand) break;
    }
    if (!chosen) throw new Error(`no case of ${list.cases?.length ?? 0} has a person with a name that finds it on one page`);
  }
  const full = await api("GetCase", { caseId: chosen.c.caseId });
  const f = full.finding;
  let tender = "T-2021-007";
  if (region !== "demo") {
    // A tender CheckTender finds a conflict in (TENDER_SIGNATORY's object is a contract).
    tender = "";
    const procurement = await api("ListCases", { sphere: "procurement", pageSize: 100 });
    for (const c of procurement.cases ?? []) {
      if (!["TENDER_COMMISSION", "TENDER_AFFILIATED_BIDDERS"].includes(c.finding?.rule)) continue;
      const check = await api("CheckTender", { tenderId: c.finding.objectId });
      if (check.verdict === "VERDICT_CONFLICT") {
        tender = c.finding.objectId;
        break;
      }
    }
  }
  return {
    id: full.caseId,
    rule: f.rule,
    objectId: f.objectId,
    date: f.date,
    relation: f.relation,
    official: f.official,
    counterparty: f.counterparty,
    name: chosen.name,
    search: chosen.search,
    expand: chosen.expand ?? (await tiedBeyondPath(api, f)),
    path: { vertices: f.path.vertices, edges: f.path.edges ?? [] },
    tender,
  };
}

/**
 * A case whose page shows undeclared-tie hints: on a generated region, the TENDER_COMMISSION
 * case of the chair Жақыпов whose declared wife founded one bidder while his sister
 * (Джакупова, no kinship row) founded another (tools/generator, UndeclaredTies). Returns the
 * GetCase answer ({caseId, tieHints: [...]}), or null when the region has none.
 */
export async function pickHintCase({ url, token }) {
  const api = (method, body) => call(url, token, method, body);
  const list = await api("ListCases", { rule: "TENDER_COMMISSION", text: "jakipov", pageSize: 50 });
  for (const c of list.cases ?? []) {
    const full = await api("GetCase", { caseId: c.caseId });
    if ((full.tieHints ?? []).some((x) => x.party === "founder" && x.nameMatched)) return full;
  }
  return null;
}
