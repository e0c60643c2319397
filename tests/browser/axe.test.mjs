// Check 6: axe-core, injected into every page, finds no WCAG 2.1 A/AA
// violation of serious or critical impact, in the light and the dark colour
// scheme. Every <details> is opened first, so that the evidence inside the
// notes is checked too (colour contrast only looks at what is rendered).
// Violations of lower impact are printed as diagnostics.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { copySite, edit, fileUrl, launch, pagesOf, removeSite, report, site } from './lib/common.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let browser;
const contexts = {};
before(async () => {
  browser = await launch();
  for (const scheme of ['light', 'dark']) contexts[scheme] = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
});
after(async () => { await browser?.close(); });

/** axe's WCAG 2.1 AA violations on one page: { blocking, minor } as readable lines. */
export async function axeViolations(url, scheme) {
  const page = await contexts[scheme].newPage();
  try {
    await page.goto(url);
    await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.any[0]?.message ? `: ${n.any[0].message}` : ''}`) }));
    }, TAGS);
    const lines = (list) => list.flatMap((v) => v.nodes.slice(0, 5).map((n) => `[${scheme}] ${v.impact} ${v.id} (${v.help}) at ${n}`).concat(v.nodes.length > 5 ? [`[${scheme}] ${v.id}: … ${v.nodes.length - 5} more`] : []));
    return {
      blocking: lines(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')),
      minor: lines(violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical')),
    };
  } finally {
    await page.close();
  }
}

for (const name of ['digest', 'minimal', 'hostile', 'multilingual', 'multilingual-rtl']) {
  describe(`${name}: axe-core, WCAG 2.1 AA`, () => {
    for (const rel of pagesOf(site(name))) {
      test(rel, async (t) => {
        const problems = [];
        for (const scheme of ['light', 'dark']) {
          const r = await axeViolations(fileUrl(site(name), rel), scheme);
          problems.push(...r.blocking);
          for (const m of r.minor) t.diagnostic(m);
        }
        assert.deepEqual(problems, [], report(problems));
      });
    }
  });
}

describe('axe sees a broken page fail', () => {
  let dir;
  before(() => {
    dir = copySite(site('minimal'));
    // The page's language removed, and a text colour too faint for its
    // background in the dark scheme only.
    edit(dir, 'claims.html', /<html lang="[^"]*"/, '<html');
    edit(dir, 'static/glose.css', /$/, '\n@media (prefers-color-scheme: dark) { .site-footer { color: #3a3a3e; } }\n');
  });
  after(() => removeSite(dir));
  test('missing lang in both schemes; low contrast in the dark one only', async () => {
    const light = await axeViolations(fileUrl(dir, 'claims.html'), 'light');
    const dark = await axeViolations(fileUrl(dir, 'claims.html'), 'dark');
    assert.ok(light.blocking.some((p) => /html-has-lang/.test(p)), report(light.blocking));
    assert.ok(dark.blocking.some((p) => /html-has-lang/.test(p)), report(dark.blocking));
    assert.ok(!light.blocking.some((p) => /color-contrast.*site-footer/.test(p)), report(light.blocking));
    assert.ok(dark.blocking.some((p) => /color-contrast/.test(p)), report(dark.blocking));
  });
});
