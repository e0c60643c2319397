// A pull request's browsable preview (README.md, "Publishing": the branch
// mode), served where GitHub Pages serves it: /REPO/pr-preview/pr-7/, below
// the site at /REPO/. It opens on changes.html, every changed claim there
// links to its passage, and every link of every page stays inside the
// preview's prefix (the walk fails on anything that leaves it).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, pagesOf, report, serve, site } from './lib/common.mjs';
import { walk } from './lib/walk.mjs';

const PREFIX = '/glose/pr-preview/pr-7/';

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve(site('preview'), PREFIX);
});
after(async () => {
  await server?.close();
  await browser?.close();
});

test(`under ${PREFIX}: every link from changes.html on lands on a page and fragment inside the preview`, async (t) => {
  const dir = site('preview');
  const r = await walk(browser, server.base, { starts: ['changes.html', 'index.html', '404.html'], expect: pagesOf(dir) });
  t.diagnostic(`${r.pages} documents, ${r.links} links and assets at ${server.base}`);
  const outside = server.outside.filter((u) => u !== '/favicon.ico');
  const problems = r.problems.concat(outside.map((u) => `the server was asked for ${u}, outside the preview`));
  assert.deepEqual(problems, [], report(problems));
});

test('changes.html links each changed claim to its passage, and the index links changes.html', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.base + 'changes.html');
    const changes = await page.$$eval('li.change', (items) =>
      items.map((li) => ({ text: li.textContent.trim().split('\n')[0], href: li.querySelector('a')?.href ?? null })));
    // The fixture's pull request changes a verdict and edits a quote.
    assert.equal(changes.length, 2, JSON.stringify(changes));
    for (const c of changes) {
      assert.match(c.href ?? '', new RegExp(`^${server.base}articles/acme-globex-fr\\.html#claim-`), JSON.stringify(c));
      await page.goto(c.href);
      const id = decodeURIComponent(new URL(c.href).hash.slice(1));
      assert.ok(await page.$(`[id="${id}"]`), `${c.href}: no passage with id ${id}`);
    }
    await page.goto(server.base + 'index.html');
    assert.ok(await page.$('a[href="changes.html"]'), 'the index links changes.html');
  } finally {
    await context.close();
  }
});
