// The local Web Chat page: starts or resumes a conversation on this server's Direct Line,
// renders Web Chat, and keeps the page's language and the bot's in step.
(function () {
  'use strict';

  var DOMAIN = location.origin + '/v3/directline';
  var SESSION_KEY = 'kycWebChat.session';
  var LOCALE_KEY = 'kycWebChat.locale';
  // A random id, the same in every conversation of this browser, so a reminder that finds its
  // conversation gone (they last hours, a restriction a day) is shown in the next one. "Forget me" deletes it.
  var USER_KEY = 'kycWebChat.userId';
  var USER_ID_PATTERN = /^u_[0-9a-f]{32}$/;
  // DirectLineJS refreshes the token every 15 minutes; keep the stored copy current for reloads.
  var TOKEN_SAVE_INTERVAL_MS = 30000;
  var STATUS_ONLINE = 2;
  var STATUS_EXPIRED_TOKEN = 3;
  var STATUS_FAILED = 4;
  var STATUS_ENDED = 5;

  var TEXT = {
    en: {
      tagline: 'Help with identity verification',
      chatLabel: 'Chat with the support assistant',
      connecting: 'Connecting…',
      failed: 'The chat could not connect.',
      ended: 'This conversation has ended.',
      retry: 'Start a new conversation',
      startOver: 'Start over',
      startOverLabel: 'Start over: forget this conversation and begin a new one',
    },
    'zh-CN': {
      tagline: '身份验证帮助',
      chatLabel: '与支持助手聊天',
      connecting: '正在连接…',
      failed: '聊天无法连接。',
      ended: '此对话已结束。',
      retry: '开始新的对话',
      startOver: '重新开始',
      startOverLabel: '重新开始：清除此对话并开始新的对话',
    },
    'zh-TW': {
      tagline: '身分驗證協助',
      chatLabel: '與客服助理聊天',
      connecting: '連線中…',
      failed: '無法連線到聊天。',
      ended: '此對話已結束。',
      retry: '開始新的對話',
      startOver: '重新開始',
      startOverLabel: '重新開始：清除此對話並開始新的對話',
    },
    es: {
      tagline: 'Ayuda con la verificación de identidad',
      chatLabel: 'Chat con el asistente de soporte',
      connecting: 'Conectando…',
      failed: 'No se pudo conectar el chat.',
      ended: 'Esta conversación ha terminado.',
      retry: 'Empezar una conversación nueva',
      startOver: 'Empezar de nuevo',
      startOverLabel: 'Empezar de nuevo: olvidar esta conversación y comenzar otra',
    },
    ru: {
      tagline: 'Помощь с верификацией личности',
      chatLabel: 'Чат с помощником поддержки',
      connecting: 'Подключение…',
      failed: 'Не удалось подключить чат.',
      ended: 'Этот разговор завершён.',
      retry: 'Начать новый разговор',
      startOver: 'Начать заново',
      startOverLabel: 'Начать заново: забыть этот разговор и начать новый',
    },
    'pt-BR': {
      tagline: 'Ajuda com a verificação de identidade',
      chatLabel: 'Chat com o assistente de suporte',
      connecting: 'Conectando…',
      failed: 'Não foi possível conectar o chat.',
      ended: 'Esta conversa terminou.',
      retry: 'Começar uma nova conversa',
      startOver: 'Recomeçar',
      startOverLabel: 'Recomeçar: esquecer esta conversa e começar outra',
    },
    fr: {
      tagline: 'Aide à la vérification d’identité',
      chatLabel: 'Discuter avec l’assistant',
      connecting: 'Connexion…',
      failed: 'Le chat n’a pas pu se connecter.',
      ended: 'Cette conversation est terminée.',
      retry: 'Commencer une nouvelle conversation',
      startOver: 'Recommencer',
      startOverLabel: 'Recommencer : oublier cette conversation et en commencer une nouvelle',
    },
    tr: {
      tagline: 'Kimlik doğrulama yardımı',
      chatLabel: 'Destek asistanıyla sohbet',
      connecting: 'Bağlanıyor…',
      failed: 'Sohbete bağlanılamadı.',
      ended: 'Bu sohbet sona erdi.',
      retry: 'Yeni bir sohbet başlat',
      startOver: 'Baştan başla',
      startOverLabel: 'Baştan başla: bu sohbeti unut ve yenisini başlat',
    },
    vi: {
      tagline: 'Hỗ trợ xác minh danh tính',
      chatLabel: 'Trò chuyện với trợ lý hỗ trợ',
      connecting: 'Đang kết nối…',
      failed: 'Không thể kết nối cuộc trò chuyện.',
      ended: 'Cuộc trò chuyện đã kết thúc.',
      retry: 'Bắt đầu cuộc trò chuyện mới',
      startOver: 'Bắt đầu lại',
      startOverLabel: 'Bắt đầu lại: xóa cuộc trò chuyện này và bắt đầu cuộc mới',
    },
    id: {
      tagline: 'Bantuan verifikasi identitas',
      chatLabel: 'Obrolan dengan asisten dukungan',
      connecting: 'Menghubungkan…',
      failed: 'Obrolan tidak dapat terhubung.',
      ended: 'Percakapan ini telah berakhir.',
      retry: 'Mulai percakapan baru',
      startOver: 'Mulai ulang',
      startOverLabel: 'Mulai ulang: lupakan percakapan ini dan mulai yang baru',
    },
  };

  var root = document.documentElement;
  var statusEl = document.getElementById('status');
  var chatEl = document.getElementById('webchat');
  var startOverEl = document.getElementById('start-over');
  var languageButtons = Array.prototype.slice.call(document.querySelectorAll('button[data-locale]'));
  var LOCALES = languageButtons.map(function (button) {
    return button.getAttribute('data-locale');
  });
  var defaultLocale = supportedLocale(root.getAttribute('data-default-locale')) || 'en';

  var locale = storedLocale() || browserLocale() || defaultLocale;
  var session = null;
  var directLine = null;
  var store = null;
  var tokenTimer = null;

  // The same mapping as the bot's resolveLocale: traditional Chinese to zh-TW, any Portuguese to pt-BR.
  function supportedLocale(tag) {
    if (typeof tag !== 'string' || !tag) return null;
    var folded = tag.toLowerCase().replace(/_/g, '-');
    var primary = folded.split('-')[0];
    var found;
    if (primary === 'zh') found = /^zh-(hant|tw|hk|mo)(-|$)/.test(folded) ? 'zh-TW' : 'zh-CN';
    else if (primary === 'pt') found = 'pt-BR';
    else if (primary === 'in') found = 'id';
    else found = primary;
    return LOCALES.indexOf(found) >= 0 && TEXT[found] ? found : null;
  }

  function browserLocale() {
    var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < tags.length; i++) {
      var found = supportedLocale(tags[i]);
      if (found) return found;
    }
    return null;
  }

  function storedLocale() {
    try {
      return supportedLocale(localStorage.getItem(LOCALE_KEY));
    } catch (e) {
      return null;
    }
  }

  function loadSession() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
      if (
        saved &&
        typeof saved.conversationId === 'string' &&
        typeof saved.token === 'string' &&
        typeof saved.userId === 'string'
      ) {
        return saved;
      }
    } catch (e) {
      // Storage may be disabled or hold garbage: start a new conversation.
    }
    return null;
  }

  function saveSession() {
    if (!session) return;
    if (directLine && typeof directLine.token === 'string') session.token = directLine.token;
    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } catch (e) {
      // Without storage the conversation simply does not survive a reload.
    }
  }

  function forgetSession() {
    try {
      sessionStorage.removeItem(SESSION_KEY);
    } catch (e) {
      // Nothing stored.
    }
  }

  // Kept for the next conversation; without storage each conversation gets its own, as before.
  function browserUserId() {
    try {
      var stored = localStorage.getItem(USER_KEY);
      if (stored && USER_ID_PATTERN.test(stored)) return stored;
      var fresh = randomUserId();
      localStorage.setItem(USER_KEY, fresh);
      return fresh;
    } catch (e) {
      return randomUserId();
    }
  }

  function forgetUserId() {
    try {
      localStorage.removeItem(USER_KEY);
    } catch (e) {
      // Nothing stored.
    }
  }

  function randomUserId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return (
      'u_' +
      Array.prototype.map
        .call(bytes, function (b) {
          return ('0' + b.toString(16)).slice(-2);
        })
        .join('')
    );
  }

  function text(key) {
    return TEXT[locale][key];
  }

  function setStatus(message, withRetry) {
    statusEl.textContent = message || '';
    if (withRetry) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = text('retry');
      button.addEventListener('click', startOver);
      statusEl.appendChild(button);
    }
  }

  function applyPageLanguage() {
    root.lang = locale;
    document.getElementById('tagline').textContent = text('tagline');
    chatEl.setAttribute('aria-label', text('chatLabel'));
    startOverEl.textContent = text('startOver');
    startOverEl.setAttribute('aria-label', text('startOverLabel'));
    languageButtons.forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-locale') === locale));
    });
  }

  function render() {
    if (!directLine) return;
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        userID: session.userId,
        locale: locale,
        styleOptions: {
          accent: '#0b5cad',
          bubbleBorderRadius: 10,
          bubbleFromUserBorderRadius: 10,
          suggestedActionBorderRadius: 8,
          botAvatarInitials: 'ID',
          hideUploadButton: false,
          // On phones an image-only picker offers the camera next to the gallery.
          uploadAccept: 'image/*',
          uploadMultiple: false,
          sendBoxButtonColorOnFocus: '#0b5cad',
        },
      },
      chatEl,
    );
  }

  function postJson(url, body) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  // Resume the conversation kept in this tab when its token still works, otherwise start one.
  function connect() {
    var saved = loadSession();
    var resume = saved
      ? fetch(DOMAIN + '/conversations/' + encodeURIComponent(saved.conversationId), {
          headers: { Authorization: 'Bearer ' + saved.token },
        }).then(function (res) {
          if (!res.ok) return null;
          return res.json().then(function (body) {
            saved.token = body.token;
            return saved;
          });
        })
      : Promise.resolve(null);
    return resume.then(function (resumed) {
      if (resumed) return resumed;
      var userId = browserUserId();
      return postJson(DOMAIN + '/conversations', { user: { id: userId }, locale: locale }).then(function (res) {
        if (!res.ok) throw new Error('Starting a conversation failed with ' + res.status);
        return res.json().then(function (body) {
          return { conversationId: body.conversationId, token: body.token, userId: userId };
        });
      });
    });
  }

  function start() {
    setStatus(text('connecting'));
    connect()
      .then(function (connected) {
        session = connected;
        saveSession();
        store = window.WebChat.createStore({}, endedByBot);
        directLine = window.WebChat.createDirectLine({
          domain: DOMAIN,
          webSocket: false,
          token: session.token,
          conversationId: session.conversationId,
        });
        directLine.connectionStatus$.subscribe(function (status) {
          if (status === STATUS_ONLINE) setStatus('');
          else if (status === STATUS_ENDED) setStatus(text('ended'), true);
          else if (status === STATUS_FAILED || status === STATUS_EXPIRED_TOKEN) setStatus(text('failed'), true);
        });
        tokenTimer = setInterval(saveSession, TOKEN_SAVE_INTERVAL_MS);
        render();
      })
      .catch(function () {
        setStatus(text('failed'), true);
      });
  }

  // After "forget me" the bot ends the conversation and the server deletes it: a reload must start
  // a new one rather than reconnect to what is gone, under a new id that nothing is kept for.
  function endedByBot() {
    return function (next) {
      return function (action) {
        var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
        if (activity && activity.type === 'endOfConversation' && activity.from && activity.from.role === 'bot') {
          forgetSession();
          forgetUserId();
          session = null;
          if (tokenTimer) clearInterval(tokenTimer);
          setStatus(text('ended'), true);
        }
        return next(action);
      };
    };
  }

  // "Start over" deletes the conversation on the server too: its history and uploads go at once.
  function startOver() {
    var ending = session
      ? fetch(DOMAIN + '/conversations/' + encodeURIComponent(session.conversationId) + '/activities', {
          method: 'POST',
          keepalive: true,
          headers: {
            'Content-Type': 'application/json',
            Authorization: 'Bearer ' + ((directLine && directLine.token) || session.token),
          },
          body: JSON.stringify({
            type: 'endOfConversation',
            from: { id: session.userId, role: 'user' },
            locale: locale,
          }),
        }).catch(function () {
          // The server forgets it anyway once it is idle.
        })
      : Promise.resolve();
    forgetSession();
    session = null;
    if (tokenTimer) clearInterval(tokenTimer);
    if (directLine) directLine.end();
    ending.then(function () {
      location.reload();
    });
  }

  function switchLocale(next) {
    if (next === locale) return;
    locale = next;
    try {
      localStorage.setItem(LOCALE_KEY, next);
    } catch (e) {
      // The choice then lasts for this page only.
    }
    applyPageLanguage();
    render();
    // The bot switches its own language on this event.
    if (store) store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'setLocale', value: next } });
  }

  languageButtons.forEach(function (button) {
    button.addEventListener('click', function () {
      switchLocale(button.getAttribute('data-locale'));
    });
  });
  startOverEl.addEventListener('click', startOver);
  window.addEventListener('pagehide', saveSession);

  applyPageLanguage();
  start();
})();
