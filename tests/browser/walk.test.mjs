// Checks 3 and 4: follow every link of every page, opened from disk (file://)
// and served under a deep sub-path on 127.0.0.1.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { copySite, edit, launch, pagesOf, removeSite, report, serve, site, siteUrl } from './lib/common.mjs';
import { walk } from './lib/walk.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const name of ['digest', 'minimal', 'hostile']) {
  describe(`${name}: link walk`, () => {
    test('offline over file://: every link lands on a page and fragment, styled', async (t) => {
      const dir = site(name);
      const r = await walk(browser, siteUrl(dir), { expect: pagesOf(dir) });
      t.diagnostic(`${r.pages} documents, ${r.links} links and assets`);
      assert.deepEqual(r.problems, [], report(r.problems));
    });

    test('under /some/deep/prefix/ on 127.0.0.1: the same, and nothing outside the prefix', async (t) => {
      const dir = site(name);
      const server = await serve(dir, '/some/deep/prefix/');
      try {
        const r = await walk(browser, server.base, { expect: pagesOf(dir) });
        t.diagnostic(`${r.pages} documents, ${r.links} links and assets at ${server.base}`);
        // Chromium asks for /favicon.ico at the host's root by itself when a
        // page names no icon: that request is the browser's, not a link.
        const outside = server.outside.filter((u) => u !== '/favicon.ico');
        const problems = r.problems.concat(outside.map((u) => `the server was asked for ${u}, outside the prefix`));
        assert.deepEqual(problems, [], report(problems));
      } finally {
        await server.close();
      }
    });
  });
}

describe('the walk sees a broken site fail', () => {
  let dir;
  before(() => {
    dir = copySite(site('minimal'));
    // A link to a page that does not exist, a fragment that does not exist,
    // a page whose stylesheet link is wrong, a root-absolute link (which
    // leaves a sub-path and the folder opened from disk), and a page that
    // no link reaches any more.
    edit(dir, 'articles/globex-picks-acme.html', 'href="#note-chose-acme"', 'href="#note-nope"');
    edit(dir, 'index.html', /href="articles\/acme-globex-fr.html"/, 'href="articles/gone.html"');
    edit(dir, 'claims.html', /static\/glose.css/, 'static/glose-missing.css');
    edit(dir, 'timeline.html', /href="index.html"/, 'href="/index.html"');
  });
  after(() => removeSite(dir));

  const expected = [
    /globex-picks-acme.html: .*#note-nope.* no id "note-nope"/,
    /index.html: <a href="articles\/gone.html"> is broken/,
    /claims.html: glose.css is not applied/,
    /claims.html: a request failed: .*glose-missing.css/,
    /timeline.html: <a href="\/index.html"> points outside the (site root|prefix)/,
  ];

  test('over file://', async () => {
    const r = await walk(browser, siteUrl(dir), { expect: pagesOf(dir) });
    for (const re of expected) assert.ok(r.problems.some((p) => re.test(p)), `expected a problem matching ${re}; got\n${report(r.problems)}`);
  });

  test('under a sub-path', async () => {
    const server = await serve(dir, '/some/deep/prefix/');
    try {
      const r = await walk(browser, server.base, { expect: pagesOf(dir) });
      for (const re of expected) assert.ok(r.problems.some((p) => re.test(p)), `expected a problem matching ${re}; got\n${report(r.problems)}`);
    } finally {
      await server.close();
    }
  });
});
