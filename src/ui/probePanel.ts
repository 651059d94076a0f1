/**
 * The probe list beside the probe view: one chip per followed neuron in its colour, each with a
 * remove button, and a "Probe neuron #" field for the keyboard. At most MAX_PROBES; adding one more
 * replaces the oldest.
 */
import { cssHex, PROBE_COLOURS } from '../render/theme';

export const MAX_PROBES = 4;

export class ProbePanel {
  ids: number[] = [];
  private neurons = 0;
  private excitatory = 0;
  private readonly list: HTMLUListElement;
  private readonly input: HTMLInputElement;
  private readonly error: HTMLElement;

  constructor(
    private readonly doc: Document,
    private readonly onChange: (ids: number[]) => void,
  ) {
    this.list = doc.getElementById('probe-list') as HTMLUListElement;
    this.input = doc.getElementById('probe-id') as HTMLInputElement;
    this.error = doc.getElementById('probe-error')!;
    doc.getElementById('probe-form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      const id = Number(text);
      if (text === '' || !Number.isInteger(id) || id < 0 || id >= this.neurons) {
        this.showError(`Neuron number: a whole number from 0 to ${Math.max(0, this.neurons - 1)}.`);
        return;
      }
      this.showError(null);
      this.add(id);
    });
  }

  /** A new network: its size; probes beyond it are dropped. */
  configure(neurons: number, excitatory: number, keep: boolean): void {
    this.neurons = neurons;
    this.excitatory = excitatory;
    this.input.max = String(Math.max(0, neurons - 1));
    this.input.placeholder = `0–${Math.max(0, neurons - 1)}`;
    const ids = keep ? this.ids.filter((id) => id < neurons) : [];
    this.set(ids, ids.length !== this.ids.length || !keep);
  }

  add(id: number): void {
    if (this.ids.includes(id)) return;
    const ids = [...this.ids, id];
    this.set(ids.length > MAX_PROBES ? ids.slice(ids.length - MAX_PROBES) : ids, true);
  }

  remove(id: number): void {
    this.set(
      this.ids.filter((x) => x !== id),
      true,
    );
  }

  private showError(message: string | null): void {
    this.error.hidden = message === null;
    this.error.textContent = message ?? '';
    if (message) this.input.setAttribute('aria-invalid', 'true');
    else this.input.removeAttribute('aria-invalid');
  }

  private set(ids: number[], notify: boolean): void {
    this.ids = ids;
    this.list.replaceChildren(
      ...ids.map((id, order) => {
        const item = this.doc.createElement('li');
        item.className = 'probe-chip';
        item.dataset.neuron = String(id);
        item.style.setProperty('--probe', cssHex(PROBE_COLOURS[order % PROBE_COLOURS.length]));
        const label = this.doc.createElement('span');
        label.textContent = `#${id} ${id < this.excitatory ? 'E' : 'I'}`;
        const remove = this.doc.createElement('button');
        remove.type = 'button';
        remove.textContent = '×';
        remove.setAttribute('aria-label', `Stop probing neuron ${id}`);
        remove.addEventListener('click', () => this.remove(id));
        item.append(label, remove);
        return item;
      }),
    );
    if (notify) this.onChange(ids);
  }
}
