// Check 9: search (issue #18). The search page of the `search` fixture
// (articles in French, German, Chinese, Japanese and English), opened from
// disk and under a sub-path: queries typed as a reader types them find what
// each language case should, filters narrow, the address keeps the search,
// the header's box leads to it, the keyboard reaches every result, axe finds
// nothing in light and dark at 1280 and 390 px, nothing is fetched (only
// <script src>), and without JavaScript the box gives way to a link to the
// lists. A broken index is reported, not silently empty.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { SCREENSHOTS, copySite, edit, fence, launch, removeSite, report, serve, site, siteUrl } from './lib/common.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page of a site in a new context whose requests must stay under `root`; `problems` collects what went wrong. */
async function open(root, rel, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const outside = await fence(context, root);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('request', (r) => { if (['fetch', 'xhr'].includes(r.resourceType())) problems.push(`${r.resourceType()} of ${r.url()}`); });
  await page.goto(root + rel);
  return { page, problems, outside, close: () => context.close() };
}

/** Types `query` into the search page's box a key at a time and waits for its results. */
async function type(page, query) {
  await page.fill('#search-q', '');
  await page.locator('#search-q').pressSequentially(query, { delay: 20 });
  await settled(page, query);
}

/** Waits until the results shown are those of the form as it stands (and of `query`, if given). */
async function settled(page, query) {
  await page.waitForFunction((q) => {
    const list = document.getElementById('search-results');
    const form = document.querySelector('form[data-search]');
    const now = new URLSearchParams([...new FormData(form).entries()].filter(([, v]) => v)).toString();
    return (q === undefined || list.dataset.query === q) && list.dataset.params === now && ['done', 'idle'].includes(list.dataset.state);
  }, query, { timeout: 10000 });
}

/** The results shown: link targets (without the folder) and the status line. */
async function results(page) {
  return page.evaluate(() => ({
    hrefs: [...document.querySelectorAll('#search-results .result-title a')].map((a) => a.getAttribute('href')),
    status: document.getElementById('search-status').textContent,
    quotes: [...document.querySelectorAll('#search-results blockquote')].map((q) => ({ lang: q.lang, text: q.textContent.trim() })),
  }));
}

// Query → a link every result list must hold (the claim or article it finds).
const LANGUAGE_CASES = [
  ['negocie', 'articles/fr-negocie.html#claim-negocie', 'an accent left out'],
  ['NÉGOCIE', 'articles/fr-negocie.html#claim-negocie', 'capitals and the accent'],
  ['l’intelligence', 'articles/fr-negocie.html#claim-negocie', 'a French elision (typographic apostrophe)'],
  ["l'accord exclusif", 'articles/fr-negocie.html#claim-exclusif', 'an elision with a straight apostrophe, and two words'],
  ['Rechenzentrum', 'articles/de-rechenzentrum.html#claim-zehn-jahre', 'a German compound by its first part'],
  ['rechenzentrumsvertrag', 'articles/de-rechenzentrum.html#claim-zehn-jahre', 'the whole German compound'],
  ['谷歌云', 'articles/zh-guge.html#claim-tpu', 'Chinese, by character pairs'],
  ['云计算', 'articles/zh-guge.html', 'Chinese in an article title'],
  ['谷', 'articles/zh-guge.html#claim-tpu', 'one Chinese character'],
  ['クラウド', 'articles/ja-kuraudo.html#claim-cloud', 'Japanese katakana'],
  ['ｸﾗｳﾄﾞ', 'articles/ja-kuraudo.html#claim-cloud', 'half-width katakana'],
  ['アンソロピック', 'articles/ja-kuraudo.html#claim-cloud', 'Japanese across kana'],
  ["Google's TPU", 'articles/en-exclusive.html', 'an English possessive'],
];

