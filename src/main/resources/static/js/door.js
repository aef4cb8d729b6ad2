// The door form (入户登记). Works without network: the doors of a grid are kept on the phone,
// every visit is saved on the phone first (with an id made here, so a repeated upload is
// stored once by the server), and uploaded when the network is back. Reloading the page loses
// nothing: the saved visits and the visit being entered live in localStorage.
(function () {
  'use strict';
  var O = window.ShouwangOffline;
  var el = O.el, load = O.load, store = O.store, uuid = O.uuid, fmt = O.fmt, isJson = O.isJson;
  var D = window.DOOR;
  var T = D.texts;
  // per user: a phone passed to a colleague never uploads one worker's visits as the other's
  var KEY = 'shouwang.door.v1.' + D.user + '.';
  var OUTBOX = KEY + 'outbox';
  var DRAFT = KEY + 'draft.' + D.campaignId;
  var SYMPTOMS = Object.keys(T.symptoms);
  var queue = O.Outbox(OUTBOX, {
    idOf: function (i) { return i.visit.id; },
    request: function (i) {
      var body = Object.assign({}, i.visit);
      delete body.address;
      return { url: '/survey/visits.json', body: body };
    },
    onUploaded: function (i) { delete i.draft; showProblem(null); },
    onRejected: function () { showProblem(null); },
    onSignedOut: function () { showProblem(T.loginAgain); },
    onNetwork: function (on) { setOnline(on); },
    onChange: function () { renderOutbox(); render(); }
  });
  var doors = [];
  var current = null; // { door, state } while a visit is being entered

  function $(id) { return document.getElementById(id); }

  function gridId() { var g = $('grid'); return g ? g.value : (D.grids.length ? String(D.grids[0]) : null); }


  // ---- the doors of a grid: from the server when online, else from the phone ----
  function doorsKey() { return KEY + 'doors.' + D.campaignId + '.' + gridId(); }

  function fetchDoors() {
    if (!gridId()) { return; }
    var cached = load(doorsKey(), null);
    if (cached) { doors = cached.doors; render(); $('doors-state').textContent = fmt(T.cached, [new Date(cached.at).toLocaleString()]); }
    else { $('doors-state').textContent = T.loading; }
    fetch('/survey/campaigns/' + D.campaignId + '/doors.json?gridId=' + encodeURIComponent(gridId()), { headers: { Accept: 'application/json' } })
      .then(function (r) { return isJson(r) && r.ok ? r.json() : Promise.reject(r); })
      .then(function (list) {
        doors = list;
        store(doorsKey(), { at: Date.now(), doors: list });
        $('doors-state').textContent = '';
        render();
      })
      .catch(function () { if (!cached) { $('doors-state').textContent = T.offline; } });
  }

  function isJson(r) { return (r.headers.get('Content-Type') || '').indexOf('json') >= 0; }

  // an outcome saved on the phone but not yet uploaded overrides what the server last said
  function localOutcome(householdId) {
    var items = queue.items().filter(function (i) { return i.visit.householdId === householdId && i.status !== 'REJECTED'; });
    return items.length ? items[items.length - 1].visit.outcome : null;
  }

  function settled(outcome) { return outcome === 'VISITED' || outcome === 'MOVED_OUT' || outcome === 'VACANT'; }

  function render() {
    var q = ($('door-search').value || '').trim();
    var all = $('show-all').checked;
    var list = $('doors');
    list.textContent = '';
    var shown = 0;
    doors.forEach(function (d) {
      var outcome = localOutcome(d.householdId) || d.outcome;
      if (!all && settled(outcome)) { return; }
      var where = [d.address].join('');
      if (q && where.indexOf(q) < 0) { return; }
      shown++;
      var badge = el('span', { 'class': 'badge' + (settled(outcome) ? ' green' : outcome ? ' red' : ''), text: T.outcomes[outcome || 'PENDING'] });
      var button = el('button', { type: 'button', 'class': 'door', 'data-household': d.householdId, onclick: function () { openVisit(d); } },
        [el('span', {}, [el('span', { 'class': 'where', text: d.address }), el('br'),
          el('span', { 'class': 'muted small-text', text: fmt(T.members, [d.members.length]) })]), badge]);
      list.appendChild(el('li', {}, [button]));
    });
    if (!shown && doors.length) { list.appendChild(el('li', { 'class': 'muted', text: T.nothingToDo })); }
  }

  // ---- entering a visit ----
  function blankState(d) {
    var persons = {};
    d.members.forEach(function (m) { persons[m.id] = { present: true, movedOut: false, whereabouts: '', temperature: '', symptoms: [], travel: [] }; });
    return { householdId: d.householdId, id: uuid(), persons: persons, newResidents: [], note: '' };
  }

  function openVisit(d, state) {
    current = { door: d, state: state || blankState(d) };
    saveDraft();
    $('door-list-view').hidden = true;
    $('visit-view').hidden = false;
    $('visit-address').textContent = d.address;
    $('visit-note').value = current.state.note || '';
    $('form-problem').hidden = true;
    renderMembers();
    renderNewResidents();
    window.scrollTo(0, 0);
  }

  function closeVisit() {
    current = null;
    localStorage.removeItem(DRAFT);
    $('visit-view').hidden = true;
    $('door-list-view').hidden = false;
    render();
  }

  function saveDraft() { if (current) { store(DRAFT, { door: current.door, state: current.state }); } }

  function toggle(options, value, onPick) {
    var box = el('span', { 'class': 'toggle', role: 'group' });
    options.forEach(function (o) {
      box.appendChild(el('button', { type: 'button', 'class': o[0] === value ? 'on' : '', 'data-value': o[0], 'aria-pressed': String(o[0] === value),
        onclick: function () { onPick(o[0]); } }, [o[1]]));
    });
    return box;
  }

  function healthFields(p, prefix) {
    var temp = el('input', { type: 'text', inputmode: 'decimal', 'class': 'temperature', placeholder: T.temperature, 'aria-label': T.temperature,
      value: p.temperature || '', oninput: function (e) { p.temperature = e.target.value.trim(); saveDraft(); } });
    var boxes = SYMPTOMS.map(function (s) {
      var cb = el('input', { type: 'checkbox', value: s, onchange: function (e) {
        p.symptoms = p.symptoms.filter(function (x) { return x !== s; });
        if (e.target.checked) { p.symptoms.push(s); }
        saveDraft();
      } });
      cb.checked = p.symptoms.indexOf(s) >= 0;
      return el('label', { 'class': 'check' }, [cb, T.symptoms[s]]);
    });
    var trips = el('div', { 'class': 'trips' });
    function renderTrips() {
      trips.textContent = '';
      p.travel.forEach(function (t, i) {
        trips.appendChild(el('div', { 'class': 'trip' }, [
          el('input', { placeholder: T.place, 'aria-label': T.place, maxlength: '100', value: t.place || '', oninput: function (e) { t.place = e.target.value; saveDraft(); } }),
          el('input', { type: 'date', 'aria-label': T.from, value: t.from || '', onchange: function (e) { t.from = e.target.value; saveDraft(); } }),
          el('input', { type: 'date', 'aria-label': T.to, value: t.to || '', onchange: function (e) { t.to = e.target.value; saveDraft(); } }),
          el('button', { type: 'button', 'class': 'link', onclick: function () { p.travel.splice(i, 1); saveDraft(); renderTrips(); } }, [T.remove])
        ]));
      });
    }
    renderTrips();
    var more = el('details', { 'class': 'member-extra' }, [el('summary', { text: T.more }), el('div', {}, boxes),
      el('p', { 'class': 'small-text muted', text: fmt(T.travel, [D.travelWindowDays]) }), trips,
      el('button', { type: 'button', 'class': 'secondary small', onclick: function () { p.travel.push({ place: '', from: '', to: '' }); saveDraft(); renderTrips(); } }, [T.addTravel])]);
    if (p.symptoms.length || p.travel.length) { more.open = true; }
    return [temp, more];
  }

  function renderMembers() {
    var list = $('members');
    list.textContent = '';
    if (!current.door.members.length) { list.appendChild(el('li', { 'class': 'muted', text: T.noMembers })); }
    current.door.members.forEach(function (m) {
      var p = current.state.persons[m.id];
      var state = p.movedOut ? 'MOVED' : p.present ? 'HERE' : 'AWAY';
      var item = el('li', { 'class': 'person', 'data-person': m.id });
      item.appendChild(el('div', {}, [el('strong', { text: m.name }), ' ',
        el('span', { 'class': 'muted small-text', text: [m.relation, m.age != null ? m.age : ''].filter(Boolean).join(' · ') })]));
      item.appendChild(toggle([['HERE', T.present], ['AWAY', T.absent], ['MOVED', T.movedOut]], state, function (v) {
        p.present = v === 'HERE'; p.movedOut = v === 'MOVED'; saveDraft(); renderMembers();
      }));
      if (state !== 'HERE') {
        item.appendChild(el('input', { 'class': 'whereabouts', placeholder: T.whereabouts, 'aria-label': T.whereabouts, maxlength: '100', value: p.whereabouts || '',
          oninput: function (e) { p.whereabouts = e.target.value; saveDraft(); } }));
      }
      else {
        healthFields(p).forEach(function (f) { item.appendChild(f); });
      }
      list.appendChild(item);
    });
  }

  function renderNewResidents() {
    var box = $('new-residents');
    box.textContent = '';
    current.state.newResidents.forEach(function (n, i) {
      function field(key, label, attrs) {
        return el('input', Object.assign({ placeholder: label, 'aria-label': label, value: n[key] || '', 'data-field': key,
          oninput: function (e) { n[key] = e.target.value.trim(); saveDraft(); } }, attrs || {}));
      }
      var card = el('div', { 'class': 'card new-resident' }, [
        field('name', T.name, { maxlength: '50' }), field('idNumber', T.idNumber, { maxlength: '30' }),
        field('phone', T.phone, { inputmode: 'tel', maxlength: '20' }), field('relation', T.relation, { maxlength: '20' })]);
      healthFields(n).forEach(function (f) { card.appendChild(f); });
      card.appendChild(el('button', { type: 'button', 'class': 'link', onclick: function () { current.state.newResidents.splice(i, 1); saveDraft(); renderNewResidents(); } }, [T.remove]));
      box.appendChild(card);
    });
  }

  function checkTemperatures(list) {
    return list.every(function (p) {
      if (!p.temperature) { return true; }
      var t = Number(p.temperature);
      return !isNaN(t) && t >= 34 && t <= 43;
    });
  }

  function buildVisit(outcome) {
    var s = current.state;
    var met = outcome === 'VISITED';
    var persons = current.door.members.map(function (m) {
      var p = s.persons[m.id];
      var moved = p.movedOut || outcome === 'MOVED_OUT';
      var here = met && p.present && !moved;
      return { personId: m.id, present: here, movedOut: moved, whereabouts: p.whereabouts || null,
        temperature: here ? (p.temperature || null) : null, symptoms: here ? p.symptoms : [],
        travel: here ? p.travel.filter(function (t) { return t.place || t.from; }) : [] };
    }).filter(function (p) { return met || p.movedOut; });
    return { id: s.id, campaignId: D.campaignId, householdId: current.door.householdId, outcome: outcome,
      visitedAt: new Date().toISOString(), note: ($('visit-note').value || '').trim() || null, persons: persons,
      newResidents: met ? s.newResidents.map(function (n) {
        return { name: n.name, idNumber: n.idNumber, phone: n.phone || null, relation: n.relation || null,
          temperature: n.temperature || null, symptoms: n.symptoms, travel: n.travel.filter(function (t) { return t.place || t.from; }) };
      }) : [], address: current.door.address };
  }

  function save(outcome, allWell) {
    if (allWell) {
      Object.keys(current.state.persons).forEach(function (id) {
        var p = current.state.persons[id];
        p.present = true; p.movedOut = false; p.temperature = ''; p.symptoms = []; p.travel = [];
      });
    }
    var people = Object.keys(current.state.persons).map(function (k) { return current.state.persons[k]; }).concat(current.state.newResidents);
    if (outcome === 'VISITED' && !checkTemperatures(people)) {
      $('form-problem').textContent = T.tempRange;
      $('form-problem').hidden = false;
      return;
    }
    var visit = buildVisit(outcome);
    queue.put({ visit: visit, status: 'PENDING', savedAt: Date.now(), draft: { door: current.door, state: current.state } });
    closeVisit();
    renderOutbox();
    sync();
  }

  // ---- the outbox: saved on the phone, uploaded in order ----
  function renderOutbox() {
    var items = queue.items();
    var pending = items.filter(function (i) { return i.status === 'PENDING'; }).length;
    $('pending-count').textContent = pending ? fmt(T.pending, [pending]) : T.pendingNone;
    var list = $('outbox');
    list.textContent = '';
    items.slice().reverse().forEach(function (i) {
      var label = i.status === 'PENDING' ? T.stateSaved : i.status === 'REJECTED' ? T.stateRejected : T.stateUploaded;
      var li = el('li', { 'class': 'row-card outbox-item ' + i.status.toLowerCase(), 'data-visit': i.visit.id, 'data-status': i.status }, [
        el('div', {}, [el('strong', { text: i.visit.address || ('#' + i.visit.householdId) }), ' ',
          el('span', { 'class': 'badge' + (i.status === 'UPLOADED' ? ' green' : ' red'), text: label }), ' ',
          el('span', { 'class': 'muted small-text', text: T.outcomes[i.visit.outcome] + ' · ' + new Date(i.savedAt).toLocaleTimeString() })])]);
      if (i.result) {
        li.appendChild(el('div', { 'class': 'small-text', text: (i.result.replayed ? T.replayed + ' · ' : '') + fmt(T.findings, [i.result.findings]) }));
      }
      if (i.status === 'REJECTED') {
        li.appendChild(el('div', { 'class': 'field-error', text: i.error }));
        li.appendChild(el('div', { 'class': 'actions' }, [
          el('button', { type: 'button', 'class': 'secondary small', onclick: function () { editRejected(i); } }, [T.edit]),
          el('button', { type: 'button', 'class': 'danger small', onclick: function () { drop(i.visit.id); } }, [T.discard])]));
      }
      list.appendChild(li);
    });
  }

  function drop(id) { queue.drop(id); renderOutbox(); render(); }

  function editRejected(item) {
    drop(item.visit.id);
    openVisit(item.draft.door, item.draft.state);
  }

  function showProblem(text) {
    var p = $('sync-problem');
    p.hidden = !text;
    p.textContent = text || '';
  }

  function sync() { return queue.sync(); }

  function setOnline(on) {
    var s = $('net-state');
    s.textContent = on ? T.online : T.offline;
    s.className = 'badge ' + (on ? 'green' : 'red');
  }

  // ---- wiring ----
  $('door-search').oninput = render;
  $('show-all').onchange = render;
  if ($('grid')) { $('grid').onchange = fetchDoors; }
  $('back').onclick = closeVisit;
  $('all-well').onclick = function () { save('VISITED', true); };
  $('submit-visit').onclick = function () { save('VISITED', false); };
  ['nobody-home', 'refused', 'moved-out', 'vacant'].forEach(function (id) {
    $(id).onclick = function () { save(id.toUpperCase().replace('-', '_'), false); };
  });
  $('visit-note').oninput = function (e) { if (current) { current.state.note = e.target.value; saveDraft(); } };
  $('add-resident').onclick = function () {
    current.state.newResidents.push({ name: '', idNumber: '', phone: '', relation: '', temperature: '', symptoms: [], travel: [] });
    saveDraft();
    renderNewResidents();
  };
  $('sync-now').onclick = function () { setOnline(navigator.onLine); sync(); fetchDoors(); };
  window.addEventListener('online', function () { setOnline(true); sync(); });
  window.addEventListener('offline', function () { setOnline(false); });
  setInterval(sync, 10000);

  setOnline(navigator.onLine);
  renderOutbox();
  var draft = load(DRAFT, null);
  if (draft) { openVisit(draft.door, draft.state); }
  fetchDoors();
  sync();
  // automated test browsers emulate "offline" per page, which a service worker's own fetches
  // would bypass; there the page runs without one
  if ('serviceWorker' in navigator && !navigator.webdriver) {
    navigator.serviceWorker.register('/sw.js', { scope: '/survey/' }).catch(function () { /* the page still works online */ });
    // this very page is kept too, so that a reload without network still opens it
    if (window.caches && navigator.onLine) {
      caches.open('shouwang-offline-v2').then(function (c) { return c.add(location.pathname); }).catch(function () {});
    }
  }
})();
