// glose search: finds claims, articles, events and companies in the index
// that the build writes under search/ (see docs/search.md). Every file of
// the index is a script that hands its data to gloseSearch(); scripts load
// from disk (file://), where fetch and XMLHttpRequest may not. Only the
// files a query needs are loaded, each once. Words shown to the reader come
// from the page (data-* attributes and <template>s), never from here.
(function () {
  'use strict';
  const form = document.querySelector('form[data-search]');
  const script = document.currentScript;
  if (!form || !script) return;
  const base = new URL('../search/', script.src).href;
  const input = form.elements.q;
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  const PAGE = 20;
  // A word this long or longer also finds the words it starts.
  const PREFIX_CHARS = 3;
  const PREFIX_FACTOR = 0.6;
  // Bounds what a short word start may load (shards are about 32 KB).
  const PREFIX_SHARDS = 24;
  const FACETS = ['verdict', 'kind', 'company', 'lang'];
  const WORD = /[\p{Alphabetic}\p{N}\p{M}]/u;
  const APOSTROPHES = '\'\u2019\u02bc';
  const HYPHENS = '-\u2010';

  // ---- loading index files with <script src>
  const files = new Map();
  const arrived = new Map();
  window.gloseSearch = (name, data) => { arrived.set(name, data); };
  function load(name) {
    if (!files.has(name)) {
      files.set(name, new Promise((resolve, reject) => {
        const tag = document.createElement('script');
        tag.src = `${base}${name}.js`;
        const missing = () => reject(Object.assign(new Error(`${name} did not load`), { file: tag.src }));
        tag.onload = () => {
          if (!arrived.has(name)) return missing();
          resolve(arrived.get(name));
          arrived.delete(name);
        };
        tag.onerror = missing;
        document.head.append(tag);
      }));
    }
    return files.get(name);
  }
  // The shape of the index files this script reads (FORMAT in src/render/search/mod.rs).
  const FORMAT = 1;
  const ready = load('meta').then((meta) => {
    if (meta.format !== FORMAT) throw Object.assign(new Error('format'), { outdated: true });
    meta.folds = new Map(meta.words.folds);
    const within = (ranges) => (c) => {
      const cp = c.codePointAt(0);
      const n = floor(ranges, cp, (r) => r[0]);
      return n >= 0 && cp <= ranges[n][1];
    };
    meta.isDiacritic = within(meta.words.diacritics);
    meta.isSpaceless = within(meta.words.spaceless);
    return meta;
  });

  // ---- the tokeniser, as src/render/search/tokens.rs splits the index
  function fold(text, meta) {
    let bare = '';
    for (const c of text.toLowerCase().normalize('NFKD')) if (!meta.isDiacritic(c)) bare += c;
    let out = '';
    for (const c of bare.normalize('NFC')) out += meta.folds.get(c) ?? c;
    return out;
  }

  /** The query's terms: { text, prefix } each, without repeats. */
  function queryTerms(query, meta) {
    const chars = [...fold(query, meta)];
    const out = new Map();
    const add = (text, prefix) => {
      if ([...text].length <= meta.words.max && !out.has(text)) out.set(text, { text, prefix });
    };
    let word = '';
    let spaceless = [];
    const endWord = () => {
      if (!word) return;
      let parts = word.split('\'');
      if (parts.length > 1 && meta.words.elisions.includes(parts[0])) parts = parts.slice(1);
      if (parts.length > 1 && parts[parts.length - 1] === 's') parts = parts.slice(0, -1);
      for (const piece of parts.join('').split('-')) if (piece) add(piece, [...piece].length >= PREFIX_CHARS);
      word = '';
    };
    // Characters of scripts written without spaces: pairs (or one alone).
    const endSpaceless = () => {
      if (spaceless.length === 1) add(spaceless[0], false);
      for (let i = 0; i + 1 < spaceless.length; i++) add(spaceless[i] + spaceless[i + 1], false);
      spaceless = [];
    };
    const isWordChar = (c) => WORD.test(c) && !meta.isSpaceless(c) && !APOSTROPHES.includes(c);
    chars.forEach((c, i) => {
      if (meta.isSpaceless(c)) { endWord(); spaceless.push(c); return; }
      endSpaceless();
      const joins = APOSTROPHES.includes(c) || HYPHENS.includes(c);
      if (joins && word && i + 1 < chars.length && isWordChar(chars[i + 1])) word += HYPHENS.includes(c) ? '-' : '\'';
      else if (!joins && isWordChar(c)) word += c;
      else endWord();
    });
    endWord();
    endSpaceless();
    return [...out.values()];
  }

  // ---- postings: gaps between document numbers in base-32 digits, lowest
  // first, 32 marking "more digits follow"; in term shards each gap is
  // followed by a weight digit.
  const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  const VALUE = new Int8Array(128);
  for (let i = 0; i < 64; i++) VALUE[DIGITS.charCodeAt(i)] = i;
  function decode(text, weighted, each) {
    let doc = 0;
    let i = 0;
    while (i < text.length) {
      let gap = 0;
      let shift = 0;
      let v;
      do {
        v = VALUE[text.charCodeAt(i++)];
        gap += (v & 31) * 2 ** shift;
        shift += 5;
      } while (v >= 32);
      doc += gap;
      each(doc, weighted ? VALUE[text.charCodeAt(i++)] : 0);
    }
  }

  // ---- finding
  /** The last index of sorted `array` whose key is <= `key` (-1 if none). */
  function floor(array, key, keyOf = (x) => x) {
    let lo = 0;
    let hi = array.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keyOf(array[mid]) <= key) lo = mid + 1; else hi = mid;
    }
    return lo - 1;
  }

  /** Scores of the documents holding `term` (or, with prefix, a word it starts). */
  async function match(term, meta) {
    const shards = [Math.max(0, floor(meta.shards, term.text))];
    let partial = false;
    if (term.prefix) {
      for (let n = shards[0] + 1; n < meta.shards.length && meta.shards[n].startsWith(term.text); n++) {
        if (shards.length === PREFIX_SHARDS) { partial = true; break; }
        shards.push(n);
      }
    }
    const scores = new Float32Array(meta.docs);
    const docs = [];
    const found = [];
    const weights = [];
    for (const entries of await Promise.all(shards.map((n) => load(`t${n}`)))) {
      for (let e = Math.max(0, floor(entries, term.text, (x) => x[0])); e < entries.length; e++) {
        const [word, postings] = entries[e];
        const exact = word === term.text;
        if (!exact && !(term.prefix && word.startsWith(term.text))) {
          if (word > term.text) break;
          continue;
        }
        found.length = 0;
        weights.length = 0;
        decode(postings, true, (doc, weight) => { found.push(doc); weights.push(weight); });
        // BM25's inverse document frequency; a word the query only starts counts less.
        const df = found.length;
        const idf = Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5)) * (exact ? 1 : PREFIX_FACTOR);
        for (let i = 0; i < df; i++) {
          const doc = found[i];
          const score = idf * weights[i];
          if (scores[doc] === 0) docs.push(doc);
          if (score > scores[doc]) scores[doc] = score;
        }
      }
    }
    return { scores, docs, partial };
  }

  /** The documents that every chosen filter allows, or null if none is chosen. */
  async function allowed(filters, meta) {
    let mask = null;
    for (const facet of FACETS) {
      const values = filters.getAll(facet).filter(Boolean);
      if (!values.length) continue;
      const these = new Uint8Array(meta.docs);
      const lists = await Promise.all(values.map((v) => load(`f/${facet}-${v}`).catch(() => '')));
      for (const ids of lists) decode(ids, false, (doc) => { these[doc] = 1; });
      if (mask) for (let d = 0; d < mask.length; d++) mask[d] &= these[d];
      else mask = these;
    }
    const [from, to] = [filters.get('from'), filters.get('to')];
    if (!from && !to) return mask;
    mask ??= new Uint8Array(meta.docs).fill(1);
    // Dates run newest first: documents up to `to` start where the dates
    // do, and those from `from` stop where earlier ones start.
    const lo = to ? meta.dates.find(([day]) => day <= to)?.[1] ?? meta.undated : 0;
    const before = from ? meta.dates.find(([day]) => day < from) : null;
    const hi = before ? before[1] : meta.undated;
    mask.fill(0, 0, lo);
    mask.fill(0, Math.max(lo, hi));
    return mask;
  }

  /** Ranked document numbers for the query and filters. */
  async function search(query, filters, meta) {
    const terms = queryTerms(query, meta);
    const [mask, matches] = await Promise.all([allowed(filters, meta), Promise.all(terms.map((t) => match(t, meta)))]);
    const partial = terms.find((t, i) => matches[i].partial)?.text;
    if (!terms.length) {
      const docs = [];
      if (mask) for (let d = 0; d < mask.length; d++) if (mask[d]) docs.push(d);
      return { docs, partial };
    }
    matches.sort((a, b) => a.docs.length - b.docs.length);
    const hits = [];
    for (const doc of matches[0].docs) {
      if (mask && !mask[doc]) continue;
      let total = 0;
      for (const m of matches) {
        if (m.scores[doc] === 0) { total = -1; break; }
        total += m.scores[doc];
      }
      if (total > 0) hits.push([doc, total]);
    }
    hits.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return { docs: hits.map((h) => h[0]), partial };
  }

  // ---- showing results, from the page's templates
  async function record(doc, meta) {
    const chunk = await load(`d${Math.floor(doc / meta.chunk)}`);
    return chunk[doc % meta.chunk];
  }

  function kindLabel(kind) {
    const box = form.querySelector(`input[name="kind"][value="${CSS.escape(kind)}"]`);
    return box ? box.labels[0].textContent.trim() : kind;
  }

  function draw(r) {
    const item = document.getElementById(`search-result-${r.t}`).content.firstElementChild.cloneNode(true);
    const slot = (name) => item.querySelector(`[data-slot="${name}"]`);
    const fill = (name, text) => {
      const el = slot(name);
      if (!el) return;
      if (text) el.textContent = text; else el.remove();
    };
    const link = slot('link');
    link.href = r.u;
    if (r.t === 'c') {
      const verdict = document.getElementById(`search-verdict-${r.v}`);
      if (verdict) slot('verdict').append(verdict.content.cloneNode(true));
      fill('kind', kindLabel(r.k));
      link.textContent = r.p || r.q;
      if (r.p) {
        slot('quote').lang = r.l;
        slot('quote').classList.add(`v-${r.v}`);
        fill('q', r.q);
      } else {
        link.lang = r.l;
        slot('quote').remove();
      }
      slot('a').lang = r.l;
      fill('a', r.e || r.a);
      if (r.e) slot('a').removeAttribute('lang');
    } else {
      link.textContent = r.n;
      if (r.l) link.lang = r.l;
      fill('e', r.e);
      fill('x', r.x);
    }
    fill('s', r.s);
    const time = slot('d');
    if (time && r.d) { time.dateTime = r.d[0]; time.textContent = r.d[1]; }
    return item;
  }

  // ---- the page: state in the address, live results, keyboard
  const say = (key, values = {}) => {
    status.textContent = status.dataset[key].replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');
  };
  let serial = 0;
  let ranked = [];
  let shown = 0;
  let lastFound = { docs: [] };
  let asking = null;

  /** Draws the next page of results, each as soon as it and those before it are loaded. */
  async function showMore(meta, mine) {
    const next = ranked.slice(shown, shown + PAGE).map((d) => record(d, meta));
    shown += next.length;
    more.hidden = true;
    for (const pending of next) {
      const r = await pending;
      if (mine !== serial) return;
      list.append(draw(r));
    }
    more.hidden = shown >= ranked.length;
  }

  async function update() {
    const filters = new FormData(form);
    // The same search again (a change event after the input events, say)
    // keeps the results, and the focus on one of them.
    if (params(filters) === asking) return;
    asking = params(filters);
    const mine = ++serial;
    const query = String(filters.get('q') || '');
    remember(filters);
    countFilters(filters);
    const meta = await ready;
    if (mine !== serial) return;
    const asked = query.trim() || [...filters.entries()].some(([k, v]) => k !== 'q' && v);
    let found = { docs: [] };
    if (asked) {
      list.dataset.state = 'searching';
      found = await search(query, filters, meta);
      if (mine !== serial) return;
    }
    ranked = found.docs;
    lastFound = found;
    shown = 0;
    list.replaceChildren();
    const drawing = showMore(meta, mine);
    if (asked) announce(found); else say('prompt');
    await drawing;
    if (mine !== serial) return;
    list.dataset.state = asked ? 'done' : 'idle';
    list.dataset.query = query;
    list.dataset.params = params(filters);
  }

  function announce(found) {
    const n = ranked.length;
    if (!n) say('none');
    else say(n === 1 ? 'one' : 'many', { n: n.toLocaleString(document.documentElement.lang) });
    if (n > shown) status.textContent += ` ${status.dataset.shown.replace('{shown}', shown)}`;
    if (found.partial) status.textContent += ` ${status.dataset.partial.replace('{word}', found.partial)}`;
  }

  function failed(error) {
    asking = null;
    if (error.outdated) say('outdated');
    else if (error.file) say('error', { file: error.file });
    else throw error;
    list.dataset.state = 'error';
  }

  /** The query and filters in the address, so that a search can be kept and shared. */
  function remember(filters) {
    const search = params(filters);
    history.replaceState(null, '', search ? `?${search}` : location.pathname.split('/').pop());
  }

  function params(filters) {
    return new URLSearchParams([...filters.entries()].filter(([, v]) => v)).toString();
  }

  function countFilters(filters) {
    const active = form.querySelector('.search-active');
    const n = [...filters.entries()].filter(([k, v]) => k !== 'q' && v).length;
    active.textContent = n === 0 ? '' : (n === 1 ? active.dataset.activeOne : active.dataset.activeMany.replace('{n}', n));
  }

  function restore() {
    const params = new URLSearchParams(location.search);
    for (const el of form.elements) {
      if (!el.name) continue;
      const values = params.getAll(el.name);
      if (el.type === 'checkbox') el.checked = values.includes(el.value);
      else if (values.length) el.value = values[0];
    }
    if ([...params.keys()].some((k) => k !== 'q')) form.querySelector('details').open = true;
  }

  const run = () => update().catch(failed);
  form.addEventListener('input', run);
  form.addEventListener('change', run);
  form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  form.addEventListener('reset', () => setTimeout(run));
  more.addEventListener('click', () => {
    const at = list.children.length;
    ready.then((meta) => {
      const drawing = showMore(meta, serial);
      announce(lastFound);
      return drawing;
    }).then(() => list.children[at]?.querySelector('a')?.focus()).catch(failed);
  });

  // Down from the query goes to the results; up and down move between them.
  form.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && e.target === input && list.querySelector('a')) {
      e.preventDefault();
      list.querySelector('a').focus();
    }
  });
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...list.querySelectorAll('.result-title a')];
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowUp' && at === 0) input.focus();
    else links[Math.min(links.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1))].focus();
  });

  document.documentElement.classList.add('search-ready');
  restore();
  ready.catch(failed);
  run();
  input.focus();
})();
