/** The locales the bot has full conversation text for (locales/<lng>/). */
export const LOCALES = ['en', 'zh-CN', 'zh-TW', 'es', 'ru', 'pt-BR', 'fr', 'tr', 'vi', 'id'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The languages the bot recognises failure prompts and commands in: every locale plus the ones
 * it answers in English for, with a one-line notice in the user's language.
 */
export const LANGUAGES = [...LOCALES, 'uk', 'ar', 'ja', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLocale(language: string): language is Locale {
  return LOCALES.some((locale) => locale === language);
}

export function isLanguage(language: string): language is Language {
  return LANGUAGES.some((known) => known === language);
}

/** A language's ISO 639-1 code, as language identifiers and NLP.js name it ("zh-TW" and "zh-CN" are both "zh"). */
export function isoLanguageCode(language: Language): string {
  return language.split('-')[0];
}
