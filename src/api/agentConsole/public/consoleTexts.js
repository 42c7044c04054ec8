/* The agent console's and the reports page's language: the locale an agent picked (or the browser's), and its texts through i18next. */
(function () {
  'use strict';

  var LOCALE_KEY = 'kycAgentLocale';
  var initialised = false;

  function pickLocale() {
    var saved = sessionStorage.getItem(LOCALE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
    var languages = navigator.languages || [navigator.language];
    for (var i = 0; i < languages.length; i += 1) {
      if (/^zh/i.test(languages[i])) return 'zh-CN';
      if (/^en/i.test(languages[i])) return 'en';
    }
    return 'en';
  }

  function remember(locale) {
    sessionStorage.setItem(LOCALE_KEY, locale);
  }

  function applyTexts(locale, titleKey) {
    var t = i18next.t.bind(i18next);
    document.documentElement.lang = locale;
    document.title = t(titleKey);
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-label]'), function (node) {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-label')));
    });
    Array.prototype.forEach.call(document.querySelectorAll('.language'), function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-locale') === locale));
    });
  }

  /** Fetches the locale's texts, makes them i18next's, and writes them into the page; resolves when shown. */
  function load(locale, titleKey) {
    return fetch('/agent/texts/' + locale)
      .then(function (res) {
        if (!res.ok) throw new Error('texts ' + res.status);
        return res.json();
      })
      .then(function (texts) {
        if (initialised) {
          i18next.addResourceBundle(locale, 'agent', texts, true, true);
          return i18next.changeLanguage(locale);
        }
        initialised = true;
        var resources = {};
        resources[locale] = { agent: texts };
        return i18next.init({
          lng: locale,
          ns: ['agent'],
          defaultNS: 'agent',
          resources: resources,
          interpolation: { escapeValue: false },
        });
      })
      .then(function () {
        applyTexts(locale, titleKey);
      });
  }

  window.KycConsoleTexts = { pickLocale: pickLocale, remember: remember, load: load };
})();
