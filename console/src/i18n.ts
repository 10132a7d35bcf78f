// The UI language: Kazakh, Russian (default) or English, remembered in localStorage.

import { en, type Dict } from "./i18n/en";
import { kk } from "./i18n/kk";
import { ru } from "./i18n/ru";

export type Lang = "kk" | "ru" | "en";
export type Key = keyof Dict;

const DICTS: Record<Lang, Dict> = { kk, ru, en };
const LANG_KEY = "coigraph.lang";

let lang: Lang = readLang();

function readLang(): Lang {
  const v = localStorage.getItem(LANG_KEY);
  return v === "kk" || v === "en" || v === "ru" ? v : "ru";
}

export function currentLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem(LANG_KEY, l);
  document.documentElement.lang = l;
}

/** The label `key` in the UI language; {0}, {1}... are replaced by `args`. */
export function t(key: Key, ...args: (string | number)[]): string {
  let s = DICTS[lang][key] ?? en[key] ?? key;
  args.forEach((a, i) => {
    s = s.split("{" + i + "}").join(String(a));
  });
  return s;
}

/** A label looked up by a key built from data (e.g. "rel." + edge type), or `fallback`. */
export function tOr(key: string, fallback: string): string {
  const d = DICTS[lang] as Record<string, string>;
  return d[key] ?? (en as Record<string, string>)[key] ?? fallback;
}
