// Check 8: hostile input. tests/fixtures/hostile/ puts script tags,
// event-handler attributes, javascript: links, "</script>" (which would end a
// JSON-LD block early) and very long unbroken words into the seed, titles,
// notes, company names, events and sources. Its build must succeed (the
// runner builds it); every page, loaded in Chromium with JavaScript on, must
// open no dialog, run no script, ask for nothing outside the site, and show
// the hostile text as text. A javascript: address where only web addresses
// are allowed (a source's url) must fail the build with a located error.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, copySite, edit, fence, fileUrl, launch, pagesOf, removeSite, report, site, siteUrl } from './lib/common.mjs';

const GLOSE = process.env.GLOSE_BIN || path.join(REPO, 'target', 'release', 'glose');
const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'hostile');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Text that each page must show literally (as the reader's eye sees it).
const SITE_TITLE = 'Hostile <script>alert("glose-xss site")</script> digest';
const SHOWN = {
  'articles/evil-buys-acme.html': [
    '<script>alert("glose-xss seed-title")</script>',
    ' Evil Corp & Co. </script> bought <img src=x onerror=alert("glose-xss seed-img")> Acme',
    `<img src="https://tracker.invalid/pixel.gif" onerror="alert('glose-xss seed')">`,
    '</script><script>alert("glose-xss json-ld")</script>',
    'The title runs <script>alert("glose-xss paraphrase")</script>.',
  ],
  'articles/acme-replies.html': [`"<svg onload=alert('glose-xss svg')>" nonsense`],
  'companies/evil-corp.html': [`<img src=x onerror=alert('glose-xss company')> Evil Corp`],
  'timeline.html': ['Evil Corp buys Acme </script><script>alert("glose-xss event")</script>'],
};

/**
 * What a page did and holds that it must not. Runs in the page. The theme's
 * own search (the header's form, the search page's form, its script and the
 * index files it loads) is allowed: hostile text can make none of them.
 */
function inspect() {
  const found = [];
  const site = document.querySelector('link[rel="stylesheet"]').href.replace(/static\/glose\.css$/, '');
  const ours = (s) => s.src && (s.src === `${site}static/search.js` || (s.src.startsWith(`${site}search/`) && s.src.endsWith('.js')));
  for (const s of document.querySelectorAll('script')) {
    if (ours(s)) continue;
    if (s.type !== 'application/ld+json') { found.push(`a <script${s.type ? ` type="${s.type}"` : ''}> element: ${s.outerHTML.slice(0, 80)}`); continue; }
    if (/<\/script/i.test(s.textContent)) found.push('"</script" inside JSON-LD');
    try { JSON.parse(s.textContent); } catch (e) { found.push(`JSON-LD that does not parse (${e.message}): ${s.textContent.slice(0, 80)}`); }
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`an event handler: <${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
      if (/^(href|src|action|formaction|xlink:href|data|poster|srcset)$/i.test(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value.replace(/[\x00-\x20]/g, ''))) found.push(`a ${a.value.split(':')[0]}: address: <${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
    }
  }
  const search = 'header > form.site-search, header > form.site-search *, main > form[data-search], main > form[data-search] *';
  for (const el of document.querySelectorAll('img, iframe, frame, object, embed, style, base, form, input, meta[http-equiv], link:not([rel="stylesheet"])')) if (!el.matches(search)) found.push(`an element that should not be there: ${el.outerHTML.slice(0, 80)}`);
  const body = getComputedStyle(document.body);
  if (body.display === 'none' || body.visibility === 'hidden') found.push('the body is hidden');
  if (!getComputedStyle(document.documentElement).getPropertyValue('--measure').trim()) found.push('glose.css is not applied');
  return { found, text: document.body.innerText.replace(/\s+/g, ' ') };
}

export async function hostileProblems(dir) {
  const problems = [];
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 1280, height: 800 } });
  const outside = await fence(context, siteUrl(dir));
  // If anything runs, it leaves a trace here too, not only in a dialog.
  await context.addInitScript(() => {
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
      const real = window[name];
      window[name] = function (...args) { document.documentElement.dataset.gloseRan = `${document.documentElement.dataset.gloseRan || ''} ${name}(${args.join(',')})`.trim(); return real.apply(this, args); };
    }
  });
  try {
    for (const rel of pagesOf(dir)) {
      const page = await context.newPage();
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(`${d.type()}("${d.message()}")`); d.dismiss().catch(() => {}); });
      page.on('pageerror', (e) => problems.push(`${rel}: a script error: ${e.message}`));
      outside.length = 0;
      await page.goto(fileUrl(dir, rel), { waitUntil: 'load' });
      // Hover and focus everything once: handlers such as onmouseover and
      // onfocus would fire now.
      await page.mouse.move(200, 200);
      for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
      await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
      await page.waitForTimeout(50);
      const r = await page.evaluate(inspect);
      const ran = await page.evaluate(() => document.documentElement.dataset.gloseRan);
      for (const d of dialogs) problems.push(`${rel}: a dialog opened: ${d}`);
      if (ran) problems.push(`${rel}: a script ran: ${ran}`);
      for (const f of r.found) problems.push(`${rel}: ${f}`);
      for (const u of outside) problems.push(`${rel}: a request left the site: ${u}`);
      const expected = [SITE_TITLE, ...(SHOWN[rel] || [])];
      for (const s of expected) if (!r.text.includes(s)) problems.push(`${rel}: does not show as text: ${s}`);
      await page.close();
    }
  } finally {
    await context.close();
  }
  return problems;
}

