// Check 7: layout at 1280×800 and 390×844. Screenshots of the index, every
// article, the timeline, a company page and the claims page are written to
// tests/browser/screenshots/ (kept by CI, ignored by git). At 1280 px each
// note must sit beside its highlighted claim: to the right of the text, and
// starting no lower than the claim's line unless the notes above it push it
// down. At 390 px nothing may overflow the viewport horizontally: no box and
// no line of text, with every <details> open.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SCREENSHOTS, articlesOf, copySite, edit, fileUrl, launch, pagesOf, removeSite, report, site } from './lib/common.mjs';

const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Where each note is, against its claim and its passage's text. Runs in the page. */
function notePlacement() {
  const out = [];
  let prev = null;
  for (const note of document.querySelectorAll('aside.note[id^="claim-"]')) {
    const id = note.id.slice('claim-'.length);
    const mark = document.getElementById(`quote-${id}`);
    const passage = note.closest('.passage');
    const text = passage?.querySelector(':scope > p, :scope > h1, :scope > h3');
    if (!mark || !text) {
      out.push({ id, missing: !mark ? 'quote' : 'passage text' });
      continue;
    }
    const n = note.getBoundingClientRect();
    const m = mark.getBoundingClientRect();
    const t = text.getBoundingClientRect();
    const above = prev && prev.passage === passage ? prev.bottom : -Infinity;
    out.push({ id, noteLeft: n.left, noteTop: n.top + scrollY, noteRight: n.right, textRight: t.right, markTop: m.top + scrollY, above: above + 0, vw: document.documentElement.clientWidth });
    prev = { passage, bottom: n.bottom + scrollY };
  }
  return out;
}

export async function besideProblems(url) {
  const context = await browser.newContext({ viewport: WIDE });
  const page = await context.newPage();
  try {
    await page.goto(url);
    const notes = await page.evaluate(notePlacement);
    const problems = [];
    let worst = 0;
    for (const n of notes) {
      if (n.missing) { problems.push(`note ${n.id}: no ${n.missing}`); continue; }
      if (n.noteLeft < n.textRight) problems.push(`note ${n.id} is not beside its text (note starts at x=${Math.round(n.noteLeft)}, text ends at x=${Math.round(n.textRight)})`);
      if (n.noteRight > n.vw) problems.push(`note ${n.id} runs off the page (right edge ${Math.round(n.noteRight)} > ${n.vw})`);
      // 0.75rem between stacked notes, plus rounding.
      const limit = Math.max(n.markTop, n.above + 16) + 2;
      if (n.noteTop > limit) problems.push(`note ${n.id} starts ${Math.round(n.noteTop - n.markTop)} px below its claim's line, with nothing above it in the margin`);
      worst = Math.max(worst, n.noteTop - n.markTop);
    }
    return { problems, notes: notes.length, worst: Math.round(worst) };
  } finally {
    await context.close();
  }
}

/** Boxes and lines of text that stick out of the viewport sideways. Runs in the page. */
function overflow() {
  for (const d of document.querySelectorAll('details')) d.open = true;
  const vw = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX)) return true;
    }
    return false;
  };
  const name = (el) => `${el.localName}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.visually-hidden, .skip-link')) continue;
    const r = el.getBoundingClientRect();
    if ((r.width || r.height) && (r.right > vw + 0.5 || r.left < -0.5) && !clipped(el)) bad.push(`${name(el)} spans x=${Math.round(r.left)}…${Math.round(r.right)}`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('.visually-hidden, .skip-link') || clipped(node)) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.right > vw + 0.5 || r.left < -0.5) {
        bad.push(`text "${node.textContent.trim().slice(0, 40)}…" in ${name(el)} reaches x=${Math.round(r.right)}`);
        break;
      }
    }
  }
  const sw = document.documentElement.scrollWidth;
  if (sw > vw) bad.unshift(`the page scrolls sideways (${sw} px wide in a ${vw} px viewport)`);
  return bad;
}

export async function narrowProblems(url) {
  const context = await browser.newContext({ viewport: NARROW, deviceScaleFactor: 1 });
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await page.evaluate(overflow);
  } finally {
    await context.close();
  }
}

/** The pages to photograph: index, articles, timeline, the company with the most on its page, claims. */
function shotList(dir) {
  const companies = pagesOf(dir).filter((p) => /^companies\/[^/]+\.html$/.test(p));
  const biggest = companies.sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size)[0];
  return ['index.html', ...articlesOf(dir), 'timeline.html', biggest, 'claims.html'].filter(Boolean);
}

describe('screenshots', () => {
  for (const name of ['digest', 'hostile']) {
    test(`${name}: index, articles, timeline, a company, claims at 1280 and 390 px`, async (t) => {
      const dir = site(name);
      const out = path.join(SCREENSHOTS, name);
      fs.rmSync(out, { recursive: true, force: true });
      fs.mkdirSync(out, { recursive: true });
      let count = 0;
      for (const viewport of [WIDE, NARROW]) {
        const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
        const page = await context.newPage();
        for (const rel of shotList(dir)) {
          await page.goto(fileUrl(dir, rel));
          const file = path.join(out, `${rel.replace(/\//g, '--').replace(/\.html$/, '')}-${viewport.width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          assert.ok(fs.statSync(file).size > 1000, `${file} is empty`);
          count++;
        }
        await context.close();
      }
      t.diagnostic(`${count} screenshots in ${path.relative(process.cwd(), out)}/`);
    });
  }
});

for (const name of ['digest', 'minimal', 'hostile']) {
  describe(`${name}: layout`, () => {
    for (const rel of articlesOf(site(name))) {
      test(`${rel} at 1280 px: every note beside its claim`, async (t) => {
        const r = await besideProblems(fileUrl(site(name), rel));
        t.diagnostic(`${r.notes} notes; the lowest starts ${r.worst} px below its claim's line`);
        assert.ok(r.notes > 0, 'no notes found');
        assert.deepEqual(r.problems, [], report(r.problems));
      });
    }
    test('every page at 390 px: nothing overflows sideways', async () => {
      const problems = [];
      for (const rel of pagesOf(site(name))) {
        for (const p of await narrowProblems(fileUrl(site(name), rel))) problems.push(`${rel}: ${p}`);
      }
      assert.deepEqual(problems, [], report(problems));
    });
  });
}

describe('the layout checks see a broken page fail', () => {
  let dir;
  before(() => {
    dir = copySite(site('minimal'));
    // Notes dropped below their passage on wide screens, and a note too
    // wide for a phone.
    edit(dir, 'static/glose.css', /$/, '\n@media (min-width: 64rem) { .passage { display: block; } }\n#claim-deal-3bn { min-width: 30rem; }\n');
  });
  after(() => removeSite(dir));
  test('notes below the text at 1280 px; overflow at 390 px', async () => {
    const wide = await besideProblems(fileUrl(dir, 'articles/acme-globex-fr.html'));
    assert.ok(wide.problems.some((p) => /note deal-3bn is not beside its text/.test(p)), report(wide.problems));
    const narrow = await narrowProblems(fileUrl(dir, 'articles/acme-globex-fr.html'));
    assert.ok(narrow.some((p) => /aside#claim-deal-3bn/.test(p)), report(narrow));
    assert.ok(narrow.some((p) => /scrolls sideways/.test(p)), report(narrow));
  });
});
