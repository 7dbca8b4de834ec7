/*
 * Ember console page: draws the covered LSOAs once, then keeps their colours and the alert list
 * current from the server's event stream. Plain JavaScript, no build step, nothing from the internet.
 *
 * Joining at any time: the event stream starts with a snapshot of the whole state, then sends the
 * changes; when it breaks, the browser reconnects with the id of the last event it saw and gets
 * exactly what it missed (or a fresh snapshot). Counts carry their as_of and alerts their event
 * time, so the newer value always wins and nothing is shown twice.
 *
 * Who is looking comes from /api/me: partners (and everyone on a console without a users file) get
 * counts below the threshold as "fewer than N" from the server; the page never sees the number.
 * Duty officers get an Acknowledge button on the alerts of their spoke; every state-changing
 * request carries the session's CSRF token.
 */
(function () {
  'use strict';

  // ColorBrewer YlOrRd, 5 classes: sequential, readable on a projector, safe for red-green colour blindness.
  var PALETTE = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
  var NONE_COLOUR = '#ffffff';
  var SUPPRESSED_COLOUR = '#b8b3d9';
  var MAX_ALERTS = 50;
  var TIME_ZONE = 'Europe/London';

  var threshold = 5;
  var breaks = [5, 6, 8, 10, 12];
  var layersByCode = {};
  var areaByCode = {};
  var ladNames = {};
  var counts = {};
  var alerts = [];
  var latestEventTime = null;
  var source = null;
  var me = { restricted: true, may_acknowledge: false, csrf_token: '', lads: [] };
  var selected = null;
  // Tension levels as the job names them (low, elevated, high, critical): white to dark red.
  var TENSION_PALETTE = ['#fff5f0', '#fdae61', '#f46d43', '#a50026'];
  var tension = {};
  var mode = 'counts';
  // Gi* bins -3..3 (cold 99 %, 95 %, 90 %, not significant, hot 90 %, 95 %, 99 %): ColorBrewer RdBu.
  var BIN_COLOURS = { '-3': '#2166ac', '-2': '#67a9cf', '-1': '#d1e5f0', '0': '#f7f7f7', '1': '#fddbc7', '2': '#ef8a62', '3': '#b2182b' };
  var hotspots = {};
  // The time slider: null while live; else the map at a past hour, with what was usual then.
  var historic = null;
  var hotspotLayers = {};
  var hotspotGroup = L.layerGroup();

  var map = L.map('map', { zoomSnap: 0.25, preferCanvas: false, attributionControl: true });
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution(
    'Contains OS data © Crown copyright and database right 2014; ONS, OGL v3.0; GeoJSON by Martin Chorley, CC BY 4.0');

  function fmtTime(ms) {
    return new Date(ms).toLocaleString('en-GB', {
      timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short',
      hour: '2-digit', minute: '2-digit'
    });
  }

  function classOf(entry) {
    if (!entry || (!entry.suppressed && entry.count === 0)) { return 'none'; }
    if (entry.suppressed) { return 'suppressed'; }
    if (entry.count > 0 && entry.count < breaks[0]) { return 'suppressed'; } // officers' exact small counts share the colour
    var k = -1;
    for (var i = 0; i < breaks.length; i++) {
      if (entry.count >= breaks[i]) { k = i; }
    }
    return k < 0 ? 'none' : 'c' + (k + 1);
  }

  function colourOf(cls) {
    if (cls === 'none') { return NONE_COLOUR; }
    if (cls === 'suppressed') { return SUPPRESSED_COLOUR; }
    return PALETTE[Number(cls.substring(1)) - 1];
  }

  function countText(entry) {
    if (!entry) { return 'no reports'; }
    if (entry.suppressed) { return 'fewer than ' + threshold; }
    return entry.count === 0 ? 'no reports' : String(entry.count);
  }

  function classLabel(i) {
    var from = breaks[i];
    if (i === breaks.length - 1) { return from + ' or more'; }
    var to = breaks[i + 1] - 1;
    return from === to ? String(from) : from + '–' + to;
  }

  function drawLegend() {
    var legend = document.getElementById('legend');
    legend.innerHTML = '';
    var rows = [];
    for (var i = breaks.length - 1; i >= 0; i--) {
      rows.push(['c' + (i + 1), classLabel(i)]);
    }
    rows.push(['suppressed', me.restricted ? 'fewer than ' + threshold : '1–' + (threshold - 1)]);
    rows.push(['none', 'none']);
    rows.forEach(function (row) {
      var li = document.createElement('li');
      li.setAttribute('data-class', row[0]);
      li.setAttribute('data-colour', colourOf(row[0]));
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colourOf(row[0]);
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(row[1]));
      legend.appendChild(li);
    });
    document.getElementById('privacy-note').textContent = me.restricted
      ? 'Counts from 1 to ' + (threshold - 1) + ' are shown as "fewer than ' + threshold +
        '" to protect privacy. Hover over an area for its name and local authority; click it for why.'
      : 'You see exact counts: do not show counts below ' + threshold + ' beyond duty officers and analysts. ' +
        'Hover over an area for its name; click it for why.';
  }

  function shownCounts() { return historic ? historic.counts : counts; }

  function tensionOf(code) {
    var source = historic ? historic.tension : tension;
    var t = source['lsoa:' + code];
    if (!t && areaByCode[code]) { t = source['lad:' + areaByCode[code].lad]; }
    return t;
  }

  function tensionColour(t) {
    if (!t) { return NONE_COLOUR; }
    return TENSION_PALETTE[Math.max(0, Math.min(TENSION_PALETTE.length - 1, t.level_index))];
  }

  function restyle(code) {
    var layer = layersByCode[code];
    if (!layer) { return; }
    var cls = classOf(shownCounts()[code]);
    var t = tensionOf(code);
    layer.setStyle({ fillColor: mode === 'tension' ? tensionColour(t) : mode === 'hotspots' ? NONE_COLOUR : colourOf(cls) });
    var path = layer.getElement();
    if (path) {
      path.setAttribute('data-class', cls);
      path.setAttribute('data-tension', t ? t.level : 'none');
    }
  }

  function applyTension(update) {
    var key = update.layer + ':' + update.area_id;
    var held = tension[key];
    if (held && held.as_of > update.as_of) { return; }
    tension[key] = update;
    if (update.layer === 'lsoa') {
      restyle(update.area_id);
    } else {
      Object.keys(areaByCode).forEach(function (code) { if (areaByCode[code].lad === update.area_id) { restyle(code); } });
    }
    noteEventTime(update.as_of);
  }

  function hotspotTooltip(h) {
    var v = h.values || {};
    var lines = [h.layer === 'cell' ? 'Cell ' + h.id : (h.layer === 'scan' ? 'Scan cluster' : 'Cluster') + ' ' + h.id];
    if (h.labels && h.labels.bin !== undefined) { lines.push('Gi* bin ' + h.labels.bin + (v['gi_z{window=7d}'] !== undefined ? ' (z ' + v['gi_z{window=7d}'] + ')' : '')); }
    if (v['incidents{window=7d,kind=all}'] !== undefined) { lines.push('Incidents, 7 days: ' + v['incidents{window=7d,kind=all}']); }
    if (h.labels && h.labels.emerging) { lines.push('Emerging: ' + h.labels.emerging); }
    if (v.members !== undefined) { lines.push('Linked incidents: ' + v.members); }
    if (v.scan_recurrence_days !== undefined) { lines.push('Recurrence: once in ' + v.scan_recurrence_days + ' days'); }
    return lines.map(escapeHtml).join('<br>');
  }

  /** Cells as 250 m squares coloured by Gi* bin, emerging ones outlined; clusters and scan clusters as rings. */
  function applyHotspot(h) {
    var key = h.layer + ':' + h.id;
    var old = hotspotLayers[key];
    if (old) { hotspotGroup.removeLayer(old); delete hotspotLayers[key]; }
    if (h.type === 'cell_cleared' || h.type === 'cluster_cleared') { delete hotspots[key]; return; }
    hotspots[key] = h;
    if (h.lat === undefined || h.lon === undefined) { return; }
    var shape;
    if (h.layer === 'cell') {
      var dLat = 0.001125, dLon = dLat / Math.cos(h.lat * Math.PI / 180);
      var bin = h.labels && h.labels.bin !== undefined ? h.labels.bin : '0';
      shape = L.rectangle([[h.lat - dLat, h.lon - dLon], [h.lat + dLat, h.lon + dLon]], {
        weight: h.labels && h.labels.emerging ? 3 : 0.5, color: h.labels && h.labels.emerging ? '#6a3d9a' : '#555555',
        fillColor: BIN_COLOURS[String(bin)] || '#f7f7f7', fillOpacity: 0.9
      });
    } else {
      shape = L.circle([h.lat, h.lon], {
        radius: h.layer === 'scan' ? 900 : 400, weight: 3, dashArray: h.layer === 'scan' ? '8 6' : null,
        color: h.layer === 'scan' ? '#1b7837' : '#6a3d9a', fill: false
      });
    }
    shape.bindTooltip(hotspotTooltip(h), { sticky: true });
    hotspotLayers[key] = shape;
    hotspotGroup.addLayer(shape);
    var el = shape.getElement && shape.getElement();
    if (el) { el.setAttribute('data-hotspot', key); }
  }

  function drawTensionLegend() {
    var legend = document.getElementById('tension-legend');
    legend.innerHTML = '';
    ['critical', 'high', 'elevated', 'low'].forEach(function (name, i) {
      var li = document.createElement('li');
      var colour = TENSION_PALETTE[TENSION_PALETTE.length - 1 - i];
      li.setAttribute('data-level', name);
      li.setAttribute('data-colour', colour);
      li.innerHTML = '<span class="swatch" style="background:' + colour + '"></span>' + name;
      legend.appendChild(li);
    });
  }

  function setMode(next) {
    mode = next;
    if (mode === 'hotspots') { hotspotGroup.addTo(map); } else { map.removeLayer(hotspotGroup); }
    document.getElementById('hotspot-box').hidden = mode !== 'hotspots';
    document.body.setAttribute('data-layer', mode);
    document.getElementById('legend-box').hidden = mode !== 'counts';
    document.getElementById('tension-box').hidden = mode !== 'tension';
    Object.keys(layersByCode).forEach(restyle);
  }

  /** The why panel for an area: tension and its reasons as the job published them, and the count. */
  function showArea(code) {
    var area = areaByCode[code];
    if (!area) { return; }
    var t = tensionOf(code);
    var rows = [['Area', area.name + ', ' + area.lad_name], ['Reports, last 24 h', countText(counts[code])]];
    if (t) {
      rows.push(['Tension', t.level + ' (score ' + t.score + (t.previous_level ? ', was ' + t.previous_level : '') + ')']);
      (t.contributions || []).forEach(function (c) {
        rows.push([c.signal.replace(/_/g, ' '), '+' + c.points + (c.detail ? ' · ' + c.detail : '')]);
      });
      rows.push(['As of', fmtTime(t.as_of)]);
    } else {
      rows.push(['Tension', 'nothing published for this area']);
    }
    var why = document.getElementById('why');
    why.innerHTML = '<h2>' + escapeHtml(area.name) + '</h2><dl>' + rows.map(function (r) {
      return '<dt>' + escapeHtml(r[0]) + '</dt><dd>' + escapeHtml(r[1]) + '</dd>';
    }).join('') + '</dl>';
    why.setAttribute('data-area', code);
    why.removeAttribute('data-fingerprint');
    why.hidden = false;
  }

  function tooltipHtml(code) {
    var area = areaByCode[code];
    var entry = shownCounts()[code];
    var html = '<strong>' + escapeHtml(area.name) + '</strong><br>' + escapeHtml(area.lad_name) +
      '<br>Reports, last 24 h: <strong>' + escapeHtml(countText(entry)) + '</strong>';
    if (historic && historic.usual[code] !== undefined) {
      html += '<br>Usual at this hour (1–4 weeks before): <strong>' + escapeHtml(historic.usual[code]) + '</strong>';
    }
    if (entry) { html += '<br><span class="as-of">as of ' + escapeHtml(fmtTime(entry.asOf)) + '</span>'; }
    return html;
  }

  function escapeHtml(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function noteEventTime(ms) {
    if (typeof ms === 'number' && (latestEventTime === null || ms > latestEventTime)) {
      latestEventTime = ms;
      document.getElementById('as-of').textContent = 'data as of ' + fmtTime(ms);
    }
  }

  function applyCount(update) {
    var held = counts[update.area_id];
    if (held && held.asOf > update.as_of) { return; } // an older hour never overwrites a newer one
    counts[update.area_id] = { count: update.count_24h, suppressed: update.suppressed === true, asOf: update.as_of };
    if (!historic) { restyle(update.area_id); }
    noteEventTime(update.as_of);
  }

  /** Moves the map to hours before the newest data (0 = live), from the console's 28-day history. */
  function showHour(hoursBack) {
    var label = document.getElementById('time-label');
    if (hoursBack === 0 || latestEventTime === null) {
      historic = null;
      label.textContent = 'Live';
      document.body.removeAttribute('data-historic');
      Object.keys(layersByCode).forEach(restyle);
      return;
    }
    var at = latestEventTime - hoursBack * 3600000;
    fetch('/api/state?at=' + at, { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (state) {
      var h = { counts: {}, tension: {}, usual: state.usual_24h || {} };
      state.counts.forEach(function (c) { h.counts[c.area_id] = { count: c.count_24h, suppressed: c.suppressed === true, asOf: c.as_of }; });
      (state.tension || []).forEach(function (t) { h.tension[t.layer + ':' + t.area_id] = t; });
      historic = h;
      label.textContent = fmtTime(at) + ' (' + hoursBack + ' h ago)';
      document.body.setAttribute('data-historic', String(at));
      Object.keys(layersByCode).forEach(restyle);
    });
  }

  function alertKey(a) { return a.fingerprint + '|' + a.state + '|' + a.event_time; }

  function addAlert(alert) {
    var key = alertKey(alert);
    for (var i = 0; i < alerts.length; i++) {
      if (alertKey(alerts[i]) === key) { return; }
    }
    alerts.push(alert);
    alerts.sort(function (a, b) { return b.event_time - a.event_time; });
    if (alerts.length > MAX_ALERTS) { alerts.length = MAX_ALERTS; }
    noteEventTime(alert.event_time);
    renderAlerts();
  }

  function renderAlerts() {
    var list = document.getElementById('alerts');
    list.innerHTML = '';
    document.getElementById('no-alerts').style.display = alerts.length ? 'none' : '';
    alerts.forEach(function (a) {
      var li = document.createElement('li');
      var severity = String(a.severity || '').toLowerCase().replace(/[^a-z0-9-]/g, '');
      li.className = 'sev-' + severity + (a.state === 'resolved' ? ' resolved' : '');
      li.setAttribute('data-fingerprint', a.fingerprint);
      li.setAttribute('data-state', a.state);
      var ladName = ladNames[a.lad] || a.lad || '';
      li.innerHTML =
        '<div class="head"><span class="severity">' + escapeHtml(a.severity) + '</span>' +
        '<span class="rule">' + escapeHtml(a.rule) + '</span>' +
        (a.state === 'resolved' ? '<span class="state">resolved</span>' : '') +
        '<time datetime="' + new Date(a.event_time).toISOString() + '">' + escapeHtml(fmtTime(a.event_time)) + '</time></div>' +
        '<div class="area">' + escapeHtml(a.area_name || a.area_id) + (ladName ? ' · ' + escapeHtml(ladName) : '') + '</div>' +
        '<div class="summary">' + escapeHtml(a.summary) + '</div>';
      if (a.state !== 'resolved' && me.may_acknowledge && (!me.lads || me.lads.length === 0 || me.lads.indexOf(a.lad) >= 0)) {
        var ack = document.createElement('button');
        ack.className = 'ack';
        ack.textContent = acked[a.fingerprint] ? 'Acknowledged' : 'Acknowledge';
        ack.disabled = !!acked[a.fingerprint];
        ack.addEventListener('click', function (e) { e.stopPropagation(); acknowledge(a, ack); });
        li.appendChild(ack);
      }
      li.tabIndex = 0;
      li.addEventListener('click', function () { showAlert(a); });
      li.addEventListener('keydown', function (e) { if (e.key === 'Enter') { showAlert(a); } });
      list.appendChild(li);
    });
  }

  var acked = {};

  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify(body || {})
    });
  }

  function acknowledge(a, button) {
    button.disabled = true;
    post('/api/alerts/' + encodeURIComponent(a.fingerprint) + '/ack', {}).then(function (r) {
      if (r.ok) {
        acked[a.fingerprint] = true;
        button.textContent = 'Acknowledged';
        button.setAttribute('data-acknowledged', 'true');
      } else {
        button.disabled = false;
        r.text().then(function (t) { button.textContent = 'Not recorded: ' + t; });
      }
    });
  }

  /** Flies to the alert's area and explains it in the why panel. */
  function showAlert(a) {
    selected = a.fingerprint;
    var layer = layersByCode[a.area_id];
    if (layer) {
      map.flyToBounds(layer.getBounds(), { maxZoom: 14, duration: 0.6 });
      layer.setStyle({ weight: 4, color: '#000000' });
      setTimeout(function () { layer.setStyle({ weight: 0.6, color: '#4b5563' }); }, 4000);
    } else {
      var lad = [];
      Object.keys(areaByCode).forEach(function (code) {
        if (areaByCode[code].lad === a.area_id && layersByCode[code]) { lad.push(layersByCode[code]); }
      });
      if (lad.length) { map.flyToBounds(L.featureGroup(lad).getBounds(), { duration: 0.6 }); }
    }
    var why = document.getElementById('why');
    var area = areaByCode[a.area_id];
    var rows = [
      ['What', a.rule + ' (' + a.severity + ')'],
      ['Where', (a.area_name || a.area_id) + (ladNames[a.lad] ? ', ' + ladNames[a.lad] : '')],
      ['Why', a.summary],
      ['Measured', a.value === null || a.value === undefined ? 'fewer than ' + threshold : String(a.value)],
      ['Rule threshold', a.threshold === null || a.threshold === undefined ? 'withheld' : String(a.threshold)],
      ['Reports here, last 24 h', countText(counts[a.area_id])],
      ['Since', fmtTime(a.episode_start)]
    ];
    if (a.annotations) {
      Object.keys(a.annotations).forEach(function (k) { rows.push([k, a.annotations[k]]); });
    }
    why.innerHTML = '<h2>Why this alert</h2><dl>' + rows.map(function (r) {
      return '<dt>' + escapeHtml(r[0]) + '</dt><dd>' + escapeHtml(r[1]) + '</dd>';
    }).join('') + '</dl>';
    why.setAttribute('data-fingerprint', a.fingerprint);
    why.setAttribute('data-area', a.area_id);
    why.hidden = false;
    if (area) { why.setAttribute('data-area-name', area.name); }
  }

  function setConnection(state, text) {
    document.body.setAttribute('data-connection', state);
    document.getElementById('connection-text').textContent = text;
  }

  function applyState(state) {
    var legendChanged = state.suppression_threshold !== threshold ||
      JSON.stringify(state.class_breaks) !== JSON.stringify(breaks);
    threshold = state.suppression_threshold;
    breaks = state.class_breaks;
    if (legendChanged) {
      drawLegend();
      Object.keys(layersByCode).forEach(restyle);
    }
    state.counts.forEach(applyCount);
    (state.tension || []).forEach(applyTension);
    (state.hotspots || []).forEach(applyHotspot);
    state.alerts.forEach(addAlert);
    if (state.as_of !== null) { noteEventTime(state.as_of); }
  }

  function connect() {
    setConnection('connecting', 'Connecting…');
    // The browser itself reconnects with Last-Event-ID; the server sends what was missed.
    source = new EventSource('/events');
    source.addEventListener('open', function () { setConnection('syncing', 'Loading…'); });
    source.addEventListener('snapshot', function (e) {
      applyState(JSON.parse(e.data));
      setConnection('live', 'Live');
    });
    source.addEventListener('counts', function (e) {
      JSON.parse(e.data).forEach(applyCount);
      setConnection('live', 'Live');
    });
    source.addEventListener('hotspots', function (e) {
      JSON.parse(e.data).forEach(applyHotspot);
    });
    source.addEventListener('tension', function (e) {
      JSON.parse(e.data).forEach(applyTension);
    });
    source.addEventListener('alert', function (e) {
      addAlert(JSON.parse(e.data));
    });
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) {
        setConnection('offline', 'Disconnected, retrying…');
        setTimeout(connect, 10000); // the browser gives up on a refused stream; we do not
      } else {
        setConnection('reconnecting', 'Reconnecting…');
      }
    });
  }

  function showMe() {
    var who = document.getElementById('who');
    who.textContent = me.display_name + ' · ' + String(me.role).replace('_', ' ');
    who.setAttribute('data-role', me.role);
    var logout = document.getElementById('logout');
    if (me.role === 'open') {
      logout.hidden = true;
    } else {
      logout.addEventListener('click', function () {
        post('/api/logout').then(function () { window.location = '/login'; });
      });
    }
  }

  /** LA outlines and names from the deployment's boundaries: the room can say where a colour is without hovering. */
  function drawPlaces(collection) {
    L.geoJSON(collection, {
      interactive: false,
      style: function () { return { weight: 2.5, color: '#1f2a36', opacity: 0.9, fill: false }; }
    }).addTo(map);
    collection.features.forEach(function (f) {
      var p = f.properties;
      L.marker([p.label_lat, p.label_lon], {
        interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'place-label', html: escapeHtml(p.name), iconSize: null })
      }).addTo(map);
    });
  }

  function drawAreas(collection) {
    var layer = L.geoJSON(collection, {
      style: function () {
        return { weight: 0.6, color: '#4b5563', opacity: 0.7, fillOpacity: 0.85, fillColor: NONE_COLOUR };
      },
      onEachFeature: function (feature, featureLayer) {
        var p = feature.properties;
        areaByCode[p.code] = p;
        ladNames[p.lad] = p.lad_name;
        layersByCode[p.code] = featureLayer;
        featureLayer.bindTooltip(function () { return tooltipHtml(p.code); }, { sticky: true });
        featureLayer.on('mouseover', function () { featureLayer.setStyle({ weight: 2.5, color: '#111111' }); });
        featureLayer.on('mouseout', function () { featureLayer.setStyle({ weight: 0.6, color: '#4b5563' }); });
        featureLayer.on('click', function () { showArea(p.code); });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    Object.keys(layersByCode).forEach(function (code) {
      var path = layersByCode[code].getElement();
      if (path) { path.setAttribute('data-lsoa', code); }
      restyle(code);
    });
  }

  drawLegend();
  drawTensionLegend();
  Array.prototype.forEach.call(document.querySelectorAll('input[name="layer"]'), function (input) {
    input.addEventListener('change', function () { if (input.checked) { setMode(input.value); } });
  });
  setMode('counts');
  var slider = document.getElementById('time');
  var sliderTimer = null;
  slider.addEventListener('input', function () {
    clearTimeout(sliderTimer);
    sliderTimer = setTimeout(function () { showHour(-Number(slider.value)); }, 150);
  });
  fetch('/api/me', { cache: 'no-store' })
    .then(function (r) {
      if (r.status === 401) { window.location = '/login?next=%2F'; throw new Error('log in first'); }
      return r.json();
    })
    .then(function (who) { me = who; showMe(); drawLegend(); return fetch('/api/areas.geojson'); })
    .then(function (r) {
      if (!r.ok) { throw new Error('areas: HTTP ' + r.status); }
      return r.json();
    })
    .then(function (collection) {
      drawAreas(collection);
      connect();
      fetch('/api/places.geojson').then(function (r) { return r.json(); }).then(drawPlaces);
      var wanted = /alert=([A-Za-z0-9_-]+)/.exec(window.location.hash);
      if (wanted) {
        fetch('/api/alerts/' + wanted[1]).then(function (r) { return r.ok ? r.json() : null; })
          .then(function (entry) { if (entry) { addAlert(entry.alert); showAlert(entry.alert); } });
      }
    })
    .catch(function (e) {
      setConnection('offline', 'Cannot load the map: ' + e.message);
    });
}());
