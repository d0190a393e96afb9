// axe-core in the page under test: serious and critical violations, each named by its rule and
// the elements it found, so a failing test says what to fix.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  /** The first element's markup and axe's reason, so the message points at the fix. */
  example: string;
}

/** Runs axe on the page as it is now (open dialogs included) and returns the serious and critical findings. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy forbids inline script tags.
  // The page-side code is a string: the tests compile without the DOM's types.
  if (!(await page.evaluate("'axe' in window"))) await page.evaluate(AXE_SOURCE);
  return page.evaluate<AxeFinding[]>(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.map(String).join(' ')),
        example: (v.nodes[0] ? v.nodes[0].html.slice(0, 200) : '') + ' (' + (v.nodes[0] && v.nodes[0].failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240) + ')',
      }));
  })()`);
}

/** One line per rule: "color-contrast (serious): Elements must meet ... → .a, .b". */
export function describeFindings(findings: AxeFinding[]): string {
  return findings.map((f) => `${f.rule} (${f.impact}): ${f.help} → ${f.targets.slice(0, 8).join(', ')}${f.targets.length > 8 ? ` (+${f.targets.length - 8})` : ''}\n    e.g. ${f.example}`).join('\n');
}

/** The screen's name and its findings as one readable string; '' when clean (for toBe('')). */
export async function axeReport(page: Page, screen: string): Promise<string> {
  const findings = await axeViolations(page);
  return findings.length ? `${screen}:\n${describeFindings(findings)}` : '';
}
