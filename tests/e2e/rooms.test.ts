/**
 * Issue 14, a page for every room: a phone (390 × 844: every control reachable with a thumb and
 * inside the viewport once scrolled to, nothing sideways, the status and the sheet first, a tap
 * probes a cell, nothing moves when a text changes), a laptop (1280 × 720: Pause and Reset without
 * scrolling, each view's explanation beside it) and a lecture hall (1920 × 1080 in presentation
 * mode: no text under 28 px, canvas labels included, and the big views taking most of the screen).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, regionStats, screenshot, waitForStatus, waitRunning } from './support';
import type { Box } from './support';

const browser = useBrowser();

/** Every visible control of the page, named for the failure message. */
const CONTROLS = 'button, input:not([type="file"]):not([type="hidden"]), select, textarea, summary, a[href]';

interface Reach {
  name: string;
  box: Box;
  /** the point at its centre hits it (or its label), not something laid over it */
  hit: boolean;
}

/** Scrolls each visible control into view and reports where it is then and whether a tap there reaches it. */
async function reachEveryControl(page: Page): Promise<Reach[]> {
  const count = await page.locator(CONTROLS).count();
  const out: Reach[] = [];
  for (let k = 0; k < count; k++) {
    const reach = await page.locator(CONTROLS).nth(k).evaluate((el: HTMLElement) => {
      if (!el.checkVisibility({ visibilityProperty: true })) return null;
      const r0 = el.getBoundingClientRect();
      if (r0.width <= 1 && r0.height <= 1) return null; // visually hidden (a screen reader's only)
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      // a checkbox is reached through its label: their boxes together are the target
      const label = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.labels?.[0] : null;
      const r = el.getBoundingClientRect();
      const l = label?.getBoundingClientRect();
      const box = l
        ? { x: Math.min(r.left, l.left), y: Math.min(r.top, l.top), width: Math.max(r.right, l.right) - Math.min(r.left, l.left), height: Math.max(r.bottom, l.bottom) - Math.min(r.top, l.top) }
        : { x: r.left, y: r.top, width: r.width, height: r.height };
      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const hit = at !== null && (el.contains(at) || at === label || (label?.contains(at) ?? false));
      const name = `${el.tagName.toLowerCase()}#${el.id || ''}.${el.className || ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
      return { name, box, hit };
    });
    if (reach) out.push(reach);
  }
  return out;
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  // page coordinates (scroll included), so a box read after scrolling compares with one read before
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
  });
}

/**
 * Pairs of a slider's landmark texts that overlap (by more than a pixel), named by their text: none
 * should. Each text node is measured on its own (a landmark's word is a span inside its number's),
 * so a word laid over its own number counts too.
 */
async function overlappingTicks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const clashes: string[] = [];
    for (const row of document.querySelectorAll<HTMLElement>('.mg-ticks')) {
      if (!row.checkVisibility()) continue;
      const texts: { text: string; r: DOMRect }[] = [];
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        if (text === '') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        texts.push({ text, r: range.getBoundingClientRect() });
      }
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i].r;
          const b = texts[j].r;
          const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (across > 1 && down > 1) clashes.push(`${row.parentElement?.querySelector('input')?.id ?? '?'}: "${texts[i].text}" × "${texts[j].text}"`);
        }
      }
    }
    return clashes;
  });
}

describe('a page for every room', () => {
  it('phone 390 × 844: every control reachable, ≥ 44 px and inside the viewport; nothing sideways; a tap probes; nothing moves', async () => {
    const { page, errors, close } = await browser.open('/?n=1500&mg=0.7', {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.5, 60_000, 'frames');
      await page.waitForTimeout(800);
      const first = await screenshot(page, 'rooms-phone-390x844');

      // the status and the sheet come first: both begin on the first screen, and the sheet is drawn
      const size = await page.evaluate(() => ({ w: innerWidth, h: innerHeight, sw: document.scrollingElement!.scrollWidth }));
      expect(size.sw, 'no sideways scroll').toBeLessThanOrEqual(size.w);
      expect(await overlappingTicks(page), 'slider landmarks that overlap').toEqual([]);
      const status = (await page.locator('#status').boundingBox())!;
      const sheet = (await page.locator('[data-view="sheet"]').boundingBox())!;
      expect(status.y + status.height).toBeLessThan(size.h / 3);
      expect(sheet.y).toBeLessThan(size.h / 2);
      expect(sheet.x + sheet.width).toBeLessThanOrEqual(size.w);
      expect(regionStats(first, { ...sheet, height: Math.min(sheet.height, size.h - 200 - sheet.y) }, 2).lumaSd, 'the sheet is drawn').toBeGreaterThan(6);

      // every control, scrolled to: inside the viewport, not covered, a thumb's size
      const reach = await reachEveryControl(page);
      expect(reach.length).toBeGreaterThan(30);
      const problems: string[] = [];
      for (const { name, box, hit } of reach) {
        if (box.x < -0.5 || box.y < -0.5 || box.x + box.width > size.w + 0.5 || box.y + box.height > size.h + 0.5) problems.push(`${name} outside the viewport ${JSON.stringify(box)}`);
        if (!hit) problems.push(`${name} is covered at its centre`);
        if (box.height < 44 || box.width < 44) problems.push(`${name} is ${box.width.toFixed(0)} × ${box.height.toFixed(0)} px`);
      }
      expect(problems).toEqual([]);
      const afterScroll = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(afterScroll).toBeLessThanOrEqual(size.w);

      // a tap on the sheet probes the cell under it
      await page.evaluate(() => scrollTo(0, 0));
      const plot = (await page.locator('[data-view="sheet"]').boundingBox())!;
      await page.touchscreen.tap(plot.x + plot.width * 0.4, plot.y + plot.height * 0.4);
      await expect.poll(() => page.locator('#probe-list li').count(), { timeout: 5_000 }).toBe(1);

      // the dock's slider stays put while the status line and the preset text change
      const slider = (await page.locator('#mg').boundingBox())!;
      const statusBox = await boxOf(page, '#status');
      await page.locator('#scenes button[data-scene="zero"]').evaluate((b: HTMLButtonElement) => b.click());
      await waitForStatus(page, (s) => s.mgOutMM === 0, 15_000, '0 mM');
      await page.waitForTimeout(1200);
      expect(await page.locator('#mg').boundingBox()).toEqual(slider);
      expect(await boxOf(page, '#status')).toEqual(statusBox);
      await screenshot(page, 'rooms-phone-390x844-zero');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('laptop 1280 × 720: Pause and Reset without scrolling; each view explains itself beside it; a preset moves nothing', async () => {
    const { page, errors, close } = await browser.open('/?n=1500&mg=0.4', { viewport: { width: 1280, height: 720 } });
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.5, 60_000, 'frames');
      for (const name of ['Pause the simulation', 'Reset']) {
        const box = (await page.getByRole('button', { name }).boundingBox())!;
        expect(box.y + box.height, name).toBeLessThanOrEqual(720);
      }
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(1280);
      expect(await overlappingTicks(page), 'slider landmarks that overlap').toEqual([]);

      // the sheet keeps its size whichever map it shows (the [K+]o legend once fitted beside the title, and the sheet grew)
      const sheetSlot = await boxOf(page, '[data-view="sheet"]');
      await page.locator('#sheet-modes button[data-mode="k"]').click();
      await page.waitForTimeout(200);
      expect(await boxOf(page, '[data-view="sheet"]'), 'the sheet in the [K+]o map').toEqual(sheetSlot);
      await page.locator('#sheet-modes button[data-mode="v"]').click();

      // the sheet's (i): its text opens over the sheet's own panel, and a click there probes nothing
      const info = page.getByRole('button', { name: 'About the neuron sheet' });
      await info.click();
      expect(await info.getAttribute('aria-expanded')).toBe('true');
      const panel = (await page.locator('.panel-sheet').boundingBox())!;
      const text = (await page.locator('#sheet-info').boundingBox())!;
      expect(text.x).toBeGreaterThanOrEqual(panel.x);
      expect(text.y + text.height).toBeLessThanOrEqual(panel.y + panel.height);
      expect(await page.locator('#sheet-info').textContent()).toMatch(/membrane potential/);
      await page.locator('#sheet-info').click();
      expect(await page.locator('#probe-list li').count()).toBe(0);
      await screenshot(page, 'rooms-laptop-1280x720-info');
      await page.keyboard.press('Escape');
      expect(await page.locator('#sheet-info').isHidden()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('About the neuron sheet');

      // every view has one
      expect(await page.locator('button.info-toggle').count()).toBe(5);

      // presets change the text beside the views, and move neither the slider nor the views
      const slider = await boxOf(page, '#mg');
      const views = await boxOf(page, '#views');
      for (const scene of ['normal', 'zero', 'mild']) {
        await page.locator(`#scenes button[data-scene="${scene}"]`).click();
        await page.waitForTimeout(300);
        expect(await boxOf(page, '#mg'), scene).toEqual(slider);
        expect(await boxOf(page, '#views'), scene).toEqual(views);
      }
      await page.waitForTimeout(1200);
      const png = await screenshot(page, 'rooms-laptop-1280x720');
      const raster = (await page.locator('[data-view="raster"]').boundingBox())!;
      expect(regionStats(png, raster).lumaSd).toBeGreaterThan(6);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('hall 1920 × 1080, presenting: no text under 28 px (canvas labels too), big views ≥ half the screen, any view can be the big one', async () => {
    const { page, errors, close } = await browser.open('/?n=2500&mg=0.2', { viewport: { width: 1920, height: 1080 } });
    try {
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS > 0.5, 60_000, 'frames');
      await page.keyboard.press('p');
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(true);
      await page.waitForTimeout(1500);

      const small = await page.evaluate(() => {
        const found: string[] = [];
        for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
          const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
          if (!ownText || !el.checkVisibility({ visibilityProperty: true })) continue;
          const r = el.getBoundingClientRect();
          if (r.width <= 1 || r.height <= 1) continue; // for screen readers only
          const px = parseFloat(getComputedStyle(el).fontSize);
          if (px < 28) found.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} "${el.textContent?.trim().slice(0, 30)}" ${px}px`);
        }
        return found;
      });
      expect(small).toEqual([]);
      // the labels drawn inside the canvases take the same size
      expect(Number(await page.locator('#views').getAttribute('data-label-px'))).toBeGreaterThanOrEqual(28);
      // a high-contrast theme, and the page fits the screen
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
      expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThanOrEqual(1080);

      const share = (): Promise<number> =>
        page.evaluate(() => {
          let area = 0;
          for (const panel of Array.from(document.querySelectorAll<HTMLElement>('.panel[data-big="true"]'))) {
            const r = panel.getBoundingClientRect();
            area += r.width * r.height;
          }
          return area / (innerWidth * innerHeight);
        });
      const bigShare = await share();
      expect(bigShare).toBeGreaterThanOrEqual(0.5);
      const png = await screenshot(page, 'rooms-hall-1920x1080');
      for (const name of ['sheet', 'raster']) {
        const box = (await page.locator(`[data-view="${name}"]`).boundingBox())!;
        expect(regionStats(png, box).lumaSd, name).toBeGreaterThan(6);
      }
      // the caption says what the big views show
      expect(await page.locator('#caption-views').textContent()).toMatch(/Neuron sheet:.*Spike raster:/);

      // the Mg-block view made big: it replaces the sheet, is drawn, and the caption follows
      await page.getByRole('button', { name: 'Enlarge the Mg-block panel' }).click();
      await page.waitForTimeout(1500);
      expect(await page.locator('.panel-sheet').getAttribute('data-big')).toBe('false');
      expect(await page.locator('.panel-block').getAttribute('data-big')).toBe('true');
      expect(await share()).toBeGreaterThanOrEqual(0.5);
      const block = (await page.locator('[data-view="block"]').boundingBox())!;
      const png2 = await screenshot(page, 'rooms-hall-1920x1080-block');
      expect(regionStats(png2, block).lumaSd).toBeGreaterThan(6);
      expect(await page.locator('#caption-views').textContent()).toMatch(/Spike raster:.*Mg-block panel:/);
      // C hides the caption, and the views grow into its room
      await page.keyboard.press('c');
      await page.waitForTimeout(500);
      expect(await page.locator('#caption').isHidden()).toBe(true);
      expect(await share()).toBeGreaterThan(bigShare);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
