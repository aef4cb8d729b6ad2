// The guard's screen (卡点核验). One hand, one tap for a normal temperature, the decision full
// screen at once. Every scan is saved on the phone first with an id made here and uploaded in
// order (outbox.js); without network the screen decides from the pass's Ed25519 signature, its
// expiry and the last revocation list it fetched, says the decision is provisional, and the
// server's decision is stored when the scan is uploaded.
(function () {
  'use strict';
  var O = window.ShouwangOffline;
  var el = O.el, load = O.load, store = O.store, fmt = O.fmt;
  var G = window.GUARD;
  var T = G.texts;
  var KEY = 'shouwang.guard.v1.' + G.user + '.';
  var OUTBOX = KEY + 'outbox';
  var REVOKED = KEY + 'revocations.' + G.checkpointId;
  var PUBKEY = KEY + 'publicKey';
  var state = { direction: 'IN', temperature: 36.5, lastPass: null, lastIdNumber: null, lastVisitor: null };
  var scanning = null;

  function $(id) { return document.getElementById(id); }
  // a resident without their code gives their 居民身份证 number; anything else typed is a pass code
  var ID_NUMBER = /^\d{17}[\dXx]$/;

  var queue = O.Outbox(OUTBOX, {
    idOf: function (i) { return i.passage.id; },
    request: function (i) { return { url: '/guard/checkpoints/' + i.checkpointId + '/passages.json', body: i.passage }; },
    onUploaded: function () { problem(null); },
    onRejected: function () { problem(null); },
    onSignedOut: function () { problem(T.loginAgain); },
    onNetwork: function (on) { setOnline(on); },
    onChange: function () { renderRecent(); }
  });

  // the public key: the page's, kept on the phone for a reload without network
  if (G.publicKey) { store(PUBKEY, G.publicKey); }
  var publicKey = G.publicKey || load(PUBKEY, null);

  function problem(text) { var p = $('sync-problem'); p.hidden = !text; p.textContent = text || ''; }

  function setOnline(on) {
    var s = $('net-state');
    s.textContent = on ? T.online : T.offline;
    s.className = 'badge ' + (on ? 'green' : 'red');
  }

  // ---- direction and temperature ----
  function setDirection(d) {
    state.direction = d;
    [['dir-in', 'IN'], ['dir-out', 'OUT']].forEach(function (b) {
      $(b[0]).className = b[1] === d ? 'on' : '';
      $(b[0]).setAttribute('aria-pressed', String(b[1] === d));
    });
  }

  function setTemperature(t) {
    state.temperature = Math.round(Math.min(43, Math.max(34, t)) * 10) / 10;
    $('temp').textContent = state.temperature.toFixed(1);
    $('temp').className = state.temperature >= G.feverThreshold ? 'high' : '';
  }

  // ---- the decision, full screen ----
  function show(decision, reason, name, provisional) {
    var box = $('decision');
    box.className = 'decision ' + decision.toLowerCase();
    box.setAttribute('data-decision', decision);
    $('decision-word').textContent = decision === 'ALLOWED' ? T.allowed : decision === 'REMEASURE' ? T.remeasure : T.turnedBack;
    $('decision-name').textContent = name || '';
    $('decision-reason').textContent = reason || '';
    $('decision-provisional').hidden = !provisional;
    $('remeasure').hidden = decision !== 'REMEASURE';
    $('decision-temp').hidden = decision !== 'REMEASURE';
    $('re-temp').textContent = state.temperature.toFixed(1);
    box.hidden = false;
    $(decision === 'REMEASURE' ? 'remeasure' : 'next').focus();
  }

  function closeDecision() {
    $('decision').hidden = true;
    $('code').value = '';
    setTemperature(36.5);
    state.lastPass = null;
    state.lastIdNumber = null;
    state.lastVisitor = null;
  }

  // ---- offline verification: signature, expiry, revocation list ----
  function fromB64url(s) {
    s = s.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) { s += '='; }
    var bin = atob(s);
    var a = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { a[i] = bin.charCodeAt(i); }
    return a;
  }

  function hex(bytes) { return Array.prototype.map.call(bytes, function (x) { return (x + 0x100).toString(16).slice(1); }).join(''); }

  function verifyOffline(code) {
    var bytes;
    // SWP2 codes carry the server's own tag after the signature (checked online only); SWP1 codes do not
    var version = code.indexOf('SWP2.') === 0 ? 2 : code.indexOf('SWP1.') === 0 ? 1 : 0;
    try { bytes = version ? fromB64url(code.slice(5)) : null; } catch (e) { bytes = null; }
    if (!bytes || bytes.length !== (version === 2 ? 101 : 85)) { return Promise.resolve({ malformed: true }); }
    if (!window.crypto || !crypto.subtle || !publicKey) { return Promise.resolve({ cannot: true }); }
    return crypto.subtle.importKey('raw', fromB64url(publicKey), { name: 'Ed25519' }, false, ['verify'])
      .then(function (key) { return crypto.subtle.verify({ name: 'Ed25519' }, key, bytes.slice(21, 85), bytes.slice(0, 21)); })
      .then(function (ok) {
        if (!ok || bytes[0] !== version) { return { decision: 'TURNED_BACK', reason: T.forged }; }
        var h = hex(bytes.slice(1, 17));
        var id = h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
        var expires = ((bytes[17] << 24) >>> 0) + (bytes[18] << 16) + (bytes[19] << 8) + bytes[20];
        if (Date.now() / 1000 >= expires) { return { decision: 'TURNED_BACK', reason: T.expired }; }
        var revoked = load(REVOKED, { ids: {} }).ids;
        if (revoked[id]) { return { decision: 'TURNED_BACK', reason: T.revoked }; }
        return null;
      })
      .catch(function () { return { cannot: true }; });
  }

  function temperatureVerdict(remeasure) {
    if (state.temperature < G.feverThreshold) { return { decision: 'ALLOWED', reason: T.allowedReason }; }
    return remeasure ? { decision: 'TURNED_BACK', reason: T.fever } : { decision: 'REMEASURE', reason: T.remeasureReason };
  }

  // ---- a scan or a visitor: saved, sent, decided ----
  function submit(what, remeasure) {
    var passage = { id: O.uuid(), at: new Date().toISOString(), direction: state.direction,
      temperature: state.temperature, plate: ($('plate').value || '').trim() || null, remeasure: !!remeasure };
    if (what.pass) { passage.pass = what.pass; } else if (what.idNumber) { passage.idNumber = what.idNumber; } else { passage.visitor = what.visitor; }
    state.lastPass = what.pass || null;
    state.lastIdNumber = what.idNumber || null;
    state.lastVisitor = what.visitor || null;
    // a typed ID number is looked up in the registry: without the network there is nothing to decide on
    if (what.idNumber && navigator.onLine === false) {
      show('TURNED_BACK', T.idNeedsNetwork, '', true);
      return Promise.resolve();
    }
    var item = { passage: passage, checkpointId: G.checkpointId, status: 'PENDING', savedAt: Date.now() };
    var local = what.pass ? verifyOffline(what.pass) : Promise.resolve(null);
    return local.then(function (offline) {
      if (offline && offline.malformed) {
        show('TURNED_BACK', T.malformed, '', false);
        return;
      }
      $('decision-word').textContent = T.checking;
      return queue.send(item).then(function (answer) {
        if (answer && answer.ok) {
          show(answer.json.decision, answer.json.reason, answer.json.name, false);
        }
        else if (answer) {
          show('TURNED_BACK', fmt(T.rejected, [O.problemText(answer.json)]), '', false);
        }
        else if (offline && offline.cannot) {
          show('TURNED_BACK', T.cannotVerify, '', true);
        }
        else if (what.idNumber) {
          // not kept for later: the guard has turned the person back, a later upload would say otherwise
          queue.drop(passage.id);
          show('TURNED_BACK', T.idNeedsNetwork, '', true);
        }
        else {
          var v = offline || temperatureVerdict(remeasure);
          queue.update(passage.id, function (i) { i.provisional = v; });
          show(v.decision, v.reason, '', true);
        }
        renderRecent();
      });
    });
  }

  // ---- revocations: fetched when online, kept for offline ----
  function fetchRevocations() {
    var kept = load(REVOKED, { asOf: null, ids: {} });
    var url = '/guard/checkpoints/' + G.checkpointId + '/revocations.json' + (kept.asOf ? '?since=' + encodeURIComponent(kept.asOf) : '');
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', redirect: 'manual' })
      .then(function (r) { return O.isJson(r) && r.ok ? r.json() : Promise.reject(r); })
      .then(function (json) {
        json.revoked.forEach(function (r) { kept.ids[r.id] = r.revokedAt; });
        kept.asOf = json.asOf;
        store(REVOKED, kept);
        renderRevocations();
      })
      .catch(function () { renderRevocations(); });
  }

  function renderRevocations() {
    var kept = load(REVOKED, { asOf: null });
    $('revocations-state').textContent = kept.asOf ? fmt(T.revocationsAsOf, [new Date(kept.asOf).toLocaleString()]) : '';
  }

  function renderRecent() {
    var items = queue.items();
    var pending = items.filter(function (i) { return i.status === 'PENDING'; }).length;
    $('pending-count').textContent = pending ? fmt(T.queued, [pending]) : T.queueNone;
    var list = $('recent');
    list.textContent = '';
    items.slice(-20).reverse().forEach(function (i) {
      var r = i.result || i.provisional;
      var word = r ? (r.decision === 'ALLOWED' ? T.allowed : r.decision === 'REMEASURE' ? T.remeasure : T.turnedBack) : '';
      var li = el('li', { 'class': 'row-card passage-item ' + i.status.toLowerCase(), 'data-passage': i.passage.id, 'data-status': i.status,
        'data-decision': i.result ? i.result.decision : '' }, [
        el('strong', { text: new Date(i.savedAt).toLocaleTimeString() + ' ' + (i.passage.direction === 'IN' ? '↘' : '↗') + ' ' }),
        el('span', { 'class': 'badge' + (r && r.decision === 'ALLOWED' ? ' green' : ' red'), text: word }), ' ',
        el('span', { text: (i.result && i.result.name) || (i.passage.visitor ? i.passage.visitor.name : '') }),
        i.result ? null : el('span', { 'class': 'muted small-text', text: ' · ' + (i.status === 'REJECTED' ? fmt(T.rejected, [i.error]) : T.provisional) })]);
      list.appendChild(li);
    });
  }

  // ---- the camera: the browser's own barcode detector, when there is one ----
  function startScan() {
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      $('no-camera').hidden = false;
      $('code').focus();
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
      var video = $('video');
      video.srcObject = stream;
      $('camera').hidden = false;
      video.play();
      scanning = setInterval(function () {
        detector.detect(video).then(function (codes) {
          if (codes.length && codes[0].rawValue) {
            stopScan();
            submit({ pass: codes[0].rawValue.trim() }, false);
          }
        }).catch(function () {});
      }, 250);
    }).catch(function () { $('no-camera').hidden = false; $('code').focus(); });
  }

  function stopScan() {
    if (scanning) { clearInterval(scanning); scanning = null; }
    var video = $('video');
    if (video.srcObject) { video.srcObject.getTracks().forEach(function (t) { t.stop(); }); video.srcObject = null; }
    $('camera').hidden = true;
  }

  // ---- the visitor's host: households of this checkpoint found by part of the address ----
  var hostTimer = null;
  function findHosts() {
    var q = ($('v-host-q').value || '').trim();
    if (q.length < 2) { return; }
    fetch('/guard/checkpoints/' + G.checkpointId + '/hosts.json?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return O.isJson(r) && r.ok ? r.json() : Promise.reject(r); })
      .then(function (list) {
        var select = $('v-host');
        select.textContent = '';
        select.appendChild(el('option', { value: '', text: T.hostPick }));
        list.forEach(function (h) { select.appendChild(el('option', { value: String(h.id), text: h.address })); });
        if (list.length === 1) { select.value = String(list[0].id); }
      })
      .catch(function () {});
  }

  // ---- wiring ----
  $('v-host-q').oninput = function () { clearTimeout(hostTimer); hostTimer = setTimeout(findHosts, 300); };
  $('dir-in').onclick = function () { setDirection('IN'); };
  $('dir-out').onclick = function () { setDirection('OUT'); };
  $('temp-up').onclick = function () { setTemperature(state.temperature + 0.1); };
  $('temp-down').onclick = function () { setTemperature(state.temperature - 0.1); };
  $('temp-normal').onclick = function () { setTemperature(36.5); };
  $('scan').onclick = startScan;
  $('stop-scan').onclick = stopScan;
  $('code-form').onsubmit = function (e) {
    e.preventDefault();
    var code = ($('code').value || '').trim();
    if (ID_NUMBER.test(code)) { submit({ idNumber: code.toUpperCase() }, false); }
    else if (code) { submit({ pass: code }, false); }
  };
  $('visitor-form').onsubmit = function (e) {
    e.preventDefault();
    submit({ visitor: { name: $('v-name').value.trim(), phone: $('v-phone').value.trim(), reason: $('v-reason').value.trim(),
      hostHouseholdId: Number($('v-host').value) || null } }, false);
  };
  $('next').onclick = function () {
    if (state.lastVisitor) { $('visitor-form').reset(); $('visitor-box').open = false; }
    closeDecision();
  };
  // a second reading (复测): the temperature taken again on the amber screen, one tap to send it
  function reStep(d) { setTemperature(state.temperature + d); $('re-temp').textContent = state.temperature.toFixed(1); }
  $('re-up').onclick = function () { reStep(0.1); };
  $('re-down').onclick = function () { reStep(-0.1); };
  $('remeasure').onclick = function () {
    var again = state.lastPass ? { pass: state.lastPass } : state.lastIdNumber ? { idNumber: state.lastIdNumber } : { visitor: state.lastVisitor };
    submit(again, true);
  };
  window.addEventListener('online', function () { setOnline(true); queue.sync(); fetchRevocations(); });
  window.addEventListener('offline', function () { setOnline(false); });
  setInterval(function () { queue.sync(); }, 10000);
  setInterval(fetchRevocations, 5 * 60 * 1000);

  setOnline(navigator.onLine);
  setTemperature(36.5);
  renderRecent();
  renderRevocations();
  fetchRevocations();
  queue.sync();
  if ('serviceWorker' in navigator && !navigator.webdriver) {
    navigator.serviceWorker.register('/sw.js', { scope: '/guard/' }).catch(function () { /* the page still works online */ });
    if (window.caches && navigator.onLine) {
      caches.open('shouwang-offline-v2').then(function (c) { return c.add(location.pathname); }).catch(function () {});
    }
  }
})();
