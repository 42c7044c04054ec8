export interface PageOptions {
  readonly brandName: string;
  /** Used when none of the browser's languages is one of the locales. */
  readonly defaultLocale: string;
}

/** The language switch: every locale under its own name. */
export type LanguageChoices = readonly { readonly locale: string; readonly name: string }[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** The page shell. Everything dynamic happens in /webchat/app.js; this file holds no script. */
export function renderPageHtml(options: PageOptions, languages: LanguageChoices): string {
  const brand = escapeHtml(options.brandName);
  const defaultLocale = escapeHtml(
    languages.some((l) => l.locale === options.defaultLocale) ? options.defaultLocale : 'en',
  );
  const buttons = languages
    .map(
      ({ locale, name }) =>
        `      <button type="button" class="language" data-locale="${escapeHtml(locale)}" lang="${escapeHtml(locale)}" aria-pressed="false">${escapeHtml(name)}</button>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${defaultLocale}" data-default-locale="${defaultLocale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light">
<meta name="theme-color" content="#0b5cad">
<title>${brand}</title>
<link rel="icon" href="/webchat/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/webchat/page.css">
</head>
<body>
<header class="topbar">
  <div class="brand">
    <img src="/webchat/icon.svg" alt="" width="32" height="32">
    <div class="brand-text">
      <h1 id="brand-name">${brand}</h1>
      <p id="tagline" class="tagline"></p>
    </div>
  </div>
  <nav class="actions" aria-label="Settings">
    <div class="languages" role="group" id="language-group" aria-label="Language">
${buttons}
    </div>
    <button type="button" id="start-over" class="start-over"></button>
  </nav>
</header>
<main class="chat" id="chat">
  <p id="status" class="status" role="status" aria-live="polite"></p>
  <div id="webchat" class="webchat" role="region"></div>
  <noscript><p class="status">This chat needs JavaScript. 此聊天需要启用 JavaScript。</p></noscript>
</main>
<script src="/webchat/webchat.js" defer></script>
<script src="/webchat/app.js" defer></script>
</body>
</html>
`;
}
