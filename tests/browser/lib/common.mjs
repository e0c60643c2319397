// Shared by every check of the browser stage: where the built sites are, how
// Chromium is started, a static server for the sub-path walk, and helpers to
// make deliberately broken copies of a site for the "sees it fail" tests.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO = path.resolve(HERE, '..', '..');
export const SCREENSHOTS = path.join(HERE, 'screenshots');

// The sites under test, built by tests/browser/run: the real digest into
// public/, the fixture digests and a pull request's preview (built with
// --changes-since) into target/browser/NAME (search: articles in five
// languages, for the search page).
const OUT = process.env.GLOSE_BROWSER_OUT || path.join(REPO, 'target', 'browser');
export const SITES = {
  digest: process.env.GLOSE_SITE_DIGEST || path.join(REPO, 'public'),
  minimal: path.join(OUT, 'minimal'),
  hostile: path.join(OUT, 'hostile'),
  preview: path.join(OUT, 'preview'),
  search: path.join(OUT, 'search'),
  multilingual: path.join(OUT, 'multilingual'),
  'multilingual-rtl': path.join(OUT, 'multilingual-rtl'),
};

export function site(name) {
  const dir = SITES[name];
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: build the sites first (tests/browser/run does)`);
  }
  return dir;
}

/** Every file of a site, as sorted paths relative to its folder ("/" separated). */
export function filesOf(dir, ext) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!ext || e.name.endsWith(ext)) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export const pagesOf = (dir) => filesOf(dir, '.html');
// Article pages are articles/SLUG.html (a slug has no dot; other pages there, such as SLUG.source.html, are not articles).
export const articlesOf = (dir) => pagesOf(dir).filter((p) => /^articles\/[a-z0-9-]+\.html$/.test(p));
export const fileUrl = (dir, rel = '') => pathToFileURL(path.join(dir, rel)).href;
/** The folder's file:// URL, with a trailing slash: everything of the site starts with it. */
export const siteUrl = (dir) => pathToFileURL(dir).href.replace(/\/?$/, '/');

// Debian's Chromium, never a downloaded one. The flags keep it off the
// network: without them it tries Google's hosts at every start.
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/**
 * Refuses, and records, every request that leaves `allowed` (a URL prefix).
 * Returns the list it fills. Chromium asks the route for file:// too.
 */
export async function fence(context, allowed) {
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(allowed)) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  return outside;
}

/** A copy of a site in a new temporary folder, to break on purpose. */
export function copySite(dir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glose-broken-'));
  fs.cpSync(dir, tmp, { recursive: true });
  return tmp;
}

/** Replaces `from` (a string, first occurrence, or a RegExp) in one file of a copy; fails loudly if absent. */
export function edit(dir, rel, from, to) {
  const file = path.join(dir, rel);
  const text = fs.readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`break did not apply: ${String(from)} not in ${rel}`);
  fs.writeFileSync(file, next);
}

export function removeSite(dir) {
  if (dir.startsWith(os.tmpdir())) fs.rmSync(dir, { recursive: true, force: true });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml' };

/**
 * Serves `dir` at http://127.0.0.1:PORT{prefix} and nothing else, as GitHub
 * Pages serves a project or PR preview. Every path outside the prefix is a
 * 404 and is recorded in `outside`.
 */
export async function serve(dir, prefix = '/some/deep/prefix/') {
  const outside = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    if (!pathname.startsWith(prefix)) {
      outside.push(req.url);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('outside the prefix');
      return;
    }
    const file = path.join(dir, pathname.slice(prefix.length));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { base, outside, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Formats a list of problems for an assertion message, cut to a readable length. */
export function report(problems, max = 40) {
  const shown = problems.slice(0, max).map((p) => `  - ${p}`);
  if (problems.length > max) shown.push(`  … and ${problems.length - max} more`);
  return `${problems.length} problem(s):\n${shown.join('\n')}`;
}
