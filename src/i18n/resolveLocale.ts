import type { Locale } from './locales';

/**
 * Maps a BCP-47 tag from an activity or Accept-Language to a supported locale. Every Chinese
 * variant goes to zh-CN until a traditional-Chinese locale exists (DESIGN.md, Contracts).
 */
export function resolveLocale(tag: string | undefined | null, fallback: Locale): Locale {
  if (!tag) return fallback;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return fallback;
}

/** The first supported language of an Accept-Language header, by quality. */
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
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'zh' || primary === 'en') return resolveLocale(tag, fallback);
  }
  return fallback;
}
