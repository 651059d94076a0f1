/**
 * Keeps the address bar on the page state (urlState.ts formatUrlState), with replaceState so the
 * history does not fill with every slider position: at once when a network is built, at most every
 * URL_INTERVAL_MS while a control is dragged. A guided lesson's place (lessons/lessonUrl.ts) follows the
 * page state, so the address names the scene and the step together.
 */
import { formatUrlState } from './urlState';
import type { PageState } from './urlState';

/** The URL is rewritten at most this often while a control is dragged, ms. */
const URL_INTERVAL_MS = 300;

export class UrlWriter {
  private timer: number | null = null;

  constructor(
    private readonly win: Window,
    private readonly state: () => PageState,
    /** more parameters after the page state's (`lesson=2&step=3`), or '' */
    private readonly extra: () => string = () => '',
  ) {}

  now(): void {
    if (this.timer !== null) {
      this.win.clearTimeout(this.timer);
      this.timer = null;
    }
    const extra = this.extra();
    const query = formatUrlState(this.state()) + (extra ? `&${extra}` : '');
    if (this.win.location.search !== query) this.win.history.replaceState(null, '', query + this.win.location.hash);
  }

  soon(): void {
    if (this.timer !== null) return;
    this.timer = this.win.setTimeout(() => {
      this.timer = null;
      this.now();
    }, URL_INTERVAL_MS);
  }
}
