// The command dashboard: draws the figures per day with ECharts (served from the app, never a CDN)
// from the page's JSON endpoint, refreshes them every minute, and drills down on a click on a
// child's bar. Labels come from the server in the reader's language.
(function () {
  var root = document.getElementById('dashboard');
  if (!root || !window.echarts) { return; }
  var charts = {};
  function chart(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    if (!charts[id]) { charts[id] = echarts.init(el); }
    return charts[id];
  }
  function series(view, codes, types) {
    return codes.filter(function (c) { return view.dashboard.series[c]; }).map(function (c, i) {
      return { name: view.labels[c] || c, type: types[i] || 'line', data: view.dashboard.series[c], smooth: true };
    });
  }
  function title(id) {
    var el = document.getElementById(id);
    return el ? el.getAttribute('data-title') : '';
  }
  function timeChart(id, view, codes, types, percent) {
    var c = chart(id);
    if (!c) { return; }
    c.setOption({
      title: { text: title(id), textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { top: 24, type: 'scroll' },
      grid: { top: 60, left: 40, right: 12, bottom: 24 },
      xAxis: { type: 'category', data: view.dashboard.days.map(function (d) { return d.substring(5); }) },
      yAxis: { type: 'value', max: percent ? 100 : null, minInterval: 1 },
      series: series(view, codes, types)
    }, true);
  }
  function draw(view) {
    timeChart('chart-keypersons', view, ['keyperson.open', 'keyperson.new'], ['line', 'bar']);
    timeChart('chart-measures', view, ['monitoring.running', 'monitoring.started', 'monitoring.released'], ['line', 'bar', 'bar']);
    timeChart('chart-alerts', view, ['monitoring.alertsOpened', 'monitoring.alertsHandled', 'monitoring.alertsOpen'], ['bar', 'bar', 'line']);
    timeChart('chart-coverage', view, ['survey.coverage', 'monitoring.checksRate'], ['line', 'line'], true);
    timeChart('chart-passages', view, ['checkpoint.passages', 'checkpoint.turnedBack', 'checkpoint.fevers'], ['bar', 'line', 'line']);
    var kids = view.dashboard.children;
    var c = chart('chart-children');
    if (c && kids.length) {
      var codes = ['keyperson.open', 'monitoring.running', 'monitoring.alertsOpen', 'checkpoint.turnedBack'];
      c.setOption({
        title: { text: title('chart-children'), textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis' },
        legend: { top: 24, type: 'scroll' },
        grid: { top: 60, left: 40, right: 12, bottom: 60 },
        xAxis: { type: 'category', data: kids.map(function (k) { return k.name; }), axisLabel: { rotate: 30 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: codes.map(function (code) {
          return { name: view.labels[code] || code, type: 'bar', data: kids.map(function (k) { return k.figures[code] || 0; }) };
        })
      }, true);
      c.off('click');
      c.on('click', function (p) {
        var days = document.getElementById('dashboard-days');
        window.location.href = root.getAttribute('data-drill') + kids[p.dataIndex].nodeId + '/dashboard?days=' + (days ? days.value : 30);
      });
    }
    root.setAttribute('data-drawn', new Date().toISOString());
  }
  function load() {
    fetch(root.getAttribute('data-src'), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (view) { if (view) { draw(view); } })
      .catch(function () { /* keep the last drawing; the next minute tries again */ });
  }
  load();
  setInterval(load, 60000);
  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
})();
