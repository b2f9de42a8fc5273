/**
 * The browser collector, as plain modern JavaScript text (it runs in the applicant's browser, not in Node; kept as
 * a string so the server can serve it and tests can run it). Rules for this source: no backticks, no template
 * substitutions, comments only on their own lines — so the line-based minifier in ./minify.ts stays safe.
 *
 * Usage on a lender's page:
 *   <script src="https://risk.example/v1/device/collector.js" data-endpoint="/v1/device/signals"
 *           data-session="APPLICATION-SESSION-ID" async></script>
 * or call `window.riskloopDevice.collect()` (a Promise of the payload) and post it yourself.
 */
export const collectorSource = String.raw`
(function () {
  'use strict';
  var w = window, d = document, n = navigator;
  var me = d.currentScript;

  // two independent 32-bit FNV-1a variants → 64-bit hex: enough to tell fingerprints apart, never reversible to pixels
  function hash(s) {
    var a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    return ('0000000' + (a >>> 0).toString(16)).slice(-8) + ('0000000' + (b >>> 0).toString(16)).slice(-8);
  }
  function safe(f, dflt) {
    try {
      var v = f();
      return v === undefined ? dflt : v;
    } catch (e) {
      return dflt;
    }
  }

  function canvasHash() {
    var c = d.createElement('canvas');
    c.width = 240;
    c.height = 60;
    var x = c.getContext('2d');
    if (!x) return null;
    x.textBaseline = 'top';
    x.font = '14px Arial';
    x.fillStyle = '#f60';
    x.fillRect(100, 1, 62, 20);
    x.fillStyle = '#069';
    x.fillText('riskloop, \u00e9\u4e2d\ud83d\ude03 <canvas> 1.0', 2, 15);
    x.fillStyle = 'rgba(102, 204, 0, 0.7)';
    x.font = '18px Times New Roman';
    x.fillText('Cwm fjordbank glyphs vext quiz', 4, 35);
    x.globalCompositeOperation = 'multiply';
    x.beginPath();
    x.arc(50, 50, 40, 0, Math.PI * 2, true);
    x.closePath();
    x.fillStyle = 'rgb(255,0,255)';
    x.fill();
    return hash(c.toDataURL());
  }

  function webgl() {
    var c = d.createElement('canvas');
    var g = c.getContext('webgl') || c.getContext('experimental-webgl');
    if (!g) return { hash: null, vendor: null, renderer: null };
    var info = g.getExtension('WEBGL_debug_renderer_info');
    var vendor = info ? g.getParameter(info.UNMASKED_VENDOR_WEBGL) : g.getParameter(g.VENDOR);
    var renderer = info ? g.getParameter(info.UNMASKED_RENDERER_WEBGL) : g.getParameter(g.RENDERER);
    var names = ['MAX_TEXTURE_SIZE', 'MAX_RENDERBUFFER_SIZE', 'MAX_VIEWPORT_DIMS', 'MAX_VERTEX_ATTRIBS',
      'MAX_VERTEX_UNIFORM_VECTORS', 'MAX_FRAGMENT_UNIFORM_VECTORS', 'MAX_COMBINED_TEXTURE_IMAGE_UNITS',
      'ALIASED_LINE_WIDTH_RANGE', 'ALIASED_POINT_SIZE_RANGE', 'SHADING_LANGUAGE_VERSION'];
    var parts = [String(vendor), String(renderer)];
    for (var i = 0; i < names.length; i++) {
      var v = safe(function () { return g.getParameter(g[names[i]]); }, null);
      parts.push(names[i] + '=' + (v && v.length !== undefined && typeof v !== 'string' ? Array.prototype.join.call(v, ',') : String(v)));
    }
    parts.push((g.getSupportedExtensions() || []).join(','));
    return { hash: hash(parts.join('|')), vendor: String(vendor).slice(0, 128), renderer: String(renderer).slice(0, 256) };
  }

  function audioHash() {
    var Ctx = w.OfflineAudioContext || w.webkitOfflineAudioContext;
    if (!Ctx) return Promise.resolve(null);
    return new Promise(function (resolve) {
      var done = false;
      var finish = function (v) {
        if (!done) {
          done = true;
          resolve(v);
        }
      };
      setTimeout(function () { finish(null); }, 1000);
      try {
        var ctx = new Ctx(1, 5000, 44100);
        var osc = ctx.createOscillator();
        osc.type = 'triangle';
        osc.frequency.value = 10000;
        var comp = ctx.createDynamicsCompressor();
        comp.threshold.value = -50;
        comp.knee.value = 40;
        comp.ratio.value = 12;
        comp.attack.value = 0;
        comp.release.value = 0.25;
        osc.connect(comp);
        comp.connect(ctx.destination);
        osc.start(0);
        ctx.oncomplete = function (ev) {
          var data = ev.renderedBuffer.getChannelData(0);
          var s = 0;
          for (var i = 4500; i < 5000; i++) s += Math.abs(data[i]);
          finish(hash(s.toString()));
        };
        ctx.startRendering();
      } catch (e) {
        finish(null);
      }
    });
  }

  var FONTS = ['Arial Black', 'Calibri', 'Cambria', 'Candara', 'Comic Sans MS', 'Consolas', 'Courier New',
    'Franklin Gothic Medium', 'Garamond', 'Georgia', 'Helvetica Neue', 'Impact', 'Lucida Console',
    'Lucida Sans Unicode', 'Microsoft YaHei', 'MS Gothic', 'Palatino Linotype', 'Segoe UI', 'SimSun', 'SimHei',
    'Tahoma', 'Trebuchet MS', 'Verdana', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Roboto',
    'Ubuntu', 'DejaVu Sans', 'Liberation Sans', 'Menlo', 'Monaco', 'Optima', 'Futura', 'Gill Sans',
    'Avenir', 'Baskerville', 'Didot', 'Apple Color Emoji', 'Segoe UI Emoji', 'Wingdings', 'Arial Unicode MS'];

  function fonts() {
    var c = d.createElement('canvas');
    var x = c.getContext('2d');
    if (!x) return [];
    var text = 'mmmmmmmmmmlli10OO\u4e2d\u6587';
    var bases = ['monospace', 'sans-serif', 'serif'];
    var base = {};
    for (var i = 0; i < bases.length; i++) {
      x.font = '72px ' + bases[i];
      base[bases[i]] = x.measureText(text).width;
    }
    var found = [];
    for (var f = 0; f < FONTS.length; f++) {
      for (var b = 0; b < bases.length; b++) {
        x.font = '72px "' + FONTS[f] + '", ' + bases[b];
        if (x.measureText(text).width !== base[bases[b]]) {
          found.push(FONTS[f]);
          break;
        }
      }
    }
    return found;
  }

  function permissionsMismatch() {
    if (!n.permissions || !w.Notification) return Promise.resolve(false);
    return n.permissions.query({ name: 'notifications' }).then(function (p) {
      // headless Chrome reports "denied" for Notification while the Permissions API says "prompt"
      return w.Notification.permission === 'denied' && p.state === 'prompt';
    }, function () { return false; });
  }

  function automation() {
    var found = [];
    var globals = ['_phantom', 'callPhantom', '__nightmare', 'domAutomation', 'domAutomationController',
      '_selenium', 'calledSelenium', '__webdriver_script_fn', '__driver_evaluate', '__playwright', '__pwInitScripts',
      'Cypress', '__puppeteer_evaluation_script__'];
    for (var i = 0; i < globals.length; i++) if (globals[i] in w) found.push(globals[i]);
    var attrs = ['webdriver', 'selenium', 'driver'];
    for (var a = 0; a < attrs.length; a++) if (d.documentElement && d.documentElement.getAttribute(attrs[a]) !== null) found.push('attr:' + attrs[a]);
    var keys = safe(function () { return Object.keys(d); }, []);
    for (var k = 0; k < keys.length; k++) if (/^\$?cdc_|^\$wdc_/.test(keys[k])) found.push('cdc');
    return found.slice(0, 16);
  }

  function storageId() {
    return safe(function () {
      var k = 'rl_sid';
      var v = w.localStorage.getItem(k);
      if (!v) {
        v = Math.random().toString(36).slice(2) + Date.now().toString(36);
        w.localStorage.setItem(k, v);
      }
      return v;
    }, null);
  }

  function collect() {
    var ua = String(n.userAgent || '');
    var gl = safe(webgl, { hash: null, vendor: null, renderer: null });
    var langs = safe(function () { return Array.prototype.slice.call(n.languages || []); }, []);
    var plugins = safe(function () { return n.plugins.length; }, 0);
    var tz = safe(function () { return Intl.DateTimeFormat().resolvedOptions().timeZone; }, null);
    var isChrome = /Chrome\//.test(ua) && !/Edg\//.test(ua);
    var mobile = /Mobi|Android|iPhone|iPad/.test(ua);
    var traits = [];
    if (/HeadlessChrome|PhantomJS|Electron/.test(ua)) traits.push('userAgent');
    if (isChrome && !mobile && plugins === 0) traits.push('noPlugins');
    if (langs.length === 0) traits.push('noLanguages');
    if (isChrome && !w.chrome) traits.push('noChromeObject');
    if (/SwiftShader|llvmpipe|softpipe|Mesa OffScreen/i.test(String(gl.renderer))) traits.push('softwareRenderer');
    if (w.outerWidth === 0 && w.outerHeight === 0) traits.push('zeroOuterSize');
    if (n.connection && n.connection.rtt === 0 && !mobile) traits.push('zeroRtt');
    return Promise.all([safe(audioHash, Promise.resolve(null)), safe(permissionsMismatch, Promise.resolve(false))]).then(function (r) {
      if (r[1]) traits.push('permissionsMismatch');
      return {
        source: 'web',
        v: 1,
        sessionId: me && me.getAttribute('data-session') || undefined,
        collectedAt: Date.now(),
        canvasHash: safe(canvasHash, null),
        webglHash: gl.hash,
        webglVendor: gl.vendor,
        webglRenderer: gl.renderer,
        audioHash: r[0],
        fonts: safe(fonts, []),
        screen: {
          width: screen.width | 0,
          height: screen.height | 0,
          availWidth: screen.availWidth | 0,
          availHeight: screen.availHeight | 0,
          colorDepth: screen.colorDepth | 0,
          pixelRatio: Math.round((w.devicePixelRatio || 1) * 100) / 100
        },
        timezone: tz,
        timezoneOffset: new Date().getTimezoneOffset(),
        languages: langs.slice(0, 10),
        platform: String(n.platform || '').slice(0, 64),
        userAgent: ua.slice(0, 512),
        hardwareConcurrency: n.hardwareConcurrency || null,
        deviceMemory: n.deviceMemory || null,
        maxTouchPoints: n.maxTouchPoints || 0,
        touch: 'ontouchstart' in w,
        cookieEnabled: !!n.cookieEnabled,
        webdriver: n.webdriver === true,
        headlessTraits: traits,
        automation: automation(),
        storageId: storageId()
      };
    });
  }

  function send(endpoint, payload) {
    var body = JSON.stringify(payload);
    if (w.fetch) {
      return w.fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body, keepalive: true, credentials: 'omit' });
    }
    if (n.sendBeacon) return Promise.resolve(n.sendBeacon(endpoint, body));
    return Promise.resolve(false);
  }

  w.riskloopDevice = {
    collect: collect,
    send: function (endpoint, sessionId) {
      return collect().then(function (p) {
        if (sessionId) p.sessionId = sessionId;
        return send(endpoint, p);
      });
    }
  };
  var endpoint = me && me.getAttribute('data-endpoint');
  if (endpoint) w.riskloopDevice.ready = collect().then(function (p) { return send(endpoint, p); }, function () { return null; });
})();
`;
