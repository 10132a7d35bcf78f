// Search folding: Kazakh and Russian Cyrillic and the Latin spellings people type for them
// ("Жұмабаев", "zhumabayev", "Jumabaev") fold to one lower-case Latin skeleton, so that a
// substring search finds a name however it was spelled.

const CYR: Record<string, string> = {
  а: "a", ә: "a", б: "b", в: "v", г: "g", ғ: "g", д: "d", е: "e", ё: "e", ж: "j", з: "z",
  и: "i", й: "i", і: "i", к: "k", қ: "k", л: "l", м: "m", н: "n", ң: "n", о: "o", ө: "o",
  п: "p", р: "r", с: "s", т: "t", у: "u", ұ: "u", ү: "u", ф: "f", х: "h", һ: "h", ц: "ts",
  ч: "ch", ш: "sh", щ: "sh", ъ: "", ы: "i", ь: "", э: "e", ю: "iu", я: "ia",
};

export function fold(s: string): string {
  let out = "";
  for (const ch of s.toLowerCase().normalize("NFC")) {
    const c = CYR[ch];
    if (c !== undefined) out += c;
    else if (/[a-z0-9]/.test(ch)) out += ch;
    else if (/[\u00c0-\u024f]/.test(ch)) out += ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    else out += " ";
  }
  out = out
    .replace(/kh/g, "h")
    .replace(/zh/g, "j")
    .replace(/q/g, "k")
    .replace(/w/g, "v")
    .replace(/x/g, "ks")
    .replace(/y/g, "i")
    .replace(/c(?!h)/g, "k");
  // Collapse doubled letters, then drop an i next to another vowel: it is a glide however it
  // is spelled (Сейітова, Бауыржан, -ayev).
  out = out.replace(/(.)\1+/g, "$1");
  let res = "";
  for (let i = 0; i < out.length; i++) {
    const ch = out[i]!;
    const before = i > 0 ? out[i - 1]! : " ";
    const after = i + 1 < out.length ? out[i + 1]! : " ";
    if (ch === "i" && ("aeou".includes(before) || "aeou".includes(after))) continue;
    res += ch;
  }
  return res.replace(/\s+/g, " ").trim();
}

/** Whether `query` is found in any of `texts` after folding. */
export function foldMatch(query: string, texts: string[]): boolean {
  const q = fold(query);
  if (!q) return true;
  return texts.some((t) => fold(t).includes(q));
}
