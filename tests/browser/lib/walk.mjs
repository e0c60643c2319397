// The link walk (checks 3 and 4): start at index.html, load every page that
// any link reaches in Chromium, and check that every link lands on a page that
// exists, on an element with the fragment's id, with the stylesheet applied,
// and that nothing the pages ask for leaves the site's root (file:// folder or
// URL prefix). Links are read as the browser resolved them (a.href), so what
// is checked is what a click would open; a few links per page are also
// clicked for real.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fence } from './common.mjs';

const strip = (url) => url.split('#')[0];
const fragmentOf = (url) => {
  const i = url.indexOf('#');
  return i < 0 ? null : decodeURIComponent(url.slice(i + 1));
};

/**
 * @param browser a Playwright browser
 * @param root    the URL prefix every page and asset of the site starts with
 * @param opts    { starts: page paths relative to root (default index.html,
 *                  404.html), expect: relative paths that must all be reached,
 *                  clicks: how many links to click per page (default 3) }
 * @returns { problems: string[], pages: number, links: number }
 */
export async function walk(browser, root, opts = {}) {
  const starts = opts.starts || ['index.html', '404.html'];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const outside = await fence(context, root);
  const problems = [];
  const failed = [];
  // A fresh tab after a failed load: Chromium's error page would otherwise
  // interrupt the next navigation.
  let page;
  const freshPage = async () => {
    await page?.close();
    page = await context.newPage();
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_BLOCKED_BY_CLIENT') failed.push(`${r.url()} (${r.failure()?.errorText})`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.url()} (HTTP ${r.status()})`);
    });
  };
  await freshPage();

  const docs = new Map(); // document URL → { ok, ids:Set } once loaded
  const links = []; // { from, attr, url }
  const queue = starts.map((s) => root + s);
  const seen = new Set(queue);
  let linkCount = 0;

  while (queue.length) {
    const url = queue.shift();
    failed.length = 0;
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load' });
    } catch (e) {
      docs.set(url, { ok: false, why: e.message.split('\n')[0] });
      await freshPage();
      continue;
    }
    if (response && response.status() !== 200) {
      docs.set(url, { ok: false, why: `HTTP ${response.status()}` });
      continue;
    }
    const info = await page.evaluate(() => {
      const attrs = [];
      for (const el of document.querySelectorAll('[href], [src], [srcset], [action], [formaction], [poster], [data]')) {
        for (const name of ['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data']) {
          const value = el.getAttribute(name);
          if (value === null) continue;
          let resolved;
          try { resolved = new URL(value, document.baseURI).href; } catch { resolved = `invalid:${value}`; }
          attrs.push({ tag: el.localName, name, value, resolved, cls: el.className?.baseVal ?? el.className ?? '' });
        }
      }
      return {
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id).concat([...document.querySelectorAll('a[name]')].map((e) => e.name)),
        attrs,
        // glose.css sets these on :root; without the stylesheet they are empty.
        measure: getComputedStyle(document.documentElement).getPropertyValue('--measure').trim(),
        bodyFont: getComputedStyle(document.body).fontFamily,
        base: document.baseURI,
      };
    });
    docs.set(url, { ok: true, ids: new Set(info.ids) });
    const here = url.slice(root.length);
    if (!info.measure) problems.push(`${here}: glose.css is not applied (no --measure on :root; font ${info.bodyFont})`);
    for (const f of failed) problems.push(`${here}: a request failed: ${f}`);

    for (const a of info.attrs) {
      linkCount++;
      const where = `${here}: <${a.tag} ${a.name}="${a.value}">`;
      const u = a.resolved;
      if (u.startsWith(root)) {
        followable(a, u);
        continue;
      }
      if (/^mailto:/i.test(u)) continue;
      if (/^https?:/i.test(u)) {
        // An absolute address elsewhere: evidence and original articles are
        // fine as links (never fetched: offline), never as assets, and never
        // on the site's own host outside its prefix.
        if (/^https?:/.test(root) && new URL(u).origin === new URL(root).origin) problems.push(`${where} points outside the prefix (${u})`);
        else if (a.tag !== 'a' && a.tag !== 'area') problems.push(`${where} loads from outside the site (${u})`);
        continue;
      }
      problems.push(`${where} points outside the site root (${u})`);
    }

    // Click a few links for real: what the browser opens must be what was read.
    const clicks = opts.clicks ?? 3;
    for (let k = 0; k < clicks; k++) {
      if (k > 0 || page.url() !== url) await page.goto(url);
      const expected = await page.evaluate(markClickable, k);
      if (!expected) break;
      try {
        await page.click(`[data-walk-click="${k}"]`, { timeout: 5000 });
        await page.waitForLoadState('load');
        const landed = page.url();
        if (landed !== expected) problems.push(`${here}: clicking ${expected} opened ${landed}`);
        const frag = fragmentOf(landed);
        if (frag && landed.startsWith(root)) {
          const found = await page.evaluate((id) => !!document.getElementById(id), frag);
          if (!found) problems.push(`${here}: clicking ${expected} landed on no element #${frag}`);
        }
      } catch (e) {
        problems.push(`${here}: clicking ${expected} failed: ${e.message.split('\n')[0]}`);
      }
    }

    function followable(a, u) {
      // Pages are .html files; a link to anything else (claims.json, a
      // stylesheet) is checked for existence, not opened (it would download).
      const doc = strip(u);
      const isPage = (a.tag === 'a' || a.tag === 'area') && /\.html$/i.test(new URL(doc).pathname);
      links.push({ from: here, attr: `<${a.tag} ${a.name}="${a.value}">`, url: u, isPage });
      if (isPage && !seen.has(doc)) {
        seen.add(doc);
        queue.push(doc);
      }
    }
  }

  // Other files (stylesheets, data) are checked once each: on disk for
  // file://, with a GET (no navigation, no download) over HTTP.
  for (const l of links.filter((l) => !l.isPage)) {
    const doc = strip(l.url);
    if (docs.has(doc)) continue;
    if (doc.startsWith('file:')) {
      const file = fileURLToPath(doc);
      const ok = fs.existsSync(file) && fs.statSync(file).isFile();
      docs.set(doc, { ok, why: 'no such file', ids: new Set(), asset: true });
    } else {
      const r = await context.request.get(doc, { maxRedirects: 0 });
      docs.set(doc, { ok: r.status() === 200, why: `HTTP ${r.status()}`, ids: new Set(), asset: true });
    }
  }

  for (const l of links) {
    const doc = docs.get(strip(l.url));
    if (!doc) continue;
    if (!doc.ok) {
      problems.push(`${l.from}: ${l.attr} is broken: ${doc.why}`);
      continue;
    }
    const frag = fragmentOf(l.url);
    if (frag && doc.asset) problems.push(`${l.from}: ${l.attr} has a fragment on a file that is not a page`);
    // "#" and "#top" scroll to the top (HTML's "indicated part" rules).
    else if (frag && frag !== 'top' && !doc.ids.has(frag)) problems.push(`${l.from}: ${l.attr} has no target: no id "${frag}" in ${strip(l.url).slice(root.length)}`);
  }

  for (const rel of opts.expect || []) {
    if (!docs.has(root + rel)) problems.push(`${rel} is not reached by any link from ${starts.join(' or ')}`);
  }
  for (const u of outside) problems.push(`a request left the site: ${u}`);

  await context.close();
  return { problems, pages: [...docs.keys()].length, links: linkCount };
}

// Marks the k-th of three kinds of visible link (an in-page fragment, a
// fragment on another page, another page) with data-walk-click=k; returns
// its href, or null when the page has no such link. Runs in the page.
function markClickable(k) {
  // A reader opens the evidence to reach the links inside it.
  for (const d of document.querySelectorAll('details')) d.open = true;
  const all = [...document.querySelectorAll('a[href]')].filter((a) => a.getClientRects().length > 0 && !a.classList.contains('skip-link'));
  const here = location.href.split('#')[0];
  // Relative (no scheme) and to a page: a link to a data file would download.
  const local = (a) => !/^[a-z][a-z0-9+.-]*:/i.test(a.getAttribute('href')) && new URL(a.href).pathname.endsWith('.html');
  const kinds = [
    (a) => a.getAttribute('href').startsWith('#') && a.getAttribute('href').length > 1,
    (a) => local(a) && !a.getAttribute('href').startsWith('#') && a.getAttribute('href').includes('#'),
    (a) => local(a) && !a.getAttribute('href').includes('#') && a.href !== here,
  ];
  const a = all.find(kinds[k]);
  if (!a) return null;
  a.setAttribute('data-walk-click', String(k));
  return a.href;
}
