import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisJson } from '../../src/model/analysis.js';
import { renderHtml } from '../../src/render/html.js';
import { BROWSER_TIMEOUT, haveChromium, launchChromium } from './browser.js';
import { analyzeJson } from '../helpers/cli.js';
import { analysisOf, INPUTS, type InputName, NOW } from './inputs.js';

const ARTIFACTS = 'test-artifacts';

interface Visit {
  page: Page;
  consoleErrors: string[];
  /** Every request that was not the report file itself (all refused). */
  outside: string[];
}

/** Opens the report as a file, refusing and recording any request that would leave it. */
async function visit(browser: Browser, analysis: AnalysisJson, viewport = { width: 1366, height: 900 }, tamper = (html: string) => html): Promise<Visit> {
  const dir = mkdtempSync(join(tmpdir(), 'authtrail-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, tamper(renderHtml(analysis, { now: NOW })));
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport });
  const consoleErrors: string[] = [];
  const outside: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.route('**/*', (route) => {
    const target = route.request().url();
    if (target === url) return route.continue();
    outside.push(target);
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, consoleErrors, outside };
}

describe.skipIf(!haveChromium())('report.html in headless Chromium', { timeout: BROWSER_TIMEOUT }, () => {
  let browser: Browser;
  const analyses = new Map<InputName, AnalysisJson>();

  beforeAll(async () => {
    browser = await launchChromium();
    for (const name of ['devforum', 'push-rejected', 'hostile'] as const) analyses.set(name, await analysisOf(name));
    mkdirSync(ARTIFACTS, { recursive: true });
  }, BROWSER_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and no request leaving the file; every finding is visible on its step', async () => {
    const analysis = analyses.get('devforum')!;
    const { page, consoleErrors, outside } = await visit(browser, analysis);
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
    expect(await page.locator('script, link, iframe, object, embed, img').count()).toBe(0);

    const cards = page.locator('li.step article.finding');
    expect(await cards.count()).toBe(analysis.findings.length);
    for (const f of analysis.findings) {
      const card = page.locator('li.step', { has: page.locator('.step-no', { hasText: new RegExp(`^${f.step}$`) }) }).locator(`article.finding[data-rule="${f.rule}"]`).first();
      await expect.poll(() => card.isVisible()).toBe(true);
      expect(await card.locator('.sev').innerText()).toMatch(new RegExp(f.severity, 'i'));
      expect(await card.locator('a').getAttribute('href')).toBe(f.docs);
    }
    // The devforum answer must be on the page: the reset committed the password before MFA, a documented edge.
    await expect.poll(() => page.getByText('Okta documents this edge (PASSWORD_RESET -> MFA_REQUIRED)').first().isVisible()).toBe(true);
    // Lanes: one per status reached, the rotated token and the passwordChanged moves.
    const lanes = await page.locator('svg.lanes .lane-label').allTextContents();
    expect(lanes).toEqual(['START', 'RECOVERY', 'PASSWORD_RESET', 'MFA_REQUIRED', 'MFA_CHALLENGE', 'SUCCESS', 'stateToken', 'passwordChanged']);
    expect(await page.locator('svg.lanes .tok-label', { hasText: '↻' }).count()).toBe(1);
    expect(await page.locator('svg.lanes .pw-regressed').count()).toBe(1);

    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: false });
    // The part a reader looks at first after the summary: the lanes and the steps with their findings.
    const top = (await page.locator('section.transaction').first().boundingBox())!.y;
    await page.screenshot({ path: join(ARTIFACTS, 'report-timeline.png'), fullPage: true, clip: { x: 0, y: top, width: 1366, height: 1250 } });
    await page.screenshot({ path: join(ARTIFACTS, 'report-full.png'), fullPage: true });
    await page.close();
  });

  it('has two locks: its Content-Security-Policy refuses a planted image, and without it the request trap catches it', async () => {
    const plant = (html: string) => html.replace('<main>', '<main><img src="http://127.0.0.1:9/beacon.png" alt="">');
    const locked = await visit(browser, analyses.get('devforum')!, undefined, plant);
    expect(locked.outside).toEqual([]);
    expect(locked.consoleErrors.join('\n')).toMatch(/Content Security Policy/);
    await locked.page.close();
    const unlocked = await visit(browser, analyses.get('devforum')!, undefined, (html) => plant(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')));
    expect(unlocked.outside).toEqual(['http://127.0.0.1:9/beacon.png']);
    await unlocked.page.close();
  });

  it('stays readable printed: findings visible, lanes fit the page, nothing wider than the paper', async () => {
    for (const name of ['push-rejected', 'hostile'] as const) {
      const timed = await visit(browser, analyses.get(name)!, { width: 794, height: 1123 });
      await timed.page.emulateMedia({ media: 'print' });
      expect([name, await timed.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)]).toEqual([name, 0]);
      await timed.page.close();
    }
    const { page } = await visit(browser, analyses.get('devforum')!, { width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('article.finding').first().isVisible()).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.screenshot({ path: join(ARTIFACTS, 'report-print.png'), fullPage: true });
    await page.close();
  });

  it('shows times and relative deltas when the evidence has them', async () => {
    const { page, consoleErrors, outside } = await visit(browser, analyses.get('push-rejected')!);
    expect([consoleErrors, outside]).toEqual([[], []]);
    expect(await page.locator('li.step .time').first().innerText()).toBe('2026-11-21 08:15:00Z');
    expect(await page.locator('li.step .time b').allInnerTexts()).toEqual(['+1s', '+4s', '+4s', '+21s', '+4s', '+4s']);
    await page.close();
  });

  it('renders hostile evidence as text: no element, request or script comes from it', async () => {
    const analysis = analyses.get('hostile')!;
    const { page, consoleErrors, outside } = await visit(browser, analysis);
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
    expect(await page.locator('script, img, iframe, i').count()).toBe(0);
    // No element carries an event handler, and the evidence's <b>STATUS</b> stayed text.
    expect(await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length)).toBe(0);
    expect(await page.locator('b', { hasText: /^STATUS$/ }).count()).toBe(0);
    const login = analysis.transactions[0].user.login!;
    expect(await page.locator('h2').first().innerText()).toBe('Verdict');
    expect(await page.locator('section.transaction h2').first().innerText()).toContain(login);
    expect(await page.getByText('REJ<script>alert(2)</script>;#').first().isVisible()).toBe(true);
    await page.close();
  });
});

describe.skipIf(!haveChromium())('report.html for a long flow', { timeout: BROWSER_TIMEOUT }, () => {
  it('forty push polls keep the lane chart compact and the page clean', async () => {
    const source = JSON.parse(readFileSync(INPUTS['push-rejected'], 'utf8'));
    const [first, , poll] = source.log.entries;
    const entries = [first, ...Array.from({ length: 40 }, (_, i) => ({ ...poll, startedDateTime: new Date(Date.parse(poll.startedDateTime) + i * 3_000).toISOString() }))];
    const file = join(mkdtempSync(join(tmpdir(), 'authtrail-long-')), 'long.har');
    writeFileSync(file, JSON.stringify({ log: { ...source.log, entries } }));
    const { json } = await analyzeJson('--db', ':memory:', file);
    const browser = await launchChromium();
    try {
      const { page, consoleErrors, outside } = await visit(browser, json as AnalysisJson);
      expect([consoleErrors, outside]).toEqual([[], []]);
      expect(await page.locator('li.step').count()).toBe(41);
      const width = Number(await page.locator('svg.lanes').getAttribute('width'));
      expect(width).toBeLessThanOrEqual(170 + 42 * 46 + 40);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
