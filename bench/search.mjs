#!/usr/bin/env node
// Time to first search results, and the index bytes loaded before them, on a
// built site opened from disk in headless Chromium (issue #18). bench/run
// calls it after the glose build of each N:
//
//   node bench/search.mjs OUT_DIR            # prints one JSON object
//
// For each query, a fresh browser context (nothing cached) opens
// search.html over file:// and waits until the script is ready; then the
// query is pasted (one input event), or typed a key at a time as a reader
// types, and the clock runs from the paste or the last key to the first
// result on screen (a MutationObserver in the page sees it). Every file the
// page asked for until then is counted, by its size on disk. One query also
// ticks a verdict filter, timed from the click. Needs the browser stage's
// node modules (tests/browser) and Debian's chromium.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(REPO, 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');

// Words of the benchmark corpus (bench/gen_corpus.py): a company, a word in
// most claims, a rare pair, a word start, an unaccented form of an accented
// word, a figure and an elided word.
const QUERIES = ['zelix', 'la', 'contrat pilote', 'gouv', 'regulateur', '37,9 milliards', "l'accord"];
const KEY_DELAY_MS = 60;

const out = path.resolve(process.argv[2] || '');
if (!fs.existsSync(path.join(out, 'search.html'))) {
  console.error(`bench/search.mjs: ${out}/search.html is missing`);
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** Starts watching for the first result after now; resolves with the ms it took. */
function watchFirstResult() {
  window.__firstResult = new Promise((resolve) => {
    const list = document.getElementById('search-results');
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (list.querySelector('.search-result')) {
        observer.disconnect();
        resolve(performance.now() - started);
      }
    });
    observer.observe(list, { childList: true });
  });
}

/**
 * One query in a fresh context: `typed` (a key at a time, timed from the
 * last key), `pasted` (the whole query in one input event, timed from it)
 * or `filtered` (typed, then a verdict ticked, timed from the click).
 */
async function measure(query, how, filter) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  try {
    await page.goto(pathToFileURL(path.join(out, 'search.html')).href);
    await page.waitForSelector('#search-results[data-state="idle"]', { state: 'attached' });
    const input = page.locator('#search-q');
    await input.focus();
    const keys = [...query];
    const settled = (q) => page.waitForFunction((text) => document.getElementById('search-results').dataset.query === text, q);
    if (how === 'pasted') {
      await page.evaluate(watchFirstResult);
      await input.fill(query);
    } else {
      for (const key of keys.slice(0, -1)) await page.keyboard.type(key, { delay: KEY_DELAY_MS });
      // The searches of the earlier keys end first, so that the clock times the last key alone.
      await settled(keys.slice(0, -1).join(''));
      if (how === 'filtered') {
        await page.keyboard.type(keys[keys.length - 1]);
        await settled(query);
        await page.click('.search-filters summary');
        await page.evaluate(watchFirstResult);
        await page.click(`input[name="verdict"][value="${filter}"]`);
      } else {
        await page.evaluate(watchFirstResult);
        await page.keyboard.type(keys[keys.length - 1]);
      }
    }
    const ms = await page.evaluate(() => window.__firstResult);
    const files = [...new Set(requested)].filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u.split(/[?#]/)[0]));
    const index = files.filter((f) => f.startsWith(path.join(out, 'search') + path.sep));
    const size = (list) => list.reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
    const count = await page.evaluate(() => document.getElementById('search-status').textContent);
    return { query, how, filter: filter || null, ms: Math.round(ms * 10) / 10, index_files: index.length, index_bytes: size(index), page_bytes: size(files), status: count };
  } finally {
    await context.close();
  }
}

const results = [];
for (const how of ['pasted', 'typed']) for (const query of QUERIES) results.push(await measure(query, how));
results.push(await measure('contrat', 'filtered', 'false'));
await browser.close();
console.log(JSON.stringify({ key_delay_ms: KEY_DELAY_MS, queries: results }));
