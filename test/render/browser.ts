import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium package (installed by .ci/run): playwright-core downloads no browser here. */
export const CHROMIUM = process.env.AUTHTRAIL_CHROMIUM ?? '/usr/bin/chromium';

/** Browser tests skip on a machine without chromium, but never in CI, where a missing browser must fail. */
export function haveChromium(): boolean {
  return existsSync(CHROMIUM) || Boolean(process.env.CI);
}

/** A shared machine (2 cores, several suites in parallel) makes the browser slow to start and to parse. */
export const BROWSER_TIMEOUT = 120_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The browser build of the `mermaid` package, which its own parser needs a DOM to run. */
export function mermaidScript(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('mermaid/dist/mermaid.min.js');
}

/** A blank page with Mermaid loaded once (the bundle is large: reuse the page for every parse). */
export async function mermaidPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ path: mermaidScript() });
  return page;
}

/**
 * Parses each diagram with Mermaid's own parser inside the browser and returns, per diagram, null when it
 * parsed or the parser's error message.
 */
export async function parseMermaid(page: Page, diagrams: readonly string[]): Promise<(string | null)[]> {
  return page.evaluate(async (sources) => {
      const mermaid = (globalThis as unknown as { mermaid: { initialize(c: object): void; parse(s: string): Promise<unknown> } }).mermaid;
      mermaid.initialize({ startOnLoad: false });
      const results: (string | null)[] = [];
      for (const source of sources) {
        try {
          await mermaid.parse(source);
          results.push(null);
        } catch (error) {
          results.push(String((error as Error)?.message ?? error));
        }
      }
      return results;
    }, [...diagrams]);
}
