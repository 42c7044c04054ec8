import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LOCALES, type Locale } from './locales';

export type Translate = TFunction;

export interface Localizer {
  readonly locales: readonly Locale[];
  readonly defaultLocale: Locale;
  /** A translator bound to one locale: never a shared `changeLanguage`, so concurrent turns cannot mix languages. */
  t(locale: Locale): Translate;
  /** Every key (namespace:path) present in one locale, for the validator and the completeness test. */
  keys(locale: Locale): Set<string>;
  /** Every text of one locale by `namespace:path`, plural suffixes kept, for the parity check. */
  texts(locale: Locale): ReadonlyMap<string, string>;
}

type Resources = Record<string, Record<string, unknown>>;

function readNamespaces(dir: string): Resources {
  const resources: Resources = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const ns = path.basename(file, '.json');
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (!isRecord(parsed)) throw new Error(`${path.join(dir, file)}: expected a JSON object`);
    resources[ns] = parsed;
  }
  return resources;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flattenTexts(ns: string, value: Record<string, unknown>, prefix: string, into: Map<string, string>): void {
  for (const [key, child] of Object.entries(value)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (isRecord(child)) flattenTexts(ns, child, full, into);
    else into.set(`${ns}:${full}`, typeof child === 'string' ? child : JSON.stringify(child));
  }
}

/** i18next plural forms (`key_one`, `key_other`) stand for the bare key a dialog refers to. */
function withPluralBases(keys: Set<string>): Set<string> {
  for (const key of [...keys]) {
    const m = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
    if (m) keys.add(m[1]);
  }
  return keys;
}

export async function createLocalizer(localesDir: string, defaultLocale: Locale): Promise<Localizer> {
  const instance: i18n = i18next.createInstance();
  const resources: Record<string, Resources> = {};
  const keySets = new Map<Locale, Set<string>>();
  const textMaps = new Map<Locale, Map<string, string>>();
  for (const locale of LOCALES) {
    resources[locale] = readNamespaces(path.join(localesDir, locale));
    const texts = new Map<string, string>();
    for (const [ns, tree] of Object.entries(resources[locale])) flattenTexts(ns, tree, '', texts);
    textMaps.set(locale, texts);
    keySets.set(locale, withPluralBases(new Set(texts.keys())));
  }
  await instance.init({
    resources,
    lng: defaultLocale,
    fallbackLng: false,
    supportedLngs: [...LOCALES],
    ns: Object.keys(resources[defaultLocale]),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  // getFixedT builds a new function on every call, which showed up in the turn profile: one per locale.
  const translators = new Map(LOCALES.map((locale) => [locale, instance.getFixedT(locale)]));
  return {
    locales: LOCALES,
    defaultLocale,
    t: (locale) => translators.get(locale) ?? instance.getFixedT(locale),
    keys: (locale) => keySets.get(locale) ?? new Set(),
    texts: (locale) => textMaps.get(locale) ?? new Map(),
  };
}