describe('hostile input', () => {
  test('every page: no dialog, no script, no request outside the site; hostile text shows as text', async (t) => {
    const dir = site('hostile');
    const problems = await hostileProblems(dir);
    t.diagnostic(`${pagesOf(dir).length} pages loaded with JavaScript on`);
    assert.deepEqual(problems, [], report(problems));
  });

  test('a javascript: address as a source url fails the build with a located error', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glose-hostile-'));
    try {
      fs.cpSync(FIXTURE, tmp, { recursive: true });
      const file = path.join(tmp, 'content', 'articles', 'acme-replies.md');
      const text = fs.readFileSync(file, 'utf8').replace('url = "https://example.org/acme/denial"', 'url = "javascript:alert(document.domain)"');
      fs.writeFileSync(file, text);
      const line = text.split('\n').findIndex((l) => l.startsWith('url = "javascript:')) + 1;
      const r = spawnSync(GLOSE, ['build', '--root', tmp, '--out', path.join(tmp, 'out')], { encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /error\[bad-url\]/);
      assert.match(r.stderr, new RegExp(`content/articles/acme-replies\\.md:${line}:7`));
      assert.ok(!fs.existsSync(path.join(tmp, 'out')), 'a failed build wrote output');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('the hostile check sees a broken page fail', () => {
  let dir;
  before(() => {
    dir = copySite(site('hostile'));
    // Undo the escaping of the headline and of a quoted image tag, as a
    // template that used `| safe` on them would.
    edit(dir, 'articles/evil-buys-acme.html', '&lt;script&gt;alert(&quot;glose-xss seed-title&quot;)&lt;/script&gt;', '<script>alert("glose-xss seed-title")</script>');
    edit(dir, 'articles/evil-buys-acme.html', '&lt;img src=&quot;https://tracker.invalid/pixel.gif&quot; onerror=&quot;alert(&#39;glose-xss seed&#39;)&quot;&gt;', `<img src="https://tracker.invalid/pixel.gif" onerror="alert('glose-xss seed')">`);
  });
  after(() => removeSite(dir));
  test('the dialog, the script, the handler, the request and the missing text are all reported', async () => {
    const problems = await hostileProblems(dir);
    for (const re of [
      /evil-buys-acme.html: a dialog opened: alert\("glose-xss seed-title"\)/,
      /evil-buys-acme.html: a script ran: .*alert\(glose-xss seed-title\)/,
      /evil-buys-acme.html: a <script> element/,
      /evil-buys-acme.html: an event handler: <img onerror=/,
      /evil-buys-acme.html: a request left the site: https:\/\/tracker.invalid\/pixel.gif/,
      /evil-buys-acme.html: does not show as text: <script>alert\("glose-xss seed-title"\)/,
    ]) assert.ok(problems.some((p) => re.test(p)), `expected a problem matching ${re}; got\n${report(problems)}`);
  });
});
