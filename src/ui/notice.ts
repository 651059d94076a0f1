/**
 * The visible notice under the top bar: problems with the URL, a failed build, a dead worker.
 * Every message is inserted as text (textContent), never as markup — messages quote user input.
 */
export type NoticeKind = 'warning' | 'error';

export interface NoticeOptions {
  kind?: NoticeKind;
  /** show a "Restart simulation" button that calls this */
  onRestart?: () => void;
}

export class Notice {
  private readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly list: HTMLElement;
  private readonly restart: HTMLButtonElement;
  private onRestart: (() => void) | null = null;

  constructor(doc: Document) {
    this.root = doc.getElementById('notice')!;
    this.title = doc.getElementById('notice-title')!;
    this.list = doc.getElementById('notice-list')!;
    this.restart = doc.getElementById('notice-restart') as HTMLButtonElement;
    doc.getElementById('notice-dismiss')!.addEventListener('click', () => this.hide());
    this.restart.addEventListener('click', () => {
      const restart = this.onRestart;
      this.hide();
      restart?.();
    });
  }

  show(title: string, messages: readonly string[], options: NoticeOptions = {}): void {
    const doc = this.root.ownerDocument;
    this.title.textContent = title;
    this.list.replaceChildren(
      ...messages.map((message) => {
        const item = doc.createElement('li');
        item.textContent = message;
        return item;
      }),
    );
    this.root.classList.toggle('error', options.kind === 'error');
    this.onRestart = options.onRestart ?? null;
    this.restart.hidden = this.onRestart === null;
    this.root.hidden = false;
  }

  hide(): void {
    this.root.hidden = true;
    this.onRestart = null;
  }

  get visible(): boolean {
    return !this.root.hidden;
  }
}
