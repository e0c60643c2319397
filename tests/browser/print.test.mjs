// Check 9: print. Each article page is printed to PDF by Chromium (kept in
// tests/browser/screenshots/print/), its text is read back with pdftotext,
// and every note must come right after the sentence that ends its claim:
// after the end of the claim's passage, before the text that follows it and
// before the next paragraph; never gathered elsewhere.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SCREENSHOTS, articlesOf, copySite, edit, fileUrl, launch, removeSite, report, site } from './lib/common.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Each passage as the probes a reader meets in order: the first and last
 * words of each run of its text, and the first words of each note, in
 * document order (a note stands right after the sentence that ends its
 * claim). Also, for each note, the last words of its claim's passage. Words
 * are taken from runs of text that no claim number, elision or note
 * interrupts, so that they print as one stretch. Runs in the page.
 */
function passages() {
  const SKIP = '.claim-ref, .visually-hidden, .elided, svg, aside.note';
  const runsOf = (el, skip) => {
    const runs = [''];
    const visit = (node) => {
      for (const c of node.childNodes) {
        if (c.nodeType === Node.TEXT_NODE) runs[runs.length - 1] += c.textContent;
        else if (c.nodeType === Node.ELEMENT_NODE && c.matches(skip)) runs.push('');
        else if (c.nodeType === Node.ELEMENT_NODE && getComputedStyle(c).display !== 'none') {
          const block = getComputedStyle(c).display !== 'inline';
          if (block) runs.push('');
          visit(c);
          if (block) runs.push('');
        }
      }
    };
    visit(el);
    return runs.map((r) => r.replace(/\s+/g, ' ').trim()).filter((r) => r.length >= 8);
  };
  const words = (s, n, fromEnd) => (fromEnd ? s.split(' ').slice(-n) : s.split(' ').slice(0, n)).join(' ');
  const noteStart = (n) => {
    const r = runsOf(n.querySelector('.gist') || n.querySelector('.note-text') || n, '.visually-hidden, svg');
    return r.length ? words(r[0], 6, false) : null;
  };
  return [...document.querySelectorAll('.passage')].map((p) => {
    const probes = [];
    // The text and its notes, in document order: a run of text between two
    // notes is probed at both ends.
    const text = p.querySelector(':scope > .text, :scope > h1, :scope > h3');
    const pieces = [[]];
    for (const c of [...text.childNodes, ...p.querySelectorAll(':scope > aside.note, :scope > .notes > aside.note')]) {
      if (c.nodeType === Node.ELEMENT_NODE && c.matches('aside.note')) pieces.push(c, []);
      else pieces[pieces.length - 1].push(c);
    }
    for (const piece of pieces) {
      if (!Array.isArray(piece)) {
        // The claim's passage ends right before its number.
        const ref = document.getElementById(`ref-${piece.id.slice('note-'.length)}`);
        const before = document.createRange();
        before.setStart(text, 0);
        if (ref) before.setEndBefore(ref);
        const upTo = document.createElement('div');
        upTo.append(before.cloneContents());
        document.body.append(upTo);
        const runs = runsOf(upTo, SKIP);
        upTo.remove();
        const quoteEnd = ref && runs.length ? words(runs[runs.length - 1], 3, true) : null;
        probes.push({ note: piece.id, text: noteStart(piece), quoteEnd });
        continue;
      }
      const holder = document.createElement('div');
      for (const c of piece) holder.append(c.cloneNode(true));
      document.body.append(holder);
      const runs = runsOf(holder, SKIP);
      holder.remove();
      // The first words, and the last ones when they do not overlap them.
      if (runs.length) probes.push({ text: words(runs[0], 6, false) });
      const last = runs[runs.length - 1];
      if (runs.length > 1 || last?.split(' ').length > 12) probes.push({ text: words(last, 6, true) });
    }
    return probes.filter((x) => x.text);
  });
}

// Whitespace is dropped before comparing: the PDF breaks lines where the
// page did, and a break after a hyphen leaves no space to match. So are
// emoji (and their joiners and variation selectors): on a machine without
// an emoji font Chromium prints no glyph for them, pdftotext reads nothing
// there, and a heading such as "🤖 Pourquoi…" would seem missing.
const squeeze = (s) => s.normalize('NFKC').replace(/[\s\u00ad\p{Extended_Pictographic}\u200d\ufe0f]+/gu, '');

export async function printProblems(url, pdf) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.emulateMedia({ media: 'print' });
    const list = await page.evaluate(passages);
    fs.mkdirSync(path.dirname(pdf), { recursive: true });
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    const text = squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
    const problems = [];
    let cursor = 0;
    let checked = 0;
    for (const [i, probes] of list.entries()) {
      let passageStart = null;
      for (const probe of probes) {
        const at = text.indexOf(squeeze(probe.text), cursor);
        const what = probe.note ? `note ${probe.note.slice('note-'.length)} ("${probe.text}…")` : `"${probe.text}" of passage ${i + 1}`;
        if (at < 0) {
          problems.push(`${what} ${text.indexOf(squeeze(probe.text)) < 0 ? 'is not in the PDF' : 'prints out of order: before what comes ahead of it'}`);
          continue;
        }
        // A note comes after the end of its claim's passage, which comes
        // after what printed before the note.
        if (probe.note) {
          const end = probe.quoteEnd ? text.lastIndexOf(squeeze(probe.quoteEnd), at) : -1;
          if (end < 0 || end < (passageStart ?? 0)) problems.push(`${what} prints before the end of its claim ("…${probe.quoteEnd}")`);
          else checked++;
        }
        passageStart ??= at;
        cursor = at + squeeze(probe.text).length;
      }
    }
    return { problems, checked, notes: list.reduce((n, p) => n + p.filter((x) => x.note).length, 0) };
  } finally {
    await context.close();
  }
}

for (const name of ['digest', 'minimal']) {
  describe(`${name}: print to PDF`, () => {
    for (const rel of articlesOf(site(name))) {
      test(`${rel}: every note right after its claim's sentence`, async (t) => {
        const pdf = path.join(SCREENSHOTS, 'print', name, rel.replace(/^articles\//, '').replace(/\.html$/, '.pdf'));
        const r = await printProblems(fileUrl(site(name), rel), pdf);
        t.diagnostic(`${r.checked} of ${r.notes} notes found in order in ${path.relative(process.cwd(), pdf)}`);
        assert.ok(r.checked > 0, 'no note found in the PDF');
        assert.deepEqual(r.problems, [], report(r.problems));
      });
    }
  });
}

describe('the print check sees a broken page fail', () => {
  let dir;
  before(() => {
    dir = copySite(site('minimal'));
    // In print, the notes come before the text they follow.
    edit(dir, 'static/glose.css', /$/, '\n@media print { .seed .text { display: flex; flex-direction: column-reverse; } }\n');
  });
  after(() => removeSite(dir));
  test('notes printed before their paragraph are reported', async () => {
    const r = await printProblems(fileUrl(dir, 'articles/acme-globex-fr.html'), path.join(dir, 'broken.pdf'));
    assert.ok(r.problems.some((p) => /prints out of order|prints before the end of its claim/.test(p)), report(r.problems));
  });
});