for (const where of ['file', 'sub-path']) {
  describe(`search over ${where === 'file' ? 'file://' : 'a sub-path'}`, () => {
    let root;
    let server;
    before(async () => {
      if (where === 'file') root = siteUrl(site('search'));
      else {
        server = await serve(site('search'), '/some/deep/prefix/');
        root = server.base;
      }
    });
    after(async () => { await server?.close(); });

    test('each language case finds its claim, with the quote in its language', async () => {
      const { page, problems, outside, close } = await open(root, 'search.html');
      try {
        for (const [query, href, what] of LANGUAGE_CASES) {
          await type(page, query);
          const r = await results(page);
          if (!r.hrefs.includes(href)) problems.push(`${what}: "${query}" does not find ${href} (got ${r.hrefs.join(', ') || 'nothing'}; "${r.status}")`);
        }
        await type(page, '谷歌云');
        const r = await results(page);
        assert.deepEqual(r.quotes, [{ lang: 'zh', text: '谷歌云将向Anthropic提供张量处理器' }]);
        await type(page, 'zzzz');
        assert.match((await results(page)).status, /Nothing found/);
        problems.push(...outside.map((u) => `asked for ${u}, outside the site`));
        assert.deepEqual(problems, [], report(problems));
      } finally {
        await close();
      }
    });

    test('filters narrow, alone and with words, and the address keeps them', async () => {
      const { page, problems, close } = await open(root, 'search.html');
      try {
        await page.click('.search-filters summary');
        await type(page, 'exclusive');
        const all = (await results(page)).hrefs;
        assert.ok(all.length >= 2, `exclusive finds ${all.join(', ')}`);
        await page.check('input[name="verdict"][value="false"]');
        await settled(page, 'exclusive');
        assert.deepEqual((await results(page)).hrefs, ['articles/fr-negocie.html#claim-exclusif']);
        await page.check('input[name="verdict"][value="confirmed"]');
        await settled(page, 'exclusive');
        assert.deepEqual((await results(page)).hrefs, ['articles/fr-negocie.html#claim-exclusif']);
        // The address lists the checked verdicts in the form's order, the vocabulary's.
        assert.match(page.url(), /\?q=exclusive&verdict=false&verdict=confirmed$/);
        // Filters alone, newest first.
        await page.fill('#search-q', '');
        await settled(page, '');
        assert.deepEqual((await results(page)).hrefs, ['articles/zh-guge.html#claim-tpu', 'articles/fr-negocie.html#claim-negocie', 'articles/fr-negocie.html#claim-exclusif']);
        await page.click('button[type="reset"]');
        await page.selectOption('#search-lang', 'de');
        await settled(page, '');
        assert.deepEqual((await results(page)).hrefs, ['articles/de-rechenzentrum.html', 'articles/de-rechenzentrum.html#claim-zehn-jahre']);
        await page.selectOption('#search-lang', '');
        await page.selectOption('#search-company', 'anthropic');
        await type(page, 'exclusive');
        assert.deepEqual((await results(page)).hrefs, ['articles/en-exclusive.html#claim-not-exclusive']);
        await page.check('input[name="kind"][value="fact"]');
        await settled(page, 'exclusive');
        assert.deepEqual((await results(page)).hrefs, []);
        // A date range: July 2025 holds the Chinese article, its claims and the event.
        await page.click('button[type="reset"]');
        await page.fill('#search-from', '2025-07-01');
        await page.fill('#search-to', '2025-07-31');
        await type(page, 'google');
        assert.deepEqual((await results(page)).hrefs.sort(), ['articles/zh-guge.html', 'articles/zh-guge.html#claim-tpu', 'timeline.html#event-tpu-deal']);
        // The address is the search: reopened, it shows the same.
        const again = await open(root, `search.html${new URL(page.url()).search}`);
        try {
          await settled(again.page, 'google');
          assert.deepEqual((await results(again.page)).hrefs, (await results(page)).hrefs);
          assert.equal(await again.page.inputValue('#search-from'), '2025-07-01');
          assert.equal(await again.page.evaluate(() => document.querySelector('.search-filters').open), true);
        } finally {
          await again.close();
        }
        assert.deepEqual(problems, [], report(problems));
      } finally {
        await close();
      }
    });

    test("the header's box leads to the search page and its results", async () => {
      const { page, problems, close } = await open(root, 'articles/de-rechenzentrum.html');
      try {
        await page.fill('#site-search-q', 'négocie');
        await page.press('#site-search-q', 'Enter');
        await page.waitForURL(/search\.html\?q=/);
        await settled(page, 'négocie');
        assert.ok((await results(page)).hrefs.includes('articles/fr-negocie.html#claim-negocie'));
        assert.equal(await page.inputValue('#search-q'), 'négocie');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');
        assert.deepEqual(problems, [], report(problems));
      } finally {
        await close();
      }
    });
  });
}

