// Check 10 (issue #13): notes beside their passages, at the real density.
// With JavaScript off, on the real digest:
//
//   1-3. note offset at 1280 px — the distance between the top of a claim's
//        highlighted passage and the top of its note — median ≤ 40 px,
//        90th percentile ≤ 200 px, worst ≤ 500 px;
//   4.   the text column reads as one unbroken column: in the worst article,
//        ≤ 10 % of the height between the first and the last line of the text
//        holds no text (the space before a paragraph or a heading, up to two
//        lines, is part of a column);
//   5.   every in-site link to a claim lands with the quoted passage in view,
//        below any sticky header, and marked by :target — at 1280 and 390 px.
//
// Alongside: notes never overlap one another or the text, and sit in the
// margin at 1280 px.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { articlesOf, copySite, edit, fileUrl, launch, pagesOf, removeSite, report, site } from './lib/common.mjs';

const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };
export const GOALS = { median: 40, p90: 200, worst: 500, blank: 0.10, arrival: 1 };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Offsets, overlaps and blank column of one article page. Runs in the page. */
function measureArticle() {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right };
  };
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const seed = document.querySelector('.seed');
  const notes = [...document.querySelectorAll('aside.note[id^="note-"]')];
  const offsets = [];
  const problems = [];
  const boxes = [];
  for (const note of notes) {
    const id = note.id.slice('note-'.length);
    const mark = document.getElementById(`claim-${id}`);
    if (!mark) { problems.push(`note ${id}: no highlighted passage #claim-${id}`); continue; }
    const n = box(note);
    const signed = n.top - (mark.getClientRects()[0].top + scrollY);
    offsets.push({ id, offset: Math.abs(signed), above: signed < -4 });
    for (const [other, b] of boxes) if (hit(n, b)) problems.push(`note ${id} overlaps note ${other}`);
    boxes.push([id, n]);
  }
  // Text lines of the article (headline and seed), as the reader sees them.
  const lines = [];
  const walker = document.createTreeWalker(document.querySelector('.article'), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.textContent.trim() || t.parentElement.closest('aside.note, .visually-hidden')) continue;
    const inSeed = seed.contains(t) && !t.parentElement.closest('h2');
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) if (r.width > 1) lines.push({ top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right, seed: inSeed });
  }
  for (const [id, n] of boxes) {
    if (lines.some((l) => hit(n, l))) problems.push(`note ${id} covers text of the article`);
  }
  // The seed's lines of text, top to bottom: the part of any gap between
  // two of them beyond two lines (what a paragraph or a heading leaves) is
  // blank column.
  const rows = lines.filter((l) => l.seed).sort((a, b) => a.top - b.top);
  const line = parseFloat(getComputedStyle(seed.querySelector('.passage') || seed).lineHeight) || 25;
  let blank = 0;
  let bottom = rows.length ? rows[0].bottom : 0;
  for (const r of rows) {
    blank += Math.max(0, r.top - bottom - 2 * line);
    bottom = Math.max(bottom, r.bottom);
  }
  const span = rows.length ? bottom - rows[0].top : 0;
  return { offsets, problems, blank: span > 0 ? blank / span : 0 };
}

export async function articleMeasures(url) {
  const context = await browser.newContext({ viewport: WIDE, javaScriptEnabled: false, deviceScaleFactor: 1 });
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await page.evaluate(measureArticle);
  } finally {
    await context.close();
  }
}

/** Every in-site link to a claim: its resolved URL and the claim's id. Runs in the page. */
function claimLinks() {
  return [...document.querySelectorAll('a[href]')]
    .filter((a) => /\/articles\/[a-z0-9-]+\.html#(claim|note|ref)-/.test(a.href))
    .map((a) => ({
      url: a.href,
      id: decodeURIComponent(a.href.split('#')[1]).replace(/^(claim|note|ref)-/, ''),
      // A claim's number and its note's number, which lead from one to the other on the same page.
      numbers: a.matches('.claim-ref, .note-number'),
    }));
}

/** After landing: is the quoted passage in view, below any sticky header, and is the target marked? Runs in the page. */
function landed(id) {
  const mark = document.getElementById(`claim-${id}`);
  const note = document.getElementById(`note-${id}`);
  if (!mark) return 'no highlighted passage';
  let ceiling = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.position !== 'sticky' && cs.position !== 'fixed') continue;
    const r = el.getBoundingClientRect();
    if (r.top <= 1 && r.height > 0 && r.height < innerHeight / 2) ceiling = Math.max(ceiling, r.bottom);
  }
  const first = mark.getClientRects()[0];
  if (first.top < ceiling - 1) return `the passage starts above the view (${Math.round(first.top)} px, header ends at ${Math.round(ceiling)})`;
  if (first.bottom > innerHeight + 1) return `the passage starts below the view (${Math.round(first.top)} px of ${innerHeight})`;
  const target = document.querySelector(':target');
  if (!target) return 'nothing is :target';
  const marked = (el) => {
    const cs = getComputedStyle(el);
    return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
  };
  const ref = document.getElementById(`ref-${id}`);
  if (![mark, note, ref].includes(target) || !marked(target)) return `the target (${target.localName}#${target.id}) is not visibly marked`;
  const n = note?.getBoundingClientRect();
  if (!n || n.top > innerHeight - 20 || n.bottom < ceiling) return 'the passage is in view but its note is not';
  return 'ok';
}

