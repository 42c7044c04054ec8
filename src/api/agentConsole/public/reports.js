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

  // --- the sections: one chart and its table each, drawn from this list ---

  /** chart.js options per kind of chart: columns stand up, bars lie down; stacked ones add up their series. */
  var CHART_KINDS = {
    columns: function () {
      return { scales: { y: { beginAtZero: true } } };
    },
    bars: function () {
      return { indexAxis: 'y', scales: { x: { beginAtZero: true } } };
    },
    stackedColumns: function () {
      return { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } };
    },
    stackedBars: function () {
      return { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } };
    },
    ratings: function () {
      return { scales: { y: { min: 0, max: 5 } } };
    },
  };
  var STATUSES = ['pass', 'warn', 'fail', 'skipped'];
  var OUTCOMES = ['resolved', 'escalated', 'abandoned', 'open'];

  /** The value at a dotted path of the report, e.g. at(report, 'conversations.perDay'). */
  function at(report, path) {
    return path.split('.').reduce(function (value, name) {
      return value[name];
    }, report);
  }

  function field(name) {
    return function (item) {
      return item[name];
    };
  }

  /** Each series of a chart is also a column of its table. */
  function asColumns(series) {
    return series.map(function (s) {
      return { key: s.key, cell: s.value };
    });
  }

  function causeOf(item) {
    return causeLabel(item.cause);
  }

  function checksSection(id, titleKey, part) {
    var series = STATUSES.map(function (status) {
      return { key: 'reports.status.' + status, color: STATUS_COLORS[status], value: field(status) };
    });
    return {
      id: id,
      titleKey: titleKey,
      chart: 'stackedColumns',
      rows: part + '.checks',
      label: field('check'),
      series: series,
      columns: [{ key: 'reports.check', cell: field('check') }].concat(asColumns(series)),
      description: function (report) {
        var verdicts = at(report, part + '.verdicts');
        return t('reports.verdicts', { pass: verdicts.pass, fail: verdicts.fail });
      },
    };
  }

  var containmentSeries = OUTCOMES.map(function (outcome) {
    return { key: 'reports.' + outcome, color: COLORS[outcome], value: field(outcome) };
  });

  /**
   * id: the section's element ids (<id>-heading, chart-<id>, table-<id>, <id>-note); rows: where the chart's
   * items are in the report (moreTableRows: more that only the table shows); label(item): an item's name on
   * the chart; series: the chart's datasets; columns: the table's, the first naming the row; note(report):
   * a line under the heading; description(report): what the chart shows, for screen readers.
   */
  var SECTIONS = [
    {
      id: 'conversations',
      titleKey: 'reports.conversations',
      chart: 'columns',
      rows: 'conversations.perDay',
      label: field('day'),
      series: [{ key: 'reports.conversations', color: '#0b5cad', value: field('count') }],
      columns: [
        { key: 'reports.day', cell: field('day') },
        { key: 'reports.count', cell: field('count') },
      ],
      description: function (report) {
        return t('reports.conversationsDescription', { total: report.conversations.total });
      },
    },
    {
      id: 'containment',
      titleKey: 'reports.containment',
      chart: 'stackedBars',
      rows: 'containment.perCause',
      label: causeOf,
      series: containmentSeries,
      columns: [
        { key: 'queue.cause', cell: causeOf },
        { key: 'reports.started', cell: field('started') },
      ].concat(asColumns(containmentSeries), [
        {
          key: 'reports.containmentRate',
          cell: function (c) {
            return percent(c.containmentRate);
          },
        },
      ]),
      note: function (report) {
        return t('reports.abandonNote', { hours: report.abandonAfterHours });
      },
      description: function (report) {
        return t('reports.containmentDescription', { rate: percent(report.containment.overall.containmentRate) });
      },
    },
    checksSection('photo', 'reports.photoChecks', 'photoChecks'),
    checksSection('selfie', 'reports.selfieChecks', 'selfieChecks'),
    {
      id: 'info',
      titleKey: 'reports.infoRules',
      chart: 'bars',
      rows: 'infoChecks.rules',
      label: field('rule'),
      series: [{ key: 'reports.found', color: '#6b3fa0', value: field('count') }],
      columns: [
        { key: 'reports.rule', cell: field('rule') },
        { key: 'reports.found', cell: field('count') },
      ],
      description: function (report) {
        return t('reports.infoDescription', { match: report.infoChecks.match, mismatch: report.infoChecks.mismatch });
      },
    },
    {
      id: 'satisfaction',
      titleKey: 'reports.satisfaction',
      chart: 'ratings',
      rows: 'satisfaction.perCause',
      moreTableRows: 'satisfaction.perSource',
      label: causeOf,
      series: [{ key: 'reports.averageRating', color: '#0b5cad', value: field('average') }],
      columns: [
        {
          key: 'queue.cause',
          cell: function (r) {
            return r.source === undefined ? causeOf(r) : t('reports.source.' + r.source);
          },
        },
        {
          key: 'reports.averageRating',
          cell: function (r) {
            return number(r.average, 2);
          },
        },
        { key: 'reports.ratings', cell: field('count') },
      ],
      description: function (report) {
        return t('reports.satisfactionDescription', {
          average: number(report.satisfaction.overall.average, 2),
          count: report.satisfaction.overall.count,
        });
      },
    },
  ];

  /** The sections' empty frames, made once before the texts are applied (which fill their data-i18n keys). */
  function buildSections() {
    var container = $('report-sections');
    SECTIONS.forEach(function (section) {
      container.appendChild(
        el('section', { class: 'card chart-card', 'aria-labelledby': section.id + '-heading' }, [
          el('h3', { id: section.id + '-heading', 'data-i18n': section.titleKey }),
          section.note ? el('p', { class: 'meta', id: section.id + '-note' }) : null,
          el('div', { class: 'chart' }, [el('canvas', { id: 'chart-' + section.id, role: 'img' })]),
          el('details', {}, [
            el('summary', { 'data-i18n': 'reports.asTable' }),
            el('div', { id: 'table-' + section.id }),
          ]),
        ]),
      );
    });
  }

  function renderSection(section, report) {
    var items = at(report, section.rows);
    if (section.note) $(section.id + '-note').textContent = section.note(report);
    chart(
      'chart-' + section.id,
      {
        type: 'bar',
        data: {
          labels: items.map(function (item) {
            return section.label(item);
          }),
          datasets: section.series.map(function (s) {
            return {
              label: t(s.key),
              backgroundColor: s.color,
              data: items.map(function (item) {
                return s.value(item);
              }),
            };
          }),
        },
        options: CHART_KINDS[section.chart](),
      },
      section.description(report),
    );
    table(
      'table-' + section.id,
      section.columns.map(function (column) {
        return t(column.key);
      }),
      items.concat(section.moreTableRows ? at(report, section.moreTableRows) : []).map(function (item) {
        return section.columns.map(function (column) {
          return column.cell(item);
        });
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
    SECTIONS.forEach(function (section) {
      renderSection(section, report);
    });
  }

  function start() {
    buildSections();
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
