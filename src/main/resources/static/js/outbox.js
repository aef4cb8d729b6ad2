// What the pages that work without network share (the door form, the guard's screen): small DOM
// and storage helpers, ids made on the phone, and an outbox in localStorage uploaded in order
// when the network is there. An upload repeated any number of times is stored once by the
// server (it knows the id), so a retry after a lost answer is always safe.
(function () {
  'use strict';

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; }
      else if (k === 'onclick' || k === 'oninput' || k === 'onchange') { e[k] = attrs[k]; }
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }

  function load(key, fallback) {
    try { var v = localStorage.getItem(key); return v ? JSON.parse(v) : fallback; } catch (e) { return fallback; }
  }

  function store(key, value) { localStorage.setItem(key, JSON.stringify(value)); }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function fmt(s, args) { return s.replace(/\{(\d+)\}/g, function (m, i) { return args[i]; }); }

  function isJson(r) { return (r.headers.get('Content-Type') || '').indexOf('json') >= 0; }

  function jsonHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var h = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (token && header) { h[header.content] = token.content; }
    return h;
  }

  /** The message of a problem detail: every field error, or the detail, or the title. */
  function problemText(json) {
    return json.errors ? json.errors.map(function (e) { return e.message; }).join('；') : (json.detail || json.title);
  }

  /**
   * An outbox under a localStorage key. Items are objects with a status (PENDING, UPLOADED,
   * REJECTED); opts.idOf(item) names one, opts.request(item) gives {url, body} to POST.
   * Callbacks: onUploaded(item, json) and onRejected(item, message) change the item before it is
   * stored; onSignedOut(), onNetwork(online) and onChange() tell the page.
   */
  function Outbox(key, opts) {
    var syncing = false;
    var keep = opts.keepUploaded || 50;
    function items() { return load(key, []); }
    function save(list) {
      var uploaded = list.filter(function (i) { return i.status === 'UPLOADED'; });
      if (uploaded.length > keep) {
        var old = uploaded.slice(0, uploaded.length - keep).map(opts.idOf);
        list = list.filter(function (i) { return old.indexOf(opts.idOf(i)) < 0; });
      }
      store(key, list);
    }
    function put(item) {
      var id = opts.idOf(item);
      var list = items().filter(function (i) { return opts.idOf(i) !== id; });
      list.push(item);
      save(list);
    }
    function update(id, change) {
      var list = items();
      list.forEach(function (i) { if (opts.idOf(i) === id) { change(i); } });
      save(list);
    }
    function drop(id) { store(key, items().filter(function (i) { return opts.idOf(i) !== id; })); }
    function pending() { return items().filter(function (i) { return i.status === 'PENDING'; }); }
    function tell(name) { if (opts[name]) { opts[name].apply(null, Array.prototype.slice.call(arguments, 1)); } }

    // uploads one item; resolves to 'next' (answered), 'stop' (signed out or no network)
    function upload(item) {
      var req = opts.request(item);
      return fetch(req.url, { method: 'POST', headers: jsonHeaders(), body: JSON.stringify(req.body), credentials: 'same-origin', redirect: 'manual' })
        .then(function (r) {
          if (r.type === 'opaqueredirect' || r.status === 401 || r.status === 403 || !isJson(r)) {
            // signed out (the session ended): keep everything, say what to do
            tell('onSignedOut');
            return { what: 'stop' };
          }
          return r.json().then(function (json) {
            var id = opts.idOf(item);
            if (r.ok) {
              update(id, function (i) { i.status = 'UPLOADED'; i.result = json; tell('onUploaded', i, json); });
            }
            else {
              var msg = problemText(json);
              update(id, function (i) { i.status = 'REJECTED'; i.error = msg; tell('onRejected', i, msg); });
            }
            return { what: 'next', ok: r.ok, json: json };
          });
        })
        .catch(function () { tell('onNetwork', false); return { what: 'stop' }; });
    }

    function sync() {
      if (syncing) { return Promise.resolve(); }
      var next = pending()[0];
      if (!next) { return Promise.resolve(); }
      syncing = true;
      return upload(next).then(function (res) {
        syncing = false;
        tell('onChange');
        if (res.what === 'next') { tell('onNetwork', true); return sync(); }
      });
    }

    /** Uploads this item now, ahead of the queue; resolves to its answer, or null without one. */
    function send(item) {
      put(item);
      if (syncing) { return Promise.resolve(null); }
      syncing = true;
      return upload(item).then(function (res) {
        syncing = false;
        tell('onChange');
        if (res.what === 'next') { tell('onNetwork', true); sync(); return res; }
        return null;
      });
    }

    return { items: items, put: put, update: update, drop: drop, pending: pending, sync: sync, send: send };
  }

  window.ShouwangOffline = { el: el, load: load, store: store, uuid: uuid, fmt: fmt, isJson: isJson,
    jsonHeaders: jsonHeaders, problemText: problemText, Outbox: Outbox };
})();