describe('search by keyboard and screen reader', () => {
  test('down and up move between the query and the results; Enter opens the passage', async () => {
    const { page, problems, close } = await open(siteUrl(site('search')), 'search.html');
    try {
      await page.keyboard.type('anthropic', { delay: 20 });
      await settled(page, 'anthropic');
      const status = await page.evaluate(() => { const s = document.getElementById('search-status'); return { role: s.getAttribute('role'), text: s.textContent }; });
      assert.equal(status.role, 'status');
      assert.match(status.text, /^\d+ results\./);
      const hrefs = (await results(page)).hrefs;
      const focused = () => page.evaluate(() => document.activeElement.getAttribute('href') ?? document.activeElement.id);
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), hrefs[0]);
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), hrefs[1]);
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(ring, 'none', 'a focused result shows a focus ring');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), 'search-q');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.href.endsWith(hrefs[0]));
      assert.deepEqual(problems, [], report(problems));
    } finally {
      await close();
    }
  });

  test('results are axe-clean in light and dark, at 1280 and 390 px; screenshots', async () => {
    const problems = [];
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [width, scheme] of [[1280, 'light'], [1280, 'dark'], [390, 'light'], [390, 'dark']]) {
      const { page, problems: errors, close } = await open(siteUrl(site('search')), 'search.html?q=google', { colorScheme: scheme, viewport: { width, height: 900 } });
      try {
        await settled(page, 'google');
        await page.click('.search-filters summary');
        await page.screenshot({ path: path.join(SCREENSHOTS, `search-${width}-${scheme}.png`), fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        if (overflow > 0) problems.push(`[${width} ${scheme}] the page scrolls sideways by ${overflow} px`);
        // axe reads the stylesheets with XMLHttpRequest itself: only what came before it counts.
        problems.push(...errors.map((e) => `[${width} ${scheme}] ${e}`));
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
          return r.violations.map((v) => `${v.impact} ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
        });
        problems.push(...violations.map((v) => `[${width} ${scheme}] ${v}`));
      } finally {
        await close();
      }
    }
    assert.deepEqual(problems, [], report(problems));
  });
});

describe('search without JavaScript', () => {
  test("the header's box becomes a link to the lists, and the search page lists them", async () => {
    const root = siteUrl(site('search'));
    const { page, close } = await open(root, 'index.html', { javaScriptEnabled: false });
    try {
      const header = await page.evaluate(() => ({
        form: getComputedStyle(document.querySelector('.site-search')).display,
        fallback: document.querySelector('.site-search-fallback').innerText,
        link: document.querySelector('.site-search-fallback a').getAttribute('href'),
      }));
      assert.equal(header.form, 'none');
      assert.match(header.fallback, /Search needs JavaScript/);
      assert.equal(header.link, 'claims.html');
      await page.goto(`${root}search.html`);
      const body = await page.evaluate(() => ({
        form: getComputedStyle(document.querySelector('form[data-search]')).display,
        text: document.querySelector('.search-fallback').innerText,
        links: [...document.querySelectorAll('.search-fallback a')].map((a) => a.getAttribute('href')),
      }));
      assert.equal(body.form, 'none');
      assert.match(body.text, /needs JavaScript/);
      assert.deepEqual(body.links, ['claims.html', 'companies.html', 'timeline.html', 'index.html']);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'search-no-js-390.png') });
    } finally {
      await close();
    }
  });
});

describe('search on hostile text', () => {
  test('hostile titles and quotes come back as text', async () => {
    const { page, problems, close } = await open(siteUrl(site('hostile')), 'search.html');
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    try {
      await type(page, 'script alert');
      const r = await page.evaluate(() => ({
        text: document.getElementById('search-results').innerText,
        scripts: [...document.querySelectorAll('#search-results script, #search-results img')].length,
      }));
      assert.match(r.text, /<script>alert\(/);
      assert.equal(r.scripts, 0);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(problems, [], report(problems));
    } finally {
      await close();
    }
  });
});

describe('the search sees a broken index fail', () => {
  let dir;
  before(() => {
    dir = copySite(site('search'));
    fs.rmSync(path.join(dir, 'search', 't0.js'));
  });
  after(() => removeSite(dir));

  async function statusAfter(rel) {
    const { page, close } = await open(siteUrl(dir), rel);
    try {
      await page.fill('#search-q', 'google');
      await page.waitForFunction(() => document.getElementById('search-results').dataset.state === 'error');
      return await page.textContent('#search-status');
    } finally {
      await close();
    }
  }

  test('a missing index file is named in the status line', async () => {
    assert.match(await statusAfter('search.html'), /could not be loaded: .*search\/t0\.js is missing/);
  });

  test('an index of another format is not read', async () => {
    edit(dir, 'search/meta.js', '{"format":1,', '{"format":2,');
    assert.match(await statusAfter('search.html'), /different versions of glose/);
  });
});
