// Check 9: print. Each article page is printed to PDF by Chromium (kept in
// tests/browser/screenshots/print/), its text is read back with pdftotext,
// and every note must come after the end of its paragraph and before the
// start of the next one: next to or right after what it annotates, never
// gathered elsewhere.

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
 * Each passage with the first and last words of its text and, for each of
 * its notes, the first words of the note. Words are taken from runs of text
 * that no claim number or elision interrupts, so that they print as one
 * stretch. Runs in the page.
 */
function passages() {
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
  return [...document.querySelectorAll('.passage')].map((p) => {
    const text = p.querySelector(':scope > p, :scope > h1, :scope > h3');
    const runs = runsOf(text, '.claim-ref, .visually-hidden, .elided, svg');
    return {
      start: runs.length ? words(runs[0], 6, false) : null,
      end: runs.length ? words(runs[runs.length - 1], 6, true) : null,
      notes: [...p.querySelectorAll('aside.note')].map((n) => {
        const r = runsOf(n.querySelector('.paraphrase') || n.querySelector('.note-text') || n, '.visually-hidden, svg, details');
        return { id: n.id, start: r.length ? words(r[0], 6, false) : null };
      }),
    };
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
    for (const [i, p] of list.entries()) {
      if (!p.start) continue;
      const start = text.indexOf(squeeze(p.start), cursor);
      if (start < 0) {
        const anywhere = text.indexOf(squeeze(p.start));
        problems.push(`passage ${i + 1} ("${p.start}…") ${anywhere < 0 ? 'is not in the PDF' : 'prints before the notes of the passage above it'}`);
        continue;
      }
      const end = text.indexOf(squeeze(p.end), start);
      if (end < 0) {
        problems.push(`the end of passage ${i + 1} ("…${p.end}") is not found after its start`);
        continue;
      }
      cursor = end + squeeze(p.end).length;
      for (const n of p.notes) {
        if (!n.start) continue;
        const at = text.indexOf(squeeze(n.start), cursor);
        if (at < 0) {
          const anywhere = text.indexOf(squeeze(n.start));
          problems.push(`note ${n.id} ("${n.start}…") ${anywhere < 0 ? 'is not in the PDF' : 'prints before the end of its paragraph'}`);
          continue;
        }
        cursor = at + squeeze(n.start).length;
        checked++;
      }
      const next = list.slice(i + 1).find((q) => q.start);
      if (next) {
        const nextAt = text.indexOf(squeeze(next.start), cursor);
        if (nextAt < 0 && p.notes.length) problems.push(`the notes of passage ${i + 1} print after the next passage ("${next.start}…")`);
      }
    }
    return { problems, checked, notes: list.reduce((n, p) => n + p.notes.length, 0) };
  } finally {
    await context.close();
  }
}

for (const name of ['digest', 'minimal']) {
  describe(`${name}: print to PDF`, () => {
    for (const rel of articlesOf(site(name))) {
      test(`${rel}: every note right after its paragraph`, async (t) => {
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
    // In print, the notes come before their paragraph.
    edit(dir, 'static/glose.css', /$/, '\n@media print { .passage { display: flex; flex-direction: column-reverse; } }\n');
  });
  after(() => removeSite(dir));
  test('notes printed before their paragraph are reported', async () => {
    const r = await printProblems(fileUrl(dir, 'articles/acme-globex-fr.html'), path.join(dir, 'broken.pdf'));
    assert.ok(r.problems.some((p) => /prints before the end of its paragraph|prints before the notes/.test(p)), report(r.problems));
  });
});