/** Every distinct in-site link to a claim, followed at `viewport` with JavaScript off. */
export async function arrivals(dir, viewport) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: false, deviceScaleFactor: 1 });
  const page = await context.newPage();
  try {
    const targets = new Map();
    for (const rel of pagesOf(dir)) {
      await page.goto(fileUrl(dir, rel));
      for (const l of await page.evaluate(claimLinks)) {
        const known = targets.get(l.url);
        if (!known) targets.set(l.url, { ...l, from: rel });
        else if (known.numbers && !l.numbers) targets.set(l.url, { ...l, from: rel });
      }
    }
    const problems = [];
    let inView = 0;
    let elsewhere = 0;
    let elsewhereInView = 0;
    let n = 0;
    for (const t of targets.values()) {
      // A fresh load each time, as when a reader follows the link from
      // another page: a query string makes it a new document.
      await page.goto(t.url.replace('#', `?visit=${n++}#`));
      const state = await page.evaluate(landed, t.id);
      const seen = !/^the passage starts|^no highlighted/.test(state);
      inView += seen;
      if (!t.numbers) { elsewhere++; elsewhereInView += seen; }
      if (state !== 'ok') problems.push(`${t.url.replace(/^.*\/articles\//, '')} (from ${t.from}): ${state}`);
    }
    return { links: targets.size, problems, share: targets.size ? inView / targets.size : 0, elsewhere, elsewhereShare: elsewhere ? elsewhereInView / elsewhere : 0 };
  } finally {
    await context.close();
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

describe('digest: notes beside their passages (JavaScript off)', () => {
  test('at 1280 px: note offsets, blank column, no overlap', async (t) => {
    const dir = site('digest');
    const all = [];
    const problems = [];
    let blankWorst = { blank: -1 };
    for (const rel of articlesOf(dir)) {
      const m = await articleMeasures(fileUrl(dir, rel));
      for (const o of m.offsets) all.push({ ...o, rel });
      problems.push(...m.problems.map((p) => `${rel}: ${p}`));
      if (m.blank > blankWorst.blank) blankWorst = { blank: m.blank, rel };
    }
    all.sort((a, b) => a.offset - b.offset);
    const offsets = all.map((o) => o.offset);
    const worst = all[all.length - 1];
    const r = {
      median: Math.round(quantile(offsets, 0.5)),
      p90: Math.round(quantile(offsets, 0.9)),
      worst: Math.round(worst.offset),
      blank: Math.round(blankWorst.blank * 100),
    };
    t.diagnostic(`${all.length} notes: offset median ${r.median} px, 90th percentile ${r.p90} px, worst ${r.worst} px (${worst.rel} #${worst.id})`);
    t.diagnostic(`${all.filter((o) => o.above).length} notes start above their passage`);
    t.diagnostic(`blank text column, worst article: ${r.blank} % (${blankWorst.rel})`);
    if (r.median > GOALS.median) problems.push(`median offset ${r.median} px > ${GOALS.median} px`);
    if (r.p90 > GOALS.p90) problems.push(`90th percentile offset ${r.p90} px > ${GOALS.p90} px`);
    if (r.worst > GOALS.worst) problems.push(`worst offset ${r.worst} px (${worst.rel} #${worst.id}) > ${GOALS.worst} px`);
    if (blankWorst.blank > GOALS.blank) problems.push(`${r.blank} % of ${blankWorst.rel}'s text column is blank (> ${GOALS.blank * 100} %)`);
    assert.deepEqual(problems, [], report(problems));
  });

  for (const viewport of [WIDE, NARROW]) {
    test(`at ${viewport.width} px: every link to a claim lands on its passage, in view and marked`, async (t) => {
      const r = await arrivals(site('digest'), viewport);
      t.diagnostic(`${r.links} distinct links to claims: ${Math.round(r.share * 100)} % land with the quoted passage in view; ${r.problems.length} fall short of passage, mark and note in view`);
      t.diagnostic(`of them ${r.elsewhere} cross-links and links from other pages (not a claim's or note's number): ${Math.round(r.elsewhereShare * 100)} % with the passage in view`);
      assert.ok(r.links > 100, `only ${r.links} links to claims found`);
      assert.deepEqual(r.problems, [], report(r.problems));
    });
  }
});

describe('the margin check sees a broken page fail', () => {
  let dir;
  before(() => {
    dir = copySite(site('minimal'));
    // Notes pushed far below their passage, holes in the text, and a target
    // that nothing marks.
    edit(dir, 'static/glose.css', /$/, '\naside.note { margin-top: 40rem !important; }\n.seed .text { margin-bottom: 30rem; }\n#claim-deal-3bn { scroll-margin-top: 200vh; }\n:target { outline: none !important; box-shadow: none !important; }\n');
  });
  after(() => removeSite(dir));
  test('offsets, overlap and arrival problems are reported', async () => {
    const m = await articleMeasures(fileUrl(dir, 'articles/acme-globex-fr.html'));
    assert.ok(Math.max(...m.offsets.map((o) => o.offset)) > GOALS.worst, JSON.stringify(m.offsets));
    assert.ok(m.blank > GOALS.blank, `blank ${m.blank}`);
    const a = await arrivals(dir, WIDE);
    assert.ok(a.problems.some((p) => /not visibly marked|above the view|below the view/.test(p)), report(a.problems));
  });
});
