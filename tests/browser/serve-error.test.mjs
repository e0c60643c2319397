// The page `glose serve` shows while the digest does not build: the report's
// carets must stay under the text they point at. A long source line used to
// wrap, so the caret line no longer lined up with it. Here a quote of about
// 250 characters fails; at 1280 and 390 px, light and dark, every caret must
// sit at the x of its column in the line above, the report must scroll
// sideways inside its box (and take focus for the keyboard), and the page
// itself must not. Screenshots go to tests/browser/screenshots/. The same
// page with wrapping lines must fail the check.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { REPO, SCREENSHOTS, edit, launch, report } from './lib/common.mjs';

const GLOSE = process.env.GLOSE_BIN || path.join(REPO, 'target', 'release', 'glose');
const LONG = 'the deal of the year, which every analyst who follows the cloud business expected to be signed before the end of the quarter, at a price nobody outside the two companies knows, for a term of ten years with options to extend';

let browser, server, digest, url;

/** Starts `glose serve` on a copy of the minimal fixture with one long, wrong quote. */
before(async () => {
  browser = await launch();
  digest = fs.mkdtempSync(path.join(os.tmpdir(), 'glose-serve-error-'));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'minimal'), digest, { recursive: true });
  edit(digest, 'content/articles/globex-picks-acme.md', 'quote = "the deal of the year"', `quote = "${LONG}"`);
  server = spawn(GLOSE, ['serve', '--port', '0'], { cwd: digest, stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = readline.createInterface({ input: server.stdout });
  const first = await new Promise((resolve) => lines.once('line', resolve));
  url = first.match(/http:\/\/[^/ ]+\//)?.[0];
  assert.ok(url, `serve did not say where it serves: ${first}`);
});
after(async () => {
  server?.kill();
  await browser?.close();
  if (digest) fs.rmSync(digest, { recursive: true, force: true });
});

/** Where the report's carets fall against the characters they mark. Runs in the page. */
function caretProblems() {
  const pre = document.querySelector('pre');
  const node = pre?.firstChild;
  if (!node || pre.childNodes.length !== 1) return ['the report is not one text in a <pre>'];
  const lines = node.data.split('\n');
  const starts = [];
  lines.reduce((at, line) => { starts.push(at); return at + line.length + 1; }, 0);
  const left = (at) => { const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 1); return r.getClientRects()[0]; };
  const problems = [];
  let carets = 0;
  for (let i = 1; i < lines.length; i++) {
    const column = lines[i].indexOf('^');
    if (column < 0 || !/^\s*\|/.test(lines[i])) continue;
    carets++;
    for (const c of [column, lines[i].lastIndexOf('^')]) {
      if (c >= lines[i - 1].length) { problems.push(`line ${i + 1}: a caret past the end of the line above`); continue; }
      const caret = left(starts[i] + c), marked = left(starts[i - 1] + c);
      if (Math.abs(caret.left - marked.left) > 0.5 || caret.top <= marked.top) {
        problems.push(`line ${i + 1}, column ${c + 1}: the caret is at (${Math.round(caret.left)}, ${Math.round(caret.top)}), the character it marks at (${Math.round(marked.left)}, ${Math.round(marked.top)})`);
      }
    }
  }
  if (!carets) problems.push('no caret line in the report');
  if (pre.scrollWidth <= pre.clientWidth) problems.push('the report does not scroll sideways, so a long line must have wrapped');
  if (pre.tabIndex !== 0) problems.push('the report scrolls but cannot take focus');
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) problems.push(`the page itself overflows sideways (${page.scrollWidth} > ${page.clientWidth})`);
  return problems;
}

describe('serve error page', () => {
  for (const [name, viewport] of [['1280', { width: 1280, height: 800 }], ['390', { width: 390, height: 844 }]]) {
    for (const scheme of ['light', 'dark']) {
      test(`carets stay under their text at ${name} px, ${scheme}`, async () => {
        const context = await browser.newContext({ viewport, colorScheme: scheme });
        const page = await context.newPage();
        try {
          const response = await page.goto(`${url}articles/globex-picks-acme.html`);
          assert.equal(response.status(), 500);
          assert.match(await page.textContent('pre'), /quote-not-found/);
          fs.mkdirSync(SCREENSHOTS, { recursive: true });
          await page.screenshot({ path: path.join(SCREENSHOTS, `serve-error-${name}-${scheme}.png`), fullPage: true });
          const problems = await page.evaluate(caretProblems);
          assert.deepEqual(problems, [], report(problems));
        } finally {
          await context.close();
        }
      });
    }
  }

  test('sees it fail: a report whose lines wrap', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${url}articles/globex-picks-acme.html`);
      await page.addStyleTag({ content: 'pre { white-space: pre-wrap !important; }' });
      const problems = await page.evaluate(caretProblems);
      assert.ok(problems.some((p) => p.includes('the caret is at')), report(problems));
    } finally {
      await context.close();
    }
  });
});
