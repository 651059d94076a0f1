/**
 * The scene lives in the URL: parameters are honoured, kept up to date, and malformed ones are named
 * in a visible notice without ever reaching the DOM as markup.
 */
import { describe, expect, it } from 'vitest';
import { useBrowser, screenshot, waitForStatus, waitRunning } from './support';

const browser = useBrowser();

describe('state in the URL', () => {
  it('?mg=0.4&seed=7&n=2500 is reflected in the controls and the status line', async () => {
    const { page, errors, close } = await browser.open('/?mg=0.4&seed=7&n=2500');
    try {
      await waitRunning(page);
      expect(await page.getByRole('slider', { name: /Mg/ }).inputValue()).toBe('0.4');
      expect(await page.locator('#mg-value').textContent()).toBe('0.40 mM');
      expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('7');
      expect(await page.getByLabel('Neurons', { exact: true }).inputValue()).toBe('2500');
      expect(await page.getByLabel('Preset', { exact: true }).inputValue()).toBe('sheet');
      expect(await page.locator('#raster-rows').textContent()).toBe('500 of 2,500 neurons shown');
      const status = await waitForStatus(page, (s) => s.timeS > 0, 60_000, 'the first frames');
      expect(status.mgOutMM).toBeCloseTo(0.4, 2);
      expect(await page.locator('#notice').isHidden()).toBe(true);
      // completed with the defaults of the rest
      expect(new URL(page.url()).search).toBe('?preset=sheet&mg=0.4&k=3.5&ca=2&ions=on&seed=7&n=2500&speed=1');

      // controls write back to the URL
      await page.getByLabel('Speed', { exact: true }).selectOption('2');
      await expect.poll(() => new URL(page.url()).searchParams.get('speed')).toBe('2');
      const seed = page.getByLabel('Seed', { exact: true });
      await seed.fill('11');
      await seed.press('Enter');
      await expect.poll(() => new URL(page.url()).searchParams.get('seed')).toBe('11');
      await waitRunning(page);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('malformed parameters are named in a notice, replaced by defaults, and never become markup', async () => {
    const query = '?mg=abc&n=-5&seed=<img src=x onerror=alert(1)>';
    const { page, errors, close } = await browser.open(`/${query}`);
    try {
      const notice = page.locator('#notice');
      await notice.waitFor({ state: 'visible' });
      const text = (await notice.textContent()) ?? '';
      expect(text).toContain('mg = abc is not allowed: expected from 0 to 3 mM');
      expect(text).toContain('n = -5 is not allowed: expected an integer from 100 to 100000 neurons');
      expect(text).toContain('seed = <img src=x onerror=alert(1)> is not allowed: expected an integer from 0 to 4294967295');
      // shown as text: no element was made from it, no script ran
      expect(await page.locator('img').count()).toBe(0);
      expect(await notice.innerHTML()).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(await page.getByRole('alert').count()).toBe(1);

      await waitRunning(page);
      expect(await page.getByRole('slider', { name: /Mg/ }).inputValue()).toBe('1.2');
      expect(await page.getByLabel('Neurons', { exact: true }).inputValue()).toBe('10000');
      expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('1');
      expect(new URL(page.url()).search).toBe('?preset=sheet&mg=1.2&k=3.5&ca=2&ions=on&seed=1&n=10000&speed=1');
      await screenshot(page, 'malformed-url-notice');
      expect(await page.locator('img').count()).toBe(0);
      expect(errors).toEqual([]);

      await page.getByRole('button', { name: 'Dismiss' }).click();
      expect(await notice.isHidden()).toBe(true);
    } finally {
      await close();
    }
  });

  it('an out-of-range size typed into the control is refused with its range; a valid one rebuilds', async () => {
    const { page, errors, close } = await browser.open('/?n=1000&preset=coba');
    try {
      await waitRunning(page);
      expect(await page.getByLabel('Preset', { exact: true }).inputValue()).toBe('coba');
      const neurons = page.getByLabel('Neurons', { exact: true });
      await neurons.fill('5');
      await neurons.press('Enter');
      await expect.poll(() => page.locator('#n-error').textContent()).toBe(
        'Neurons = 5 is not allowed: expected an integer from 100 to 100000 neurons',
      );
      expect(await neurons.getAttribute('aria-invalid')).toBe('true');
      expect(new URL(page.url()).searchParams.get('n')).toBe('1000');

      await neurons.fill('1500');
      await neurons.press('Enter');
      await expect.poll(() => new URL(page.url()).searchParams.get('n')).toBe('1500');
      await waitRunning(page);
      await expect.poll(() => page.locator('#raster-rows').textContent()).toBe('500 of 1,500 neurons shown');
      expect(await page.locator('#n-error').isHidden()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
