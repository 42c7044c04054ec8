/*
 * What the agent console and the reports page share: DOM helpers, the agent's language and its
 * texts (i18next), and the agent sign-in (the token lives in sessionStorage and goes out as a
 * Bearer header, never in a URL). Each page calls KycConsole.start() with what it does once signed in.
 */
(function () {
  'use strict';

  var LOCALE_KEY = 'kycAgentLocale';
  var TOKEN_KEY = 'kycAgentToken';
  var initialised = false;
  var session = { token: sessionStorage.getItem(TOKEN_KEY), agent: null, locale: 'en' };
  var page = null;

  function $(id) {
    return document.getElementById(id);
  }

  function t(key, options) {
    return i18next.t(key, options);
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined)
        node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  // --- language ---

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

  function applyTexts(locale) {
    document.documentElement.lang = locale;
    document.title = t(page.titleKey);
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-label]'), function (node) {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-label')));
    });
    Array.prototype.forEach.call(document.querySelectorAll('.language'), function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-locale') === locale));
    });
    if (session.agent) $('who').textContent = t('signedInAs', { name: session.agent });
  }

  /** Fetches the locale's texts, makes them i18next's and writes them into the page; then the page redraws. */
  function loadTexts(locale) {
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
        session.locale = locale;
        applyTexts(locale);
        page.onTexts();
      });
  }

  // --- sign-in ---

  /** Shows one of the page's views (the sections marked data-view) and hides the others. */
  function show(view) {
    Array.prototype.forEach.call(document.querySelectorAll('[data-view]'), function (node) {
      node.hidden = node.id !== view;
    });
  }

  function showSignIn(message) {
    show('sign-in-view');
    $('sign-in-error').textContent = message;
    $('token').value = '';
    $('token').focus();
  }

  function signIn(token) {
    session.token = token;
    return fetch('/api/agent/me', { headers: { Authorization: 'Bearer ' + token } }).then(function (res) {
      if (res.ok) {
        return res.json().then(function (me) {
          sessionStorage.setItem(TOKEN_KEY, token);
          session.agent = me.name;
          $('who').textContent = t('signedInAs', { name: me.name });
          $('who').hidden = false;
          $('sign-out').hidden = false;
          return page.onSignedIn();
        });
      }
      session.token = null;
      sessionStorage.removeItem(TOKEN_KEY);
      var message = res.status === 403 ? 'signIn.forbidden' : res.status === 404 ? 'signIn.off' : 'signIn.invalid';
      showSignIn(t(message));
      return undefined;
    });
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    session.token = null;
    session.agent = null;
    $('who').hidden = true;
    $('sign-out').hidden = true;
    page.onSignedOut();
    showSignIn(message);
  }

  function trySignIn(token) {
    signIn(token).catch(function () {
      showSignIn(t('error.network'));
    });
  }

  /** fetch() with the agent's token; a 401 (token revoked or expired) signs the agent out. */
  function api(path, options) {
    var init = options || {};
    var headers = init.headers || {};
    headers.Authorization = 'Bearer ' + session.token;
    init.headers = headers;
    return fetch(path, init).then(function (res) {
      if (res.status === 401) {
        signOut(t('signIn.invalid'));
        throw new Error('unauthorized');
      }
      return res;
    });
  }

  /**
   * options: titleKey (the document title's text key), onTexts() after every change of language,
   * onSignedIn() once the token is accepted, onSignedOut() to drop what the page shows.
   */
  function start(options) {
    page = options;
    $('sign-in-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var token = $('token').value.trim();
      if (token) trySignIn(token);
      else $('sign-in-error').textContent = t('signIn.invalid');
    });
    $('sign-out').addEventListener('click', function () {
      signOut('');
    });
    Array.prototype.forEach.call(document.querySelectorAll('.language'), function (button) {
      button.addEventListener('click', function () {
        var locale = button.getAttribute('data-locale');
        sessionStorage.setItem(LOCALE_KEY, locale);
        void loadTexts(locale);
      });
    });
    return loadTexts(pickLocale()).then(function () {
      if (session.token) trySignIn(session.token);
      else showSignIn('');
    });
  }

  window.KycConsole = { $: $, t: t, el: el, show: show, api: api, session: session, start: start };
})();
