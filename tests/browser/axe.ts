/**
 * axe-core in the browser tests: the site's CSP allows scripts from its own origin only, so a
 * suite serves axe from there (`useSite({ mounts: { '/__axe/': AXE_DIR } })`) and
 * `seriousViolations` loads it into the page when it is not there yet.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Frame, Page } from 'playwright-core';

/** The axe-core package folder, to mount at /__axe/. */
export const AXE_DIR = dirname(createRequire(import.meta.url).resolve('axe-core'));

/**
 * Axe violations of impact serious or critical in the document (or in the element `context`
 * selects), as readable lines: impact, rule, help and the first five targets.
 */
export async function seriousViolations(page: Page | Frame, context = 'document'): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: '/__axe/axe.min.js' });
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe;
    const target = selector === 'document' ? document : document.querySelector(selector);
    const result = (await axe.run(target, { resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  }, context);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(' | ')}`);
}
