// Keeps the door form (入户登记) and the guard's screen (卡点核验) usable without network: the page and its scripts are cached
// when seen, and served from the cache when the network is gone. Data (doors, saved visits)
// lives in the page's localStorage, not here.
var CACHE = 'shouwang-offline-v2';
var SHELL = ['/css/app.css', '/js/app.js', '/js/outbox.js', '/js/door.js', '/js/guard.js', '/webjars/htmx.org/dist/htmx.min.js'];

self.addEventListener('install', function (e) {
  self.skipWaiting();
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(SHELL); }).catch(function () {}));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (e) {
  var url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin) { return; }
  var page = /^\/survey\/campaigns\/\d+\/door$/.test(url.pathname) || /^\/guard\/checkpoints\/\d+$/.test(url.pathname);
  var shell = /^\/(css|js|webjars)\//.test(url.pathname);
  if (!page && !shell) { return; }
  // network first, so a worker online always gets the current page; the cache when offline
  e.respondWith(fetch(e.request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(CACHE).then(function (c) { c.put(e.request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(e.request, { ignoreSearch: true }).then(function (hit) { return hit || Response.error(); });
  }));
});
