import type { Locator } from '@playwright/test';
import { expect } from './helpers';

/**
 * Counts what a resident does with a thumb: every tap, and every swipe needed to bring the next target
 * into view (above the fixed tab bar, or inside an open sheet). Typing is not a tap, but focusing the field
 * to type into is one; a native <select> is two (open, choose).
 */
export class TapCounter {
  taps = 0;
  swipes = 0;
  readonly steps: string[] = [];

  /** Swipes (counted) until the target is wholly on screen. */
  private async reach(target: Locator): Promise<void> {
    await target.waitFor({ state: 'visible', timeout: 30_000 });
    const inView = await target.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const bar = el.closest('dialog[open], .tab-bar') ? null : document.querySelector('.tab-bar');
      const bottom = bar ? bar.getBoundingClientRect().top : window.innerHeight;
      return r.top >= 0 && r.bottom <= bottom + 0.5;
    });
    if (!inView) {
      this.swipes++;
      this.steps.push('(swipe)');
      await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    }
  }

  async tap(target: Locator, what: string): Promise<void> {
    await this.reach(target);
    await target.click();
    this.taps++;
    this.steps.push(what);
  }

  async type(target: Locator, text: string, what: string): Promise<void> {
    await this.reach(target);
    await target.click();
    this.taps++;
    this.steps.push(`${what} (types "${text}")`);
    await target.fill(text);
  }

  async choose(select: Locator, value: string | { label: string }, what: string): Promise<void> {
    await this.reach(select);
    await select.selectOption(value);
    this.taps += 2;
    this.steps.push(`${what} (open + choose)`);
  }

  /** The last tap of a "call" task: a tel: link on screen. Not followed (Chromium has no dialler). */
  async call(link: Locator, what: string): Promise<string> {
    await this.reach(link);
    const href = (await link.getAttribute('href')) ?? '';
    expect(href, `${what} is a tel: link`).toMatch(/^tel:\+?\d+$/);
    this.taps++;
    this.steps.push(what);
    return href;
  }

  get path(): string {
    return this.steps.join(' → ');
  }
}
