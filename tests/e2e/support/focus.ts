// Walks the page with Tab and names every control that takes the focus without showing it.
import type { Page } from 'playwright-core';

// Page-side code as a string: the tests compile without the DOM's types.
const DESCRIBE_FOCUS = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { element: 'body', ring: true };
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const ring = outline || (style.boxShadow !== 'none' && el.matches(':focus-visible'));
  const name = (el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  const classes = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  return { element: el.tagName.toLowerCase() + classes + ' "' + name + '"', ring };
})()`;

export interface FocusStop {
  element: string;
  ring: boolean;
}

/** Presses Tab `presses` times and reports, for each stop, the element and whether a focus ring shows. */
export async function tabStops(page: Page, presses: number): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate<FocusStop>(DESCRIBE_FOCUS));
  }
  return stops;
}

/** The stops without a visible ring, one per line ('' when every stop shows its focus). */
export async function stopsWithoutRing(page: Page, presses: number): Promise<string> {
  return (await tabStops(page, presses))
    .filter((s) => !s.ring)
    .map((s) => s.element)
    .join('\n');
}
