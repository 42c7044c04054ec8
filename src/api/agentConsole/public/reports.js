/* The outcome reports: the same agent sign-in as the console, a date range, charts (chart.js, served by this server) each with its table. */
(function () {
  'use strict';

  var K = window.KycConsole;
  var $ = K.$;
  var t = K.t;
  var el = K.el;
  var session = K.session;
  var DAY_MS = 86400000;
  var COLORS = { resolved: '#1f7a3a', escalated: '#b5471b', abandoned: '#8a8f98', open: '#c9a227' };
  var STATUS_COLORS = { pass: '#1f7a3a', warn: '#c9a227', fail: '#b5471b', skipped: '#8a8f98' };

  var state = { report: null };
  var charts = {};

  function causeLabel(id) {
    if (id === 'none') return t('queue.noCause');
    return t('cause.' + id, { defaultValue: id });
  }

  function number(value, digits) {
    if (value === null || value === undefined) return '—';
    return new Intl.NumberFormat(session.locale, { maximumFractionDigits: digits || 0 }).format(value);
  }

  function percent(rate) {
    if (rate === null) return '—';
    return new Intl.NumberFormat(session.locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  }

  function duration(seconds) {
    if (seconds === null) return '—';
    if (seconds < 120) return t('reports.seconds', { count: Math.round(seconds) });
    if (seconds < 7200) return t('reports.minutes', { count: Math.round(seconds / 60) });
    return t('reports.hours', { count: Math.round(seconds / 360) / 10 });
  }

  function isoDay(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  // --- the report ---

  function range() {
    return { from: $('range-from').value, to: $('range-to').value };
  }

  function setRange(days) {
    var today = Date.now();
    $('range-to').value = isoDay(today);
    $('range-from').value = isoDay(today - (days - 1) * DAY_MS);
  }

  function fetchReport(format) {
    var r = range();
    var query = '?from=' + encodeURIComponent(r.from) + '&to=' + encodeURIComponent(r.to);
    if (format) query += '&format=' + format;
    return K.api('/api/reports' + query).then(function (res) {
      if (!res.ok) {
        return res.json().then(
          function (body) {
            throw new Error(res.status === 400 ? t('reports.badRange') + ' ' + body.error.message : t('error.generic'));
          },
          function () {
            throw new Error(t('error.generic'));
          },
        );
      }
      return res;
    });
  }

  function load() {
    $('reports-error').textContent = '';
    return fetchReport()
      .then(function (res) {
        return res.json();
      })
      .then(function (report) {
        state.report = report;
        render(report);
        $('announce').textContent = t('reports.loaded', { from: report.from, to: report.to });
      })
      .catch(function (error) {
        if (error.message !== 'unauthorized') $('reports-error').textContent = error.message;
      });
  }

  function downloadCsv() {
    fetchReport('csv')
      .then(function (res) {
        return res.blob();
      })
      .then(function (blob) {
        var r = range();
        var link = el('a', {
          href: URL.createObjectURL(blob),
          download: 'kyc-bot-report-' + r.from + '-' + r.to + '.csv',
        });
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () {
          URL.revokeObjectURL(link.href);
        }, 1000);
      })
      .catch(function (error) {
        if (error.message !== 'unauthorized') $('reports-error').textContent = error.message;
      });
  }

  function table(containerId, headers, rows) {
    var head = el(
      'tr',
      {},
      headers.map(function (h) {
        return el('th', { scope: 'col', text: h });
      }),
    );
    var body = rows.map(function (row) {
      return el(
        'tr',
        {},
        row.map(function (cell, index) {
          return el(
            index === 0 ? 'th' : 'td',
            index === 0 ? { scope: 'row', text: String(cell) } : { text: String(cell) },
          );
        }),
      );
    });
    var container = $(containerId);
    container.textContent = '';
    container.appendChild(el('table', {}, [el('thead', {}, [head]), el('tbody', {}, body)]));
  }

  function chart(id, config, description) {
    if (charts[id]) charts[id].destroy();
    var canvas = $(id);
    canvas.setAttribute('aria-label', description);
    config.options = Object.assign(
      { responsive: true, maintainAspectRatio: false, animation: false },
      config.options || {},
    );
    charts[id] = new Chart(canvas, config);
  }

  function summaryItem(label, value) {
    return el('div', {}, [el('dt', { text: label }), el('dd', { text: value })]);
  }

  function renderChecks(prefix, checks) {
    var statuses = ['pass', 'warn', 'fail', 'skipped'];
    chart(
      'chart-' + prefix,
      {
        type: 'bar',
        data: {
          labels: checks.checks.map(function (c) {
            return c.check;
          }),
          datasets: statuses.map(function (status) {
            return {
              label: t('reports.status.' + status),
              backgroundColor: STATUS_COLORS[status],
              data: checks.checks.map(function (c) {
                return c[status];
              }),
            };
          }),
        },
        options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
      },
      t('reports.verdicts', { pass: checks.verdicts.pass, fail: checks.verdicts.fail }),
    );
    table(
      'table-' + prefix,
      [t('reports.check')].concat(
        statuses.map(function (s) {
          return t('reports.status.' + s);
        }),
      ),
      checks.checks.map(function (c) {
        return [c.check, c.pass, c.warn, c.fail, c.skipped];
      }),
    );
  }

  function render(report) {
    $('reports-body').hidden = false;
    var summary = $('summary');
    summary.textContent = '';
    var overall = report.containment.overall;
    [
      summaryItem(t('reports.totalConversations'), number(report.conversations.total)),
      summaryItem(t('reports.containmentRate'), percent(overall.containmentRate)),
      summaryItem(t('reports.escalated'), number(overall.escalated)),
      summaryItem(t('reports.averageRating'), number(report.satisfaction.overall.average, 2)),
      summaryItem(t('reports.ratings'), number(report.satisfaction.overall.count)),
      summaryItem(t('reports.medianFirstReply'), duration(report.firstAgentReply.medianSeconds)),
    ].forEach(function (item) {
      summary.appendChild(item);
    });

    var days = report.conversations.perDay;
    chart(
      'chart-conversations',
      {
        type: 'bar',
        data: {
          labels: days.map(function (d) {
            return d.day;
          }),
          datasets: [
            {
              label: t('reports.conversations'),
              backgroundColor: '#0b5cad',
              data: days.map(function (d) {
                return d.count;
              }),
            },
          ],
        },
        options: { scales: { y: { beginAtZero: true } } },
      },
      t('reports.conversationsDescription', { total: report.conversations.total }),
    );
    table(
      'table-conversations',
      [t('reports.day'), t('reports.count')],
      days.map(function (d) {
        return [d.day, d.count];
      }),
    );

    $('abandon-note').textContent = t('reports.abandonNote', { hours: report.abandonAfterHours });
    var causes = report.containment.perCause;
    var outcomes = ['resolved', 'escalated', 'abandoned', 'open'];
    chart(
      'chart-containment',
      {
        type: 'bar',
        data: {
          labels: causes.map(function (c) {
            return causeLabel(c.cause);
          }),
          datasets: outcomes.map(function (outcome) {
            return {
              label: t('reports.' + outcome),
              backgroundColor: COLORS[outcome],
              data: causes.map(function (c) {
                return c[outcome];
              }),
            };
          }),
        },
        options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } },
      },
      t('reports.containmentDescription', { rate: percent(overall.containmentRate) }),
    );
    table(
      'table-containment',
      [t('queue.cause'), t('reports.started')].concat(
        outcomes.map(function (o) {
          return t('reports.' + o);
        }),
        [t('reports.containmentRate')],
      ),
      causes.map(function (c) {
        return [
          causeLabel(c.cause),
          c.started,
          c.resolved,
          c.escalated,
          c.abandoned,
          c.open,
          percent(c.containmentRate),
        ];
      }),
    );

    renderChecks('photo', report.photoChecks);
    renderChecks('selfie', report.selfieChecks);

    var rules = report.infoChecks.rules;
    chart(
      'chart-info',
      {
        type: 'bar',
        data: {
          labels: rules.map(function (r) {
            return r.rule;
          }),
          datasets: [
            {
              label: t('reports.found'),
              backgroundColor: '#6b3fa0',
              data: rules.map(function (r) {
                return r.count;
              }),
            },
          ],
        },
        options: { indexAxis: 'y', scales: { x: { beginAtZero: true } } },
      },
      t('reports.infoDescription', { match: report.infoChecks.match, mismatch: report.infoChecks.mismatch }),
    );
    table(
      'table-info',
      [t('reports.rule'), t('reports.found')],
      rules.map(function (r) {
        return [r.rule, r.count];
      }),
    );

    var ratings = report.satisfaction.perCause;
    chart(
      'chart-satisfaction',
      {
        type: 'bar',
        data: {
          labels: ratings.map(function (r) {
            return causeLabel(r.cause);
          }),
          datasets: [
            {
              label: t('reports.averageRating'),
              backgroundColor: '#0b5cad',
              data: ratings.map(function (r) {
                return r.average;
              }),
            },
          ],
        },
        options: { scales: { y: { min: 0, max: 5 } } },
      },
      t('reports.satisfactionDescription', {
        average: number(report.satisfaction.overall.average, 2),
        count: report.satisfaction.overall.count,
      }),
    );
    table(
      'table-satisfaction',
      [t('queue.cause'), t('reports.averageRating'), t('reports.ratings')],
      ratings
        .map(function (r) {
          return [causeLabel(r.cause), number(r.average, 2), r.count];
        })
        .concat(
          report.satisfaction.perSource.map(function (s) {
            return [t('reports.source.' + s.source), number(s.average, 2), s.count];
          }),
        ),
    );
  }

  function start() {
    setRange(30);
    $('range-form').addEventListener('submit', function (event) {
      event.preventDefault();
      load();
    });
    Array.prototype.forEach.call(document.querySelectorAll('.preset'), function (button) {
      button.addEventListener('click', function () {
        setRange(Number(button.getAttribute('data-days')));
        load();
      });
    });
    $('download-csv').addEventListener('click', downloadCsv);
    K.start({
      titleKey: 'reports.title',
      onTexts: function () {
        if (state.report) render(state.report);
      },
      onSignedIn: function () {
        K.show('reports-view');
        $('reports-heading').focus();
        return load();
      },
      onSignedOut: function () {
        state.report = null;
        $('reports-body').hidden = true;
      },
    });
  }

  start();
})();
