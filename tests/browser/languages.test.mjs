// Every language a newsroom reads (issue #16), on the multilingual fixture:
// text in Arabic and Hebrew computes `direction: rtl` where it stands, a
// quote of one direction inside text of the other is isolated, and in a
// digest written right to left (multilingual-rtl, language = "he") the
// whole layout mirrors: the notes' margin is on the left. Screenshots of the
// Arabic article and of the right-to-left digest at 1280 and 390 px go to
// tests/browser/screenshots/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SCREENSHOTS, fileUrl, launch, site } from './lib/common.mjs';

const WIDTHS = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];
const RTL = ['ar-microsoft-openai', 'he-google-amd'];
const LTR = ['ja-openai-amd', 'zh-google-anthropic', 'de-microsoft-openai'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function open(url, viewport = WIDTHS[0]) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(url);
  return { page, close: () => context.close() };
}

/** Computed direction and the side the first line starts on, per seed block. */
function seedBlocks() {
  // Elided debris ([…] with hidden words) says nothing of where lines start.
  const blocks = [...document.querySelectorAll('.seed .passage > .text, .seed .passage > h3, .article-header h1')];
  return blocks.filter((el) => !el.querySelector('.elided')).map((el) => {
    const box = el.getBoundingClientRect();
    // The text the eye reads: not the words hidden for screen readers nor
    // the raised claim numbers, whose boxes sit off the line.
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const rects = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.visually-hidden, .claim-ref, .note')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 1));
    }
    // The first line, all its runs (a Latin name in Hebrew is a run of its own).
    const top = Math.min(...rects.map((r) => r.top));
    const line = rects.filter((r) => r.top < top + 2);
    return {
      text: el.textContent.slice(0, 30),
      direction: getComputedStyle(el).direction,
      // How far the first line sits from each side of its block.
      fromLeft: line.length ? Math.round(Math.min(...line.map((r) => r.left)) - box.left) : 0,
      fromRight: line.length ? Math.round(box.right - Math.max(...line.map((r) => r.right))) : 0,
    };
  });
}

describe('multilingual: direction of seed text', () => {
  for (const slug of [...RTL, ...LTR]) {
    test(slug, async () => {
      const { page, close } = await open(fileUrl(site('multilingual'), `articles/${slug}.html`));
      try {
        const blocks = await page.evaluate(seedBlocks);
        assert.ok(blocks.length >= 4, `${blocks.length} blocks`);
        const want = RTL.includes(slug) ? 'rtl' : 'ltr';
        for (const b of blocks) {
          assert.equal(b.direction, want, `${b.text}: computed direction`);
          // A line starts on its inline-start side: the right for rtl.
          if (want === 'rtl') assert.ok(b.fromRight <= 1, `${b.text} does not start at the right (${b.fromRight} px from it)`);
        }
      } finally {
        await close();
      }
    });
  }
});

describe('multilingual: quotes isolated in text of the other direction', () => {
  test('timeline and company pages', async () => {
    for (const rel of ['timeline.html', 'companies/microsoft.html']) {
      const { page, close } = await open(fileUrl(site('multilingual'), rel));
      try {
        const quotes = await page.evaluate(() => [...document.querySelectorAll('q[lang="ar"], q[lang="he"]')].map((q) => {
          const s = getComputedStyle(q);
          return { direction: s.direction, bidi: s.unicodeBidi, parent: getComputedStyle(q.parentElement).direction };
        }));
        // Company pages list each claim by its English gist (issue #17): a
        // quote there, if any, must still be isolated.
        if (rel === 'timeline.html') assert.ok(quotes.length > 0, `${rel}: no Arabic or Hebrew quote`);
        for (const q of quotes) {
          assert.deepEqual([q.direction, q.bidi, q.parent], ['rtl', 'isolate', 'ltr'], rel);
        }
      } finally {
        await close();
      }
    }
  });
});

describe('multilingual-rtl: a digest written right to left mirrors', () => {
  test('the page is rtl and the notes sit in the left margin', async () => {
    const { page, close } = await open(fileUrl(site('multilingual-rtl'), 'articles/ja-openai-amd.html'));
    try {
      const r = await page.evaluate(() => {
        const note = document.querySelector('aside.note').getBoundingClientRect();
        const text = document.querySelector('.seed .passage > .text').getBoundingClientRect();
        return { dir: getComputedStyle(document.documentElement).direction, noteRight: note.right, textLeft: text.left };
      });
      assert.equal(r.dir, 'rtl');
      assert.ok(r.noteRight <= r.textLeft, `note ends at ${r.noteRight}, text starts at ${r.textLeft}`);
    } finally {
      await close();
    }
  });
});

describe('screenshots', () => {
  const shots = [
    ['multilingual', 'articles/ar-microsoft-openai.html', 'multilingual-arabic'],
    ['multilingual', 'articles/he-google-amd.html', 'multilingual-hebrew'],
    ['multilingual', 'articles/ja-openai-amd.html', 'multilingual-japanese'],
    ['multilingual-rtl', 'articles/ar-microsoft-openai.html', 'rtl-digest-arabic'],
  ];
  for (const [name, rel, file] of shots) {
    for (const viewport of WIDTHS) {
      test(`${file} at ${viewport.width}`, async () => {
        const { page, close } = await open(fileUrl(site(name), rel), viewport);
        try {
          fs.mkdirSync(SCREENSHOTS, { recursive: true });
          await page.screenshot({ path: path.join(SCREENSHOTS, `${file}-${viewport.width}.png`), fullPage: true });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `${rel} overflows by ${overflow} px at ${viewport.width}`);
        } finally {
          await close();
        }
      });
    }
  }
});
