// Check 7: layout at 1280×800 and 390×844. Screenshots of the index, every
// article, the timeline, a company page and the claims page are written to
// tests/browser/screenshots/ (kept by CI, ignored by git). At 1280 px each
// note must sit beside its highlighted claim: to the right of the text,
// never above the claim's first line, and no lower than the line where the
// note stands in the text (the end of the claim's sentence) unless the notes
// above it push it down. At 390 px nothing may overflow the viewport
// horizontally: no box and no line of text, with every <details> open, and
// a box that scrolls sideways must show a cue that it does.

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
  for (const note of document.querySelectorAll('aside.note[id^="note-"]')) {
    const id = note.id.slice('note-'.length);
    const mark = document.getElementById(`claim-${id}`);
    const passage = note.closest('.passage');
    const text = passage?.querySelector(':scope > .text, :scope > h1, :scope > h3');
    // Notes stack within the text (floats share it) or within the headline.
    const column = note.closest('.seed, .passage-title');
    if (!mark || !text) {
      out.push({ id, missing: !mark ? 'quote' : 'passage text' });
      continue;
    }
    const n = note.getBoundingClientRect();
    const m = mark.getBoundingClientRect();
    const t = text.getBoundingClientRect();
    // The line where the note stands: the last line of text before it, or
    // below the heading it follows; a headline's notes stand beside it.
    let anchor = m.top;
    if (!note.closest('.passage-title')) {
      const after = note.previousElementSibling;
      if (after && /^h[1-6]$/.test(after.localName)) anchor = after.getBoundingClientRect().bottom + parseFloat(getComputedStyle(after).marginBottom);
      else {
        const before = document.createRange();
        before.setStart(note.parentElement, 0);
        before.setEndBefore(note);
        const rects = [...before.getClientRects()].filter((r) => r.width > 0 && r.right <= t.right + 1);
        if (rects.length) anchor = Math.max(...rects.map((r) => r.top));
      }
    }
    const above = prev && prev.column === column ? prev.bottom : -Infinity;
    const line = parseFloat(getComputedStyle(text).lineHeight) || 25;
    out.push({ id, line, noteLeft: n.left, noteTop: n.top + scrollY, noteRight: n.right, textRight: t.right, markTop: m.top + scrollY, anchorTop: anchor + scrollY, above: above + 0, vw: document.documentElement.clientWidth });
    prev = { column, bottom: n.bottom + scrollY };
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
      // A note pushed down by the notes above it goes to the next line of
      // text that clears them (Chromium places a float that cannot start at
      // its own line at a later line's top), with a little space between
      // stacked notes, plus rounding.
      const clear = n.above + 6;
      const limit = (clear <= n.anchorTop ? n.anchorTop : n.anchorTop + Math.ceil((clear - n.anchorTop) / n.line) * n.line) + 2;
      if (n.noteTop > limit) problems.push(`note ${n.id} starts ${Math.round(n.noteTop - n.anchorTop)} px below its line in the text, with nothing above it in the margin`);
      if (n.noteTop < n.markTop - 4) problems.push(`note ${n.id} starts ${Math.round(n.markTop - n.noteTop)} px above its claim`);
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
  // A box that scrolls sideways must show that it does (the theme draws a
  // shadow at the edge where more lies beyond).
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (['auto', 'scroll'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1 && !el.closest('pre') && cs.backgroundImage === 'none') {
      bad.push(`${name(el)} scrolls sideways with no cue that it does`);
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
    // Notes left in the text column on wide screens, a note too wide for a
    // phone, and a table wider than a phone that scrolls with no cue.
    edit(dir, 'static/glose.css', /$/, '\n@media (min-width: 64rem) { .seed .note { float: none !important; margin: 0.5rem 0 !important; } }\n#note-deal-3bn { min-width: 30rem; }\ntable { min-width: 40rem; }\n.table-wrap { background: none !important; }\n');
  });
  after(() => removeSite(dir));
  test('notes below the text at 1280 px; overflow at 390 px', async () => {
    const wide = await besideProblems(fileUrl(dir, 'articles/acme-globex-fr.html'));
    assert.ok(wide.problems.some((p) => /note deal-3bn is not beside its text/.test(p)), report(wide.problems));
    const narrow = await narrowProblems(fileUrl(dir, 'articles/acme-globex-fr.html'));
    assert.ok(narrow.some((p) => /aside#note-deal-3bn/.test(p)), report(narrow));
    assert.ok(narrow.some((p) => /scrolls sideways/.test(p)), report(narrow));
    const table = await narrowProblems(fileUrl(dir, 'companies.html'));
    assert.ok(table.some((p) => /div\.table-wrap scrolls sideways with no cue/.test(p)), report(table));
  });
});
