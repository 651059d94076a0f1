/**
 * The native controls in index.html, wired to handlers. Native inputs: keyboard-operable and
 * announced by screen readers without extra work, and styled large enough to read when projected.
 * Typed values are read as the URL reads them (readPageNumber: a plain decimal within its range) before anything is rebuilt.
 */
import { ParameterError } from '../core/params';
import { PRESET_NAMES } from '../core/presets';
import type { PresetName } from '../core/presets';
import { byId } from './dom';
import { caValueText, kValueText } from './ionLandmarks';
import { mgValueText } from './mgLandmarks';
import { readPageNumber } from './urlState';
import type { PageState } from './urlState';

export interface ControlHandlers {
  /** every movement of the [Mg]o slider, mM */
  onMg(mgOutMM: number): void;
  /** every movement of the bath's [K⁺] slider, mM */
  onKBath(kBathMM: number): void;
  /** every movement of the [Ca²⁺]o slider, mM */
  onCa(caOutMM: number): void;
  /** the "ions move" switch: 1 on, 0 fixed ions */
  onIons(ionsOn: 0 | 1): void;
  /** "Next event": skip ahead to the next ictal event, or stop skipping */
  onNextEvent(): void;
  onPlayPause(): void;
  onReset(): void;
  onSpeed(speed: number): void;
  onPreset(preset: PresetName): void;
  onNeurons(neurons: number): void;
  onSeed(seed: number): void;
  onRawFlashes(raw: boolean): void;
}

export function formatMg(mgOutMM: number): string {
  return `${mgOutMM.toFixed(2)} mM`;
}

export class Controls {
  readonly mg: HTMLInputElement;
  private readonly mgValue: HTMLOutputElement;
  readonly kBath: HTMLInputElement;
  private readonly kValue: HTMLOutputElement;
  readonly ca: HTMLInputElement;
  private readonly caValue: HTMLOutputElement;
  private readonly ions: HTMLInputElement;
  private readonly nextEvent: HTMLButtonElement;
  private readonly play: HTMLButtonElement;
  private readonly reset: HTMLButtonElement;
  private readonly speed: HTMLSelectElement;
  private readonly preset: HTMLSelectElement;
  private readonly neurons: HTMLInputElement;
  private readonly seed: HTMLInputElement;
  private readonly raw: HTMLInputElement;

  constructor(
    private readonly doc: Document,
    handlers: ControlHandlers,
  ) {
    this.mg = byId(doc, 'mg');
    this.mgValue = byId(doc, 'mg-value');
    this.kBath = byId(doc, 'k-bath');
    this.kValue = byId(doc, 'k-value');
    this.ca = byId(doc, 'ca');
    this.caValue = byId(doc, 'ca-value');
    this.ions = byId(doc, 'ions-on');
    this.nextEvent = byId(doc, 'next-event');
    this.play = byId(doc, 'play');
    this.reset = byId(doc, 'reset');
    this.speed = byId(doc, 'speed');
    this.preset = byId(doc, 'preset');
    this.neurons = byId(doc, 'n');
    this.seed = byId(doc, 'seed');
    this.raw = byId(doc, 'raw-flashes');

    const form = byId<HTMLFormElement>(doc, 'controls');
    form.addEventListener('submit', (event) => event.preventDefault());

    this.mg.addEventListener('input', () => {
      const value = Number(this.mg.value);
      this.showMg(value);
      handlers.onMg(value);
    });
    this.kBath.addEventListener('input', () => {
      const value = Number(this.kBath.value);
      this.showK(value);
      handlers.onKBath(value);
    });
    this.ca.addEventListener('input', () => {
      const value = Number(this.ca.value);
      this.showCa(value);
      handlers.onCa(value);
    });
    this.ions.addEventListener('change', () => handlers.onIons(this.ions.checked ? 1 : 0));
    this.nextEvent.addEventListener('click', () => handlers.onNextEvent());
    this.play.addEventListener('click', () => handlers.onPlayPause());
    this.reset.addEventListener('click', () => handlers.onReset());
    this.speed.addEventListener('change', () => handlers.onSpeed(Number(this.speed.value)));
    this.preset.addEventListener('change', () => {
      const value = this.preset.value;
      if ((PRESET_NAMES as string[]).includes(value)) handlers.onPreset(value as PresetName);
    });
    this.neurons.addEventListener('change', () => {
      const value = this.checkTyped(this.neurons, 'n');
      if (value !== null) handlers.onNeurons(value);
    });
    this.seed.addEventListener('change', () => {
      const value = this.checkTyped(this.seed, 'seed');
      if (value !== null) handlers.onSeed(value);
    });
    this.raw.addEventListener('change', () => handlers.onRawFlashes(this.raw.checked));
  }

