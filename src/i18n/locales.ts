/** The locales the bot has full conversation text for (locales/<lng>/). */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
