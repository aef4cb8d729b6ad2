// Reports: the clock of each urgent report ([data-due]: an ISO instant) counts down every second,
// "剩余 1:23:45" until due, then "已超时 0:12:03" in red; the labels come from the page
// (data-left, data-over) so the text stays in the message bundles.
(function () {
  function pad(n) { return n < 10 ? '0' + n : '' + n; }
  function hms(s) { return Math.floor(s / 3600) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60); }
  function tick() {
    document.querySelectorAll('[data-due]').forEach(function (el) {
      var left = Math.round((Date.parse(el.getAttribute('data-due')) - Date.now() - (window.__clockSkew || 0)) / 1000);
      var over = left < 0;
      el.textContent = (over ? el.getAttribute('data-over') : el.getAttribute('data-left')) + ' ' + hms(Math.abs(left));
      el.classList.toggle('red', over);
    });
  }
  function start() {
    var now = document.querySelector('[data-server-now]');
    // the server's clock rules (a test may fix it): remember how far the browser's is off
    if (now) { window.__clockSkew = Date.now() - Date.parse(now.getAttribute('data-server-now')); }
    tick();
    setInterval(tick, 1000);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
