import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, LOCALES, type Language, type Locale } from './locales';

/**
 * locales/languages.json: each language's own name (the page's language switch and the switch
 * button) and, written in that language, the one-line switch offer (conversation locales) or the
 * notice that the bot answers in English (languages it recognises without a locale).
 */
const localeEntry = z.strictObject({ name: z.string().min(2), offer: z.string().min(10) });
const englishOnlyEntry = z.strictObject({ name: z.string().min(2), englishOnly: z.string().min(10) });
const languageTextsSchema = z.strictObject({
  ...Object.fromEntries(LOCALES.map((locale) => [locale, localeEntry])),
  ...Object.fromEntries(
    LANGUAGES.filter((language) => !LOCALES.some((l) => l === language)).map((language) => [
      language,
      englishOnlyEntry,
    ]),
  ),
});

export interface LanguageTexts {
  /** A language's name in that language ("Español", "日本語"). */
  name(language: Language): string;
  /** "Parece que escribes en español. ¿Seguimos en español?" */
  offer(locale: Locale): string;
  /** For a language without a locale: "I understand it, but answer in English for now", in that language. */
  englishOnly(language: Language): string | undefined;
}

export const LANGUAGE_TEXTS_FILE = 'languages.json';

export function loadLanguageTexts(localesDir: string): LanguageTexts {
  const file = path.join(localesDir, LANGUAGE_TEXTS_FILE);
  const parsed = languageTextsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `locales/${LANGUAGE_TEXTS_FILE}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const entries = new Map<string, { name: string; offer?: string; englishOnly?: string }>(Object.entries(parsed.data));
  return {
    name: (language) => entries.get(language)?.name ?? language,
    offer: (locale) => entries.get(locale)?.offer ?? '',
    englishOnly: (language) => entries.get(language)?.englishOnly,
  };
}
