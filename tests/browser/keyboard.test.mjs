// Check 5: with JavaScript disabled, every annotation is readable and
// reachable by keyboard. Tab must reach each claim (its numbered link, right
// after the highlighted quote) and its note (the note's number), every
// focused element must show a focus ring, Enter on a claim must bring its
// note into view and Enter on the note's number must come back, and the
// evidence must open from the keyboard.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { articlesOf, copySite, edit, fileUrl, launch, removeSite, report, site } from './lib/common.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What is focused, and whether a reader can see that it is. Runs in the page. */
function focused() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const path = [];
  for (let e = el; e && e !== document.body; e = e.parentElement) path.unshift(`${e.localName}${e.id ? `#${e.id}` : ''}:${[...e.parentElement.children].indexOf(e)}`);
  const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow && cs.boxShadow !== 'none');
  return {
    key: path.join('>'),
    label: `${el.localName}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${el.textContent.trim().slice(0, 30)}"`,
    id: el.id,
    note: el.closest('aside.note')?.id || null,
    ring,
    focusVisible: el.matches(':focus-visible'),
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
  };
}

/** Whether an element can be read: rendered, not hidden, not clipped away, with text. Runs in the page. */
function readable(sel) {
  const el = document.querySelector(sel);
  if (!el) return 'missing';
  const r = el.getBoundingClientRect();
  if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true, contentVisibilityAuto: true })) return 'hidden';
  if (r.width < 40 || r.height < 10) return `too small (${Math.round(r.width)}×${Math.round(r.height)})`;
  if (!el.innerText.trim()) return 'no text';
  if (!(r.bottom > 0 && r.top < innerHeight)) return `not in view (top ${Math.round(r.top)})`;
  return 'ok';
}

/**
 * Runs the keyboard checks on one page, in a context with JavaScript off.
 * @returns problems (strings)
 */
export async function keyboardProblems(url) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  try {
    await page.goto(url);
    const claims = await page.evaluate(() => [...document.querySelectorAll('aside.note[id^="note-"]')].map((n) => ({
      id: n.id.slice('note-'.length),
      hasRef: !!document.getElementById(`ref-${n.id.slice('note-'.length)}`),
      hasDetails: !!n.querySelector('details > summary'),
    })));
    if (claims.length === 0) problems.push('no notes on the page');

    // Tab through the whole page, as a reader would.
    const seen = new Set();
    const reachedIds = new Set();
    const reachedNotes = new Set();
    const limit = 40 + claims.length * 6;
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(focused);
      if (!f || seen.has(f.key)) break;
      seen.add(f.key);
      if (f.id) reachedIds.add(f.id);
      if (f.note) reachedNotes.add(f.note);
      if (!f.ring) problems.push(`focus is not visible on ${f.label} (no outline or shadow)`);
      if (!f.inView) problems.push(`focused ${f.label} is not in view`);
    }
    for (const c of claims) {
      if (!c.hasRef) problems.push(`claim ${c.id} has no numbered link after its quote`);
      else if (!reachedIds.has(`ref-${c.id}`)) problems.push(`Tab never reaches claim ${c.id} (#ref-${c.id})`);
      if (!reachedNotes.has(`note-${c.id}`)) problems.push(`Tab never reaches the note of claim ${c.id}`);
    }

    // Enter on each claim opens its note; Enter on the note's number comes back.
    // Focuses an element the way a script would (to start from it); false
    // when it cannot take focus (hidden, say), which is a problem of its own.
    const focusOn = async (sel) => {
      await page.focus(sel).catch(() => {});
      return page.evaluate((s) => document.activeElement === document.querySelector(s), sel);
    };
    for (const c of claims.filter((c) => c.hasRef)) {
      if (!(await focusOn(`#ref-${c.id}`))) {
        problems.push(`claim ${c.id} cannot take focus`);
        continue;
      }
      await page.keyboard.press('Enter');
      const hash = await page.evaluate(() => location.hash);
      if (hash !== `#note-${c.id}`) problems.push(`Enter on claim ${c.id} went to "${hash}"`);
      const state = await page.evaluate(readable, `#note-${c.id}`);
      if (state !== 'ok') problems.push(`the note of claim ${c.id} is not readable after Enter: ${state}`);
      if (!(await focusOn(`#note-${c.id} a[href="#ref-${c.id}"]`))) {
        problems.push(`the note of claim ${c.id} has no focusable link back to its claim`);
        continue;
      }
      await page.keyboard.press('Enter');
      const backHash = await page.evaluate(() => location.hash);
      if (backHash !== `#ref-${c.id}`) problems.push(`Enter on the number of note ${c.id} went to "${backHash}"`);
    }

    // The evidence opens from the keyboard, and what it holds can be tabbed to.
    for (const c of claims.filter((c) => c.hasDetails)) {
      const summary = `#note-${c.id} details > summary`;
      if (!(await focusOn(summary))) {
        problems.push(`the evidence of claim ${c.id} cannot take focus`);
        continue;
      }
      await page.keyboard.press('Enter');
      const open = await page.evaluate((s) => document.querySelector(s).parentElement.open, summary);
      if (!open) {
        problems.push(`Enter does not open the evidence of claim ${c.id}`);
        continue;
      }
      const hasLink = await page.evaluate((s) => !!document.querySelector(s).parentElement.querySelector('a[href]'), summary);
      if (hasLink) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate(focused);
        if (!f || f.note !== `note-${c.id}`) problems.push(`Tab after opening the evidence of claim ${c.id} leaves the note (${f?.label})`);
        else if (!f.ring) problems.push(`focus is not visible on ${f.label} in the evidence of claim ${c.id}`);
      }
    }
  } finally {
    await context.close();
  }
  return problems;
}

for (const name of ['digest', 'minimal', 'hostile']) {
  describe(`${name}: keyboard, without JavaScript`, () => {
    for (const rel of articlesOf(site(name))) {
      test(rel, async () => {
        const problems = await keyboardProblems(fileUrl(site(name), rel));
        assert.deepEqual(problems, [], report(problems));
      });
    }
  });
}

describe('the keyboard check sees a broken page fail', () => {
  let dir;
  before(() => {
    dir = copySite(site('minimal'));
    // A claim taken out of the tab order, a note hidden, and focus rings removed.
    edit(dir, 'articles/acme-globex-fr.html', 'id="ref-three-billion"', 'id="ref-three-billion" tabindex="-1"');
    edit(dir, 'static/glose.css', /$/, '\n#note-rocket-for-all { display: none; }\n.note-number:focus-visible { outline: none; }\n');
  });
  after(() => removeSite(dir));
  test('each break is reported', async () => {
    const problems = await keyboardProblems(fileUrl(dir, 'articles/acme-globex-fr.html'));
    for (const re of [/Tab never reaches claim three-billion/, /Tab never reaches the note of claim rocket-for-all/, /note of claim rocket-for-all is not readable/, /focus is not visible on a\.note-number/]) {
      assert.ok(problems.some((p) => re.test(p)), `expected a problem matching ${re}; got\n${report(problems)}`);
    }
  });
});