  /** Reads a typed number; shows the range next to the field when it is not allowed. */
  private checkTyped(input: HTMLInputElement, key: 'n' | 'seed'): number | null {
    const error = this.doc.getElementById(`${key}-error`);
    const text = input.value.trim();
    const field = key === 'n' ? 'Neurons' : 'Seed';
    try {
      // a plain decimal, as the URL reads it: Number() would take 0x64 or Infinity, and read '' as 0
      const value = readPageNumber(key === 'n' ? 'neurons' : 'seed', text, field);
      input.removeAttribute('aria-invalid');
      if (error) error.hidden = true;
      return value;
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      input.setAttribute('aria-invalid', 'true');
      if (error) {
        error.textContent = e.message;
        error.hidden = false;
      }
      return null;
    }
  }

  /** Shows a whole page state (on load, after a rebuild). */
  show(state: PageState): void {
    this.setMg(state.mgOutMM);
    this.setIons(state);
    this.setSpeed(state.speed);
    this.preset.value = state.preset;
    this.neurons.value = String(state.neurons);
    this.seed.value = String(state.seed);
    for (const [input, key] of [
      [this.neurons, 'n'],
      [this.seed, 'seed'],
    ] as const) {
      input.removeAttribute('aria-invalid');
      const error = this.doc.getElementById(`${key}-error`);
      if (error) error.hidden = true;
    }
  }

  setMg(mgOutMM: number): void {
    this.mg.value = String(mgOutMM);
    this.showMg(mgOutMM);
  }

  /** Shows the bath's [K⁺], [Ca²⁺]o and the ions switch. */
  setIons(state: Pick<PageState, 'kBathMM' | 'caOutMM' | 'ionsOn'>): void {
    this.kBath.value = String(state.kBathMM);
    this.showK(state.kBathMM);
    this.ca.value = String(state.caOutMM);
    this.showCa(state.caOutMM);
    this.ions.checked = state.ionsOn === 1;
  }

  /** "Next event" while the page skips ahead (pressed) or not. */
  setSkipping(skipping: boolean): void {
    this.nextEvent.setAttribute('aria-pressed', String(skipping));
    this.nextEvent.textContent = skipping ? 'Skipping… (stop)' : 'Next event »';
  }

  private showK(kBathMM: number): void {
    this.kValue.value = formatMg(kBathMM);
    this.kBath.setAttribute('aria-valuetext', kValueText(kBathMM));
  }

  private showCa(caOutMM: number): void {
    this.caValue.value = formatMg(caOutMM);
    this.ca.setAttribute('aria-valuetext', caValueText(caOutMM));
  }

  private showMg(mgOutMM: number): void {
    this.mgValue.value = formatMg(mgOutMM);
    this.mg.setAttribute('aria-valuetext', mgValueText(mgOutMM));
  }

  /** Selects the speed, adding an option for a value from the URL that is not in the list. */
  setSpeed(speed: number): void {
    const value = String(speed);
    if (!Array.from(this.speed.options).some((o) => Number(o.value) === speed)) {
      const option = this.doc.createElement('option');
      option.value = value;
      option.textContent = `${value}×`;
      const after = Array.from(this.speed.options).find((o) => Number(o.value) > speed) ?? null;
      this.speed.insertBefore(option, after);
    }
    for (const option of Array.from(this.speed.options)) option.selected = Number(option.value) === speed;
  }

  setPaused(paused: boolean): void {
    this.play.textContent = paused ? 'Play' : 'Pause';
    this.play.setAttribute('aria-label', paused ? 'Play the simulation' : 'Pause the simulation');
  }

  setRawFlashes(raw: boolean): void {
    this.raw.checked = raw;
  }

  /** While a network is being built, the controls that rebuild it are disabled. */
  setBuilding(building: boolean): void {
    for (const control of [this.reset, this.preset, this.neurons, this.seed]) control.disabled = building;
  }
}
