import { isLanguage, isLocale, type Language, type Locale } from './locales';

/** Chinese written in traditional characters: Taiwan, Hong Kong, Macau, or an explicit script. */
const TRADITIONAL_CHINESE = /^zh(?:-hant(?:-.*)?|-(?:tw|hk|mo)(?:-.*)?|-.*-hant.*)$/;
/** Legacy and macro-language tags that name a language we know under another code. */
const PRIMARY_ALIASES: Readonly<Record<string, Language>> = { in: 'id', zh: 'zh-CN', pt: 'pt-BR' };

/**
 * The recognised language a BCP-47 tag names: zh-TW / zh-HK / zh-MO / zh-Hant → zh-TW, other
 * Chinese → zh-CN, every Portuguese → pt-BR, else the primary subtag when we know it.
 */
export function languageOfTag(tag: string | undefined | null): Language | undefined {
  if (!tag) return undefined;
  const folded = tag.trim().toLowerCase().replace(/_/g, '-');
  if (TRADITIONAL_CHINESE.test(folded)) return 'zh-TW';
  const primary = folded.split('-')[0];
  const alias = PRIMARY_ALIASES[primary];
  if (alias) return alias;
  return isLanguage(primary) ? primary : undefined;
}

/**
 * Maps a BCP-47 tag from an activity or Accept-Language to a supported locale; a language we
 * recognise but have no conversation text for (uk, ar, ja, ko) or do not know at all → `fallback`.
 */
export function resolveLocale(tag: string | undefined | null, fallback: Locale): Locale {
  const language = languageOfTag(tag);
  return language && isLocale(language) ? language : fallback;
}

/** The first supported locale of an Accept-Language header, by quality. */
export function resolveAcceptLanguage(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
      return { tag, q: q ? Number(q[1]) : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const language = languageOfTag(tag);
    if (language && isLocale(language)) return language;
  }
  return fallback;
}
