import { LOCALES, type Locale } from './locales';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** Counts the bot says: attempts, minutes, hours. Categories only huge or fractional numbers reach are not needed. */
const COUNTS_SPOKEN = 1000;

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1]);
}

/** The plural categories a locale's i18next keys must carry for the whole numbers the bot says. */
export function pluralCategoriesNeeded(locale: Locale): Set<string> {
  const rules = new Intl.PluralRules(locale);
  const needed = new Set<string>(['other']);
  for (let n = 0; n <= COUNTS_SPOKEN; n++) needed.add(rules.select(n));
  return needed;
}

interface KeyShape {
  /** Plural categories present for the key (empty for a plain key). */
  forms: Set<string>;
  placeholders: Set<string>;
}

function shapes(texts: ReadonlyMap<string, string>): Map<string, KeyShape> {
  const byBase = new Map<string, KeyShape>();
  for (const [key, text] of texts) {
    // "date_leading_zero" is no plural form: a plural key always has its `_other` beside it.
    const suffixed = PLURAL_SUFFIX.exec(key);
    const plural = suffixed && texts.has(`${key.slice(0, suffixed.index)}_other`) ? suffixed : null;
    const base = plural ? key.slice(0, plural.index) : key;
    let shape = byBase.get(base);
    if (!shape) {
      shape = { forms: new Set(), placeholders: new Set() };
      byBase.set(base, shape);
    }
    if (plural) shape.forms.add(plural[1]);
    for (const name of placeholders(text)) shape.placeholders.add(name);
  }
  return byBase;
}

/**
 * Every locale has exactly the keys of the first (en), with the same placeholders, and every
 * plural key has the forms Intl.PluralRules selects for that locale. `count` is left out of the
 * placeholder comparison for plural keys: "одна попытка" may spell the number out.
 */
export function checkLocaleParity(texts: (locale: Locale) => ReadonlyMap<string, string>): string[] {
  const [reference, ...others] = LOCALES;
  const want = shapes(texts(reference));
  const errors: string[] = [];
  for (const locale of others) {
    const got = shapes(texts(locale));
    const needed = pluralCategoriesNeeded(locale);
    for (const [key, shape] of want) {
      const mine = got.get(key);
      if (!mine) {
        errors.push(`locales/${locale}: key '${key}' is missing`);
        continue;
      }
      const isPlural = shape.forms.size > 0 || mine.forms.size > 0;
      if (isPlural)
        for (const form of needed)
          if (!mine.forms.has(form)) errors.push(`locales/${locale}: key '${key}' needs its plural form '_${form}'`);
      const names = (set: Set<string>): string =>
        [...set]
          .filter((name) => !isPlural || name !== 'count')
          .sort()
          .join(', ');
      if (names(shape.placeholders) !== names(mine.placeholders))
        errors.push(
          `locales/${locale}: key '${key}' has placeholders {${names(mine.placeholders)}}, ${reference} has {${names(shape.placeholders)}}`,
        );
    }
    for (const key of got.keys())
      if (!want.has(key)) errors.push(`locales/${locale}: key '${key}' is not in locales/${reference}`);
  }
  return errors;
}
