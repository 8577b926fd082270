/**
 * The CLI's HTML report opened in real headless Debian chromium: the rendered DOM has
 * the score gauge, the three category bars, the tables and a highlighted code excerpt.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { FORMATS_WORKSPACE, tempDir, writeFiles } from '../cli/ws';

const tmp = tempDir('ssot-html-e2e-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const dir = writeFiles(path.join(tmp, 'ws'), FORMATS_WORKSPACE);

describe('--format html in headless chromium', () => {

  it('one self-contained file that headless Chromium renders with the score and the category bars', () => {
    const out = path.join(tmp, 'report', 'index.html');
    const r = runCli(['check', dir, '--format', 'html', '--output', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const html = fs.readFileSync(out, 'utf8');
    // Self-contained: no scripts and no remote resources.
    expect(html).not.toMatch(/<script|<link|src="http|url\(http/i);
    const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
    if (!chromium) throw new Error('headless Chromium is required for this test: install the Debian package `chromium` (apt-get install -y chromium)');
    const dom = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', `file://${out}`], { encoding: 'utf8', timeout: 60_000 });
    expect(dom.status).toBe(0);
    const page = dom.stdout;
    const report = JSON.parse(runCli(['check', dir, '--format', 'json']).stdout);
    const score = `${report.compliance_score.toFixed(1)}%`;
    expect(score).toBe('25.0%');
    expect(page).toMatch(new RegExp(`<figure id="score-gauge"[^>]*>.*${score.replace('.', '\\.')}`, 's'));
    expect(page).toContain(`Compliance score <span class="score">${score}</span>`);
    const bars = [...page.matchAll(/<div class="category-bar" data-category="(\w+)" data-score="([\d.]+)">/g)].map((m) => [m[1], Number(m[2])]);
    expect(bars).toEqual([
      ['real_system', Math.round(report.category_scores.real_system.score * 100) / 100],
      ['test_files', 0],
      ['other', 0],
    ]);
    expect(page).toContain('<section id="rules">');
    expect(page).toContain('<section id="files">');
    // Code excerpt with the flagged line highlighted.
    expect(page).toContain('<span class="hl"><span class="ln">3</span> URL = os.getenv("DATABASE_URL")</span>');
  });
});

