/* The agent console: sign-in, the live queue (Server-Sent Events over fetch, so the token stays in a header) and a ticket page. */
(function () {
  'use strict';

  var K = window.KycConsole;
  var $ = K.$;
  var t = K.t;
  var el = K.el;
  var session = K.session;
  var api = K.api;
  var show = K.show;
  var PAGE_SIZE = 50;
  var STATUSES = ['open', 'in_progress', 'resolved'];
  var PRIORITIES = ['normal', 'high'];
  var AGES = [1, 24, 72, 168];
  var RECONNECT_MS = 3000;

  var state = {
    items: {},
    nextCursor: null,
    ticket: null,
    etag: null,
    stream: null,
    listGeneration: 0,
  };

  function announce(text) {
    $('announce').textContent = text;
  }

  function formatDate(iso) {
    return new Intl.DateTimeFormat(session.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }

  function formatAge(iso) {
    var minutes = Math.round((Date.now() - Date.parse(iso)) / 60000);
    var format = new Intl.RelativeTimeFormat(session.locale, { numeric: 'auto' });
    if (Math.abs(minutes) < 60) return format.format(-minutes, 'minute');
    if (Math.abs(minutes) < 48 * 60) return format.format(-Math.round(minutes / 60), 'hour');
    return format.format(-Math.round(minutes / 1440), 'day');
  }

  function causeLabel(cause) {
    if (!cause || !cause.id) return t('ticket.unknownCause');
    return t('cause.' + cause.id, { defaultValue: cause.id });
  }

  // --- language ---

  function onTexts() {
    fillFilterOptions();
    fillStatusOptions();
    if (!session.agent) return;
    setLive(Boolean(state.stream) && $('live').getAttribute('data-state') === 'live');
    if (state.ticket) renderTicket(state.ticket);
    else renderQueue();
  }

  function option(value, text, selected) {
    var node = el('option', { value: value, text: text });
    if (selected) node.selected = true;
    return node;
  }

  function fillSelect(select, options) {
    var current = select.value;
    select.textContent = '';
    options.forEach(function (entry) {
      select.appendChild(option(entry[0], entry[1], entry[0] === current));
    });
  }

  function fillFilterOptions() {
    var any = ['', t('queue.any')];
    fillSelect(
      $('filter-status'),
      [any].concat(
        STATUSES.map(function (s) {
          return [s, t('status.' + s)];
        }),
      ),
    );
    var causes = Object.keys(i18next.getResource(session.locale, 'agent', 'cause') || {});
    fillSelect(
      $('filter-cause'),
      [any].concat(
        causes.map(function (id) {
          return [id, t('cause.' + id)];
        }),
        [['none', t('queue.noCause')]],
      ),
    );
    fillSelect(
      $('filter-priority'),
      [any].concat(
        PRIORITIES.map(function (p) {
          return [p, t('priority.' + p)];
        }),
      ),
    );
    fillSelect(
      $('filter-age'),
      [any].concat(
        AGES.map(function (h) {
          return [String(h), t('queue.olderThan' + h + 'h')];
        }),
      ),
    );
  }

  function fillStatusOptions() {
    fillSelect(
      $('status-select'),
      STATUSES.map(function (s) {
        return [s, t('status.' + s)];
      }),
    );
    if (state.ticket) $('status-select').value = state.ticket.status;
  }

  // --- API ---

  function errorText(res) {
    if (res.status === 404) return t('error.notFound');
    if (res.status === 412) return t('error.conflict');
    if (res.status === 413) return t('error.tooLong');
    if (res.status === 409) return t('error.forgotten');
    return t('error.generic');
  }

  // --- live updates ---

  function openStream() {
    closeStream();
    var controller = new AbortController();
    state.stream = controller;
    setLive(false);
    api('/api/agent/events', { signal: controller.signal, headers: { Accept: 'text/event-stream' } })
      .then(function (res) {
        if (!res.ok || !res.body) throw new Error('events ' + res.status);
        setLive(true);
        var reader = res.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) throw new Error('stream ended');
            buffer += decoder.decode(chunk.value, { stream: true });
            var end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              handleEvent(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
            return pump();
          });
        }
        return pump();
      })
      .catch(function () {
        if (state.stream !== controller || controller.signal.aborted) return;
        setLive(false);
        setTimeout(function () {
          if (state.stream === controller && session.token) openStream();
        }, RECONNECT_MS);
      });
  }

  function closeStream() {
    if (state.stream) state.stream.abort();
    state.stream = null;
    setLive(false);
  }

  function setLive(live) {
    $('live').setAttribute('data-state', live ? 'live' : 'offline');
    $('live').textContent = live ? t('queue.live') : t('queue.offline');
  }

  function handleEvent(block) {
    var type = 'message';
    var data = '';
    block.split('\n').forEach(function (line) {
      if (line.indexOf('event: ') === 0) type = line.slice(7);
      else if (line.indexOf('data: ') === 0) data += line.slice(6);
    });
    if (type !== 'ticket' || !data) return;
    var item = JSON.parse(data);
    var known = state.items[item.number];
    if (known && known.version >= item.version) return;
    if (matchesFilters(item)) {
      state.items[item.number] = item;
      renderQueue(item.number);
      announce(t(known ? 'queue.updated' : 'queue.newTicket', { number: item.number }));
    } else if (known) {
      delete state.items[item.number];
      renderQueue();
    }
    if (state.ticket && state.ticket.number === item.number && state.ticket.version < item.version)
      loadTicket(item.number, true);
  }

  // --- queue ---

  function filters() {
    var form = $('filters');
    return {
      status: form.elements.status.value,
      cause: form.elements.cause.value,
      priority: form.elements.priority.value,
      olderThanHours: form.elements.olderThanHours.value,
    };
  }

  function matchesFilters(item) {
    var f = filters();
    if (f.status && item.status !== f.status) return false;
    if (f.priority && item.priority !== f.priority) return false;
    if (f.cause === 'none' && item.cause.id !== null) return false;
    if (f.cause && f.cause !== 'none' && item.cause.id !== f.cause) return false;
    if (f.olderThanHours && Date.now() - Date.parse(item.createdAt) < Number(f.olderThanHours) * 3600000) return false;
    return true;
  }

  function queueQuery(cursor) {
    var f = filters();
    var query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    Object.keys(f).forEach(function (name) {
      if (f[name]) query.set(name, f[name]);
    });
    if (cursor) query.set('cursor', cursor);
    return '/api/tickets?' + query.toString();
  }

  function loadQueue(more) {
    var generation = (state.listGeneration += 1);
    if (!more) {
      state.items = {};
      state.nextCursor = null;
    }
    $('queue-error').textContent = '';
    return api(queueQuery(more ? state.nextCursor : null))
      .then(function (res) {
        if (!res.ok) throw new Error('list ' + res.status);
        return res.json();
      })
      .then(function (page) {
        if (generation !== state.listGeneration) return;
        page.tickets.forEach(function (ticket) {
          var known = state.items[ticket.number];
          if (!known || known.version < ticket.version) state.items[ticket.number] = toItem(ticket);
        });
        state.nextCursor = page.nextCursor || null;
        renderQueue();
      })
      .catch(function (error) {
        if (error.message !== 'unauthorized') $('queue-error').textContent = t('error.network');
      });
  }

  function toItem(ticket) {
    return {
      number: ticket.number,
      status: ticket.status,
      priority: ticket.priority,
      cause: ticket.cause,
      assignee: ticket.assignee,
      replies: ticket.replies.length,
      createdAt: ticket.createdAt,
      updatedAt: ticket.updatedAt,
      version: ticket.version,
    };
  }

  function renderQueue(freshNumber) {
    var rows = $('queue-rows');
    rows.textContent = '';
    var items = Object.keys(state.items)
      .map(function (number) {
        return state.items[number];
      })
      .sort(function (a, b) {
        return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.number < b.number ? 1 : -1;
      });
    items.forEach(function (item) {
      var row = el('tr', { 'data-number': item.number, class: item.priority === 'high' ? 'high' : '' }, [
        el('td', { 'data-label': t('queue.number') }, [
          el('a', { href: '#/ticket/' + item.number, text: item.number }),
        ]),
        el('td', { 'data-label': t('queue.cause'), text: causeLabel(item.cause) }),
        el('td', { 'data-label': t('queue.status') }, [
          el('span', { class: 'badge ' + item.status, 'data-status': item.status, text: t('status.' + item.status) }),
        ]),
        el('td', { 'data-label': t('queue.priority'), text: t('priority.' + item.priority) }),
        el('td', { 'data-label': t('queue.created') }, [
          el('time', { datetime: item.createdAt, title: formatDate(item.createdAt), text: formatAge(item.createdAt) }),
        ]),
        el('td', { 'data-label': t('queue.replies'), text: String(item.replies) }),
      ]);
      if (item.number === freshNumber) row.classList.add('fresh');
      rows.appendChild(row);
    });
    $('queue-empty').hidden = items.length > 0;
    $('more').hidden = !state.nextCursor;
  }

  // --- ticket page ---

  function card(title, content) {
    return el('section', { class: 'card' }, [el('h3', { text: title })].concat(content));
  }

  function list(items, empty, render) {
    if (items.length === 0) return el('p', { class: 'empty', text: empty });
    return el(
      'ul',
      {},
      items.map(function (item) {
        return el('li', {}, render(item));
      }),
    );
  }

  function facts(pairs) {
    var node = el('dl', { class: 'facts' });
    pairs.forEach(function (pair) {
      node.appendChild(el('dt', { text: pair[0] }));
      node.appendChild(el('dd', {}, [pair[1]]));
    });
    return node;
  }

  function byLine(agent, at) {
    return el('span', { class: 'meta', text: t('ticket.by', { agent: agent, date: formatDate(at) }) });
  }

  function authorOf(ticket, id) {
    var entry = ticket.activity.filter(function (a) {
      return a.value === id;
    })[0];
    return entry ? entry.agent : null;
  }

  function actionText(entry) {
    if (entry.action === 'status') return t('action.status', { value: t('status.' + entry.value) });
    if (entry.action === 'assignee')
      return entry.value === null ? t('action.unassigned') : t('action.assignee', { value: entry.value });
    return t('action.' + entry.action);
  }

  function renderTicket(ticket) {
    $('ticket-heading').textContent = t('ticket.heading', { number: ticket.number });
    var body = $('ticket-body');
    body.textContent = '';
    if (ticket.anonymisedAt)
      body.appendChild(
        el('p', { class: 'meta', text: t('ticket.anonymised', { date: formatDate(ticket.anonymisedAt) }) }),
      );
    var attempts = ticket.attempts;
    body.appendChild(
      card(t('ticket.summary'), [
        facts([
          [t('ticket.cause'), causeLabel(ticket.cause)],
          [
            t('queue.status'),
            el('span', {
              class: 'badge ' + ticket.status,
              id: 'ticket-status',
              'data-status': ticket.status,
              text: t('status.' + ticket.status),
            }),
          ],
          [t('queue.priority'), t('priority.' + ticket.priority)],
          [t('ticket.reference'), ticket.applicationReference || t('ticket.noReference')],
          [
            t('ticket.prompt'),
            ticket.promptText ? el('blockquote', { text: ticket.promptText }) : t('ticket.noPrompt'),
          ],
          [t('ticket.channel'), ticket.channelId],
          [t('ticket.locale'), ticket.locale],
          [t('ticket.assignee'), ticket.assignee || t('ticket.unassigned')],
          [t('ticket.created'), formatDate(ticket.createdAt)],
          [t('ticket.updated'), formatDate(ticket.updatedAt)],
        ]),
      ]),
    );
    body.appendChild(
      card(t('ticket.attempts'), [
        attempts
          ? el('ul', {}, [
              el('li', { text: t('ticket.failures', { count: attempts.failures }) }),
              attempts.lastFailureAt
                ? el('li', { text: t('ticket.lastFailure', { date: formatDate(attempts.lastFailureAt) }) })
                : null,
              el('li', {
                text: attempts.restrictedUntil
                  ? t('ticket.restrictedUntil', { date: formatDate(attempts.restrictedUntil) })
                  : t('ticket.notRestricted'),
              }),
            ])
          : el('p', { class: 'empty', text: t('ticket.noAttempts') }),
      ]),
    );
    body.appendChild(
      card(t('ticket.checks'), [
        list(ticket.photoChecks, t('ticket.noChecks'), function (check) {
          return [
            t('check.' + check.id, { defaultValue: check.id }) + ': ',
            el('span', { class: 'badge check-' + check.status, text: t('checkStatus.' + check.status) }),
          ];
        }),
      ]),
    );
    body.appendChild(
      card(t('ticket.info'), [
        list(ticket.infoFindings, t('ticket.noInfo'), function (finding) {
          return [t('field.' + finding.field) + ': ' + t('rule.' + finding.rule, { defaultValue: finding.rule })];
        }),
      ]),
    );
    var steps =
      ticket.steps.length === 0
        ? el('p', { class: 'empty', text: t('ticket.noSteps') })
        : el(
            'ol',
            {},
            ticket.steps.map(function (step) {
              return el('li', {}, [
                t('cause.' + step.topic, { defaultValue: step.topic }) + ' › ',
                el('code', { text: step.step }),
              ]);
            }),
          );
    body.appendChild(card(t('ticket.steps'), [steps]));
    body.appendChild(
      card(t('ticket.replies'), [
        list(ticket.replies, t('ticket.noReplies'), function (reply) {
          var author = authorOf(ticket, reply.id);
          return [
            el('blockquote', { text: reply.text }),
            author ? byLine(author, reply.createdAt) : null,
            ' ',
            el('span', {
              class: 'meta',
              text: reply.deliveredAt
                ? t('ticket.delivered', { date: formatDate(reply.deliveredAt) })
                : t('ticket.pending'),
            }),
          ];
        }),
      ]),
    );
    body.appendChild(
      card(t('ticket.notes'), [
        list(ticket.notes, t('ticket.noNotes'), function (note) {
          var author = authorOf(ticket, note.id);
          return [
            el('blockquote', { text: note.text }),
            author ? byLine(author, note.createdAt) : el('span', { class: 'meta', text: formatDate(note.createdAt) }),
          ];
        }),
      ]),
    );
    body.appendChild(
      card(t('ticket.activity'), [
        list(ticket.activity.slice().reverse(), t('ticket.noActivity'), function (entry) {
          return [
            entry.agent + ' — ' + actionText(entry) + ' ',
            el('span', { class: 'meta', text: formatDate(entry.at) }),
          ];
        }),
      ]),
    );
    $('status-select').value = ticket.status;
    $('reply-form').hidden = Boolean(ticket.anonymisedAt);
  }

  function loadTicket(number, quiet) {
    return api('/api/tickets/' + encodeURIComponent(number))
      .then(function (res) {
        if (!res.ok) {
          $('ticket-error').textContent = errorText(res);
          $('ticket-body').textContent = '';
          $('ticket-forms').hidden = true;
          return;
        }
        state.etag = res.headers.get('ETag');
        return res.json().then(function (ticket) {
          state.ticket = ticket;
          $('ticket-error').textContent = '';
          $('ticket-forms').hidden = false;
          renderTicket(ticket);
          if (!quiet) $('ticket-heading').focus();
        });
      })
      .catch(function (error) {
        if (error.message !== 'unauthorized') $('ticket-error').textContent = t('error.network');
      });
  }

  function submitting(form, work) {
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    $('form-result').textContent = '';
    return work()
      .catch(function (error) {
        if (error.message !== 'unauthorized') $('ticket-error').textContent = t('error.network');
      })
      .then(function () {
        button.disabled = false;
      });
  }

  function patchTicket(change, done) {
    var number = state.ticket.number;
    return api('/api/tickets/' + encodeURIComponent(number), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'If-Match': state.etag },
      body: JSON.stringify(change),
    }).then(function (res) {
      if (!res.ok) {
        $('ticket-error').textContent = errorText(res);
        if (res.status === 412) return loadTicket(number, true);
        return undefined;
      }
      state.etag = res.headers.get('ETag');
      return res.json().then(function (ticket) {
        state.ticket = ticket;
        $('ticket-error').textContent = '';
        renderTicket(ticket);
        done(ticket);
      });
    });
  }

  function onStatus(event) {
    event.preventDefault();
    var status = $('status-select').value;
    submitting(event.target, function () {
      return patchTicket({ status: status }, function (ticket) {
        $('form-result').textContent = t('change.saved', { status: t('status.' + ticket.status) });
      });
    });
  }

  function onNote(event) {
    event.preventDefault();
    var text = $('note-text').value.trim();
    if (!text) {
      $('form-result').textContent = t('error.empty');
      return;
    }
    submitting(event.target, function () {
      return patchTicket({ note: text }, function () {
        $('note-text').value = '';
        $('form-result').textContent = t('note.added');
      });
    });
  }

  function onReply(event) {
    event.preventDefault();
    var text = $('reply-text').value.trim();
    if (!text) {
      $('form-result').textContent = t('error.empty');
      return;
    }
    var number = state.ticket.number;
    submitting(event.target, function () {
      return api('/api/tickets/' + encodeURIComponent(number) + '/reply', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: text }),
      }).then(function (res) {
        if (!res.ok && res.status !== 202) {
          $('ticket-error').textContent = errorText(res);
          return undefined;
        }
        $('reply-text').value = '';
        $('form-result').textContent = res.status === 200 ? t('reply.sent') : t('reply.queued');
        return loadTicket(number, true);
      });
    });
  }

  // --- routing ---

  function route() {
    if (!session.token || !session.agent) return;
    var match = /^#\/ticket\/([A-Za-z0-9-]+)$/.exec(location.hash);
    $('form-result').textContent = '';
    if (match) {
      show('ticket-view');
      state.ticket = null;
      $('ticket-heading').textContent = t('ticket.heading', { number: match[1] });
      loadTicket(match[1], false);
    } else {
      show('queue-view');
      state.ticket = null;
      loadQueue(false).then(function () {
        $('queue-heading').focus();
      });
    }
  }

  function start() {
    $('sign-out').addEventListener('click', function () {
      location.hash = '#/';
    });
    $('filters').addEventListener('change', function () {
      loadQueue(false);
    });
    $('more').addEventListener('click', function () {
      loadQueue(true);
    });
    $('status-form').addEventListener('submit', onStatus);
    $('note-form').addEventListener('submit', onNote);
    $('reply-form').addEventListener('submit', onReply);
    window.addEventListener('hashchange', route);
    K.start({
      titleKey: 'title',
      onTexts: onTexts,
      onSignedIn: function () {
        openStream();
        route();
      },
      onSignedOut: closeStream,
    });
  }

  start();
})();
