/**
 * The experiments below the views: the [Mg]o dose–response sweep (its own worker through
 * SimClient.runSweep, a <progress> bar, cancel, a chart when done, CSV of the results) and the
 * voltage-clamp I–V of one cell (src/experiments/voltageClamp.ts, on the main thread: a few
 * thousand steps of one synapse model).
 */
import type { SimClient } from '../client/simClient';
import { mgBlock } from '../core/mgBlock';
import type { NetworkConfig } from '../core/params';
import { presetConfig, withNeurons } from '../core/presets';
import { analyticPeakPA, clampOptionsOf, runVoltageClamp } from '../experiments/voltageClamp';
import type { VoltageClampResult } from '../experiments/voltageClamp';
import type { SweepIon, SweepRow } from '../protocol/types';
import { USER_RANGES } from '../core/ranges';
import { drawChart, niceTicks } from './chart2d';
import { byId } from './dom';
import { downloadText } from './download';
import type { SweepPhase } from './liveSnapshot';

/** Simulated time discarded at the start of each sweep point, ms. */
export const SWEEP_WARMUP_MS = 500;
const SWEEP_LIMITS = { neurons: [100, 20_000], seconds: [0.2, 20], points: [1, 20] } as const;
const RATE_COLOUR = '#f2a541';
const BURST_COLOUR = '#ff7eb6';
const MG_COLOUR = '#7fd6a4';
const ZERO_COLOUR = '#8a96a8';

export interface ExperimentsHost {
  client: SimClient;
  /** the live network's configuration with its present live parameters (null before a build) */
  liveConfig(): NetworkConfig | null;
  /** the neuron to clamp: the first probed one, else 0 */
  clampNeuron(): number;
  seed(): number;
}

export class ExperimentsPanel {
  private readonly n: HTMLInputElement;
  private readonly seconds: HTMLInputElement;
  private readonly pointsInput: HTMLInputElement;
  private readonly size: HTMLElement;
  private readonly run: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;
  private readonly csv: HTMLButtonElement;
  private readonly progress: HTMLProgressElement;
  private readonly stateText: HTMLElement;
  private readonly error: HTMLElement;
  private readonly chart: HTMLCanvasElement;
  private readonly vcRun: HTMLButtonElement;
  private readonly vcState: HTMLElement;
  private readonly vcChart: HTMLCanvasElement;
  private rows: SweepRow[] = [];
  private lastVc: VoltageClampResult | null = null;
  private fontPx = 13;
  private sweepPhase: SweepPhase = 'idle';

  constructor(
    private readonly doc: Document,
    private readonly host: ExperimentsHost,
  ) {
    this.n = byId(doc, 'sweep-n');
    this.seconds = byId(doc, 'sweep-s');
    this.pointsInput = byId(doc, 'sweep-points');
    // a new ion brings its own default values (the landmarks of its slider and the range's ends)
    doc.getElementById('sweep-ion')?.addEventListener('change', () => {
      const { ion, name } = this.ion();
      this.pointsInput.value = DEFAULT_VALUES[ion];
      const label = doc.getElementById('sweep-points-label');
      if (label) label.textContent = `${name} values, mM`;
      this.describe();
    });
    this.size = byId(doc, 'sweep-size');
    this.run = byId(doc, 'sweep-run');
    this.cancel = byId(doc, 'sweep-cancel');
    this.csv = byId(doc, 'sweep-csv');
    this.progress = byId(doc, 'sweep-progress');
    this.stateText = byId(doc, 'sweep-state');
    this.error = byId(doc, 'sweep-error');
    this.chart = byId(doc, 'sweep-plot');
    this.vcRun = byId(doc, 'vc-run');
    this.vcState = byId(doc, 'vc-state');
    this.vcChart = byId(doc, 'vc-plot');
    for (const input of [this.n, this.seconds, this.pointsInput]) input.addEventListener('input', () => this.describe());
    this.run.addEventListener('click', () => void this.startSweep());
    this.cancel.addEventListener('click', () => this.host.client.cancelSweep());
    this.csv.addEventListener('click', () => downloadText(doc, 'mg-gate-sweep.csv', sweepCsv(this.rows), 'text/csv'));
    this.vcRun.addEventListener('click', () => this.runClamp());
    byId<HTMLFormElement>(doc, 'sweep-form').addEventListener('submit', (e) => e.preventDefault());
    this.describe();
  }

  /** Reads the form; a message instead when a field is out of range. */
  /** The ion the sweep varies (#sweep-ion), its name in text, and its range. */
  private ion(): { ion: SweepIon; name: string } {
    const value = (this.doc.getElementById('sweep-ion') as HTMLSelectElement | null)?.value;
    const ion: SweepIon = value === 'kBathMM' || value === 'caOutMM' ? value : 'mgOutMM';
    return { ion, name: ION_NAMES[ion] };
  }

  private request(): { neurons: number; seconds: number; mgList: number[] } | string {
    const neurons = Number(this.n.value);
    const seconds = Number(this.seconds.value);
    const mgList = this.pointsInput.value
      .split(/[,\s;]+/)
      .filter((t) => t !== '')
      .map(Number);
    const [nMin, nMax] = SWEEP_LIMITS.neurons;
    if (!Number.isInteger(neurons) || neurons < nMin || neurons > nMax) return `Neurons: a whole number from ${nMin} to ${nMax}.`;
    const [sMin, sMax] = SWEEP_LIMITS.seconds;
    if (!(seconds >= sMin && seconds <= sMax)) return `Seconds per point: from ${sMin} to ${sMax}.`;
    const { ion, name } = this.ion();
    const range = USER_RANGES[ion];
    if (mgList.some((v) => !(v >= range.min && v <= range.max))) return `${name} values: numbers from ${range.min} to ${range.max} mM, separated by commas.`;
    const unique = [...new Set(mgList)].sort((a, b) => a - b);
    const [pMin, pMax] = SWEEP_LIMITS.points;
    if (unique.length < pMin || unique.length > pMax) return `${name} values: ${pMin} to ${pMax} of them.`;
    return { neurons, seconds, mgList: unique };
  }

  private describe(): void {
    const r = this.request();
    if (typeof r === 'string') {
      this.size.textContent = r;
      return;
    }
    const total = r.mgList.length * (r.seconds + SWEEP_WARMUP_MS / 1000);
    this.size.textContent =
      `Size: ${r.neurons.toLocaleString('en')} neurons × ${r.mgList.length} ${this.ion().name} values × ${r.seconds} s each ` +
      `(after ${SWEEP_WARMUP_MS / 1000} s of warm-up) = ${Number(total.toFixed(1))} s of simulated time. ` +
      'Kept small by default so it finishes in a minute or two beside the live network; larger sweeps take longer.';
  }

  /** Where the latest sweep stands (also html[data-sweep], for tests and style). */
  get phase(): SweepPhase {
    return this.sweepPhase;
  }

  private setPhase(phase: SweepPhase): void {
    this.sweepPhase = phase;
    this.doc.documentElement.dataset.sweep = phase;
  }

  get running(): boolean {
    return this.host.client.sweepRunning;
  }

  private async startSweep(): Promise<void> {
    const r = this.request();
    if (typeof r === 'string') {
      this.error.textContent = r;
      this.error.hidden = false;
      return;
    }
    this.error.hidden = true;
    const config = withNeurons(presetConfig('sheet'), r.neurons);
    config.seed = this.host.seed();
    // the other ions as the live network has them (the sheet's preset values before one runs)
    const live = this.host.liveConfig()?.live;
    if (live) config.live = { ...config.live, mgOutMM: live.mgOutMM, kBathMM: live.kBathMM, caOutMM: live.caOutMM, ionsOn: live.ionsOn };
    const { ion, name } = this.ion();
    this.rows = [];
    this.run.disabled = true;
    this.cancel.disabled = false;
    this.csv.disabled = true;
    this.progress.value = 0;
    this.stateText.textContent = `Starting: ${r.mgList.length} points…`;
    this.setPhase('running');
    try {
      const result = await this.host.client.runSweep(
        { config, ion, mgListMM: r.mgList, durationMs: r.seconds * 1000, warmupMs: SWEEP_WARMUP_MS },
        (p) => {
          this.progress.value = p.fraction;
          this.stateText.textContent = `Point ${p.pointIndex + 1} of ${p.points} (${name} ${r.mgList[p.pointIndex].toFixed(2)} mM) · ${Math.round(p.fraction * 100)} %`;
          if (p.row) {
            this.rows.push(p.row);
            this.plotSweep();
          }
        },
      );
      this.rows = result.rows;
      if (result.cancelled) {
        this.stateText.textContent = `Cancelled after ${result.rows.length} of ${r.mgList.length} points.`;
        this.setPhase('cancelled');
      } else {
        this.progress.value = 1;
        this.stateText.textContent = `Done: ${result.rows.length} points.`;
        this.setPhase('done');
      }
      this.plotSweep();
    } catch (error) {
      this.error.textContent = `The sweep failed: ${error instanceof Error ? error.message : String(error)}`;
      this.error.hidden = false;
      this.stateText.textContent = 'Failed.';
      this.setPhase('failed');
    } finally {
      this.run.disabled = false;
      this.cancel.disabled = true;
      this.csv.disabled = this.rows.length === 0;
    }
  }

  private plotSweep(): void {
    if (this.rows.length === 0) {
      this.chart.hidden = true;
      return;
    }
    this.chart.hidden = false;
    const xName = ION_NAMES[this.rows[0].ion];
    const xMax = Math.max(1.2, ...this.rows.map((row) => row.valueMM));
    const rate = niceTicks(Math.max(1, ...this.rows.map((row) => row.rateEHz)) * 1.1);
    const bursts = niceTicks(Math.max(0.5, ...this.rows.map((row) => row.burstRateHz)) * 1.1);
    drawChart(
      this.chart,
      {
        xTitle: `${xName} (mM)`,
        yTitle: 'E rate (Hz)',
        yRightTitle: 'bursts per s',
        x: { min: 0, max: xMax, ticks: niceTicks(xMax, 6).ticks.filter((t) => t <= xMax) },
        y: { min: 0, max: rate.max, ticks: rate.ticks },
        yRight: { min: 0, max: bursts.max, ticks: bursts.ticks },
        series: [
          {
            label: 'excitatory rate (Hz)',
            colour: RATE_COLOUR,
            points: this.rows.map((row) => ({ x: row.valueMM, y: row.rateEHz })),
            style: { line: true, dots: true },
          },
          {
            label: 'burst frequency (per s)',
            colour: BURST_COLOUR,
            points: this.rows.map((row) => ({ x: row.valueMM, y: row.burstRateHz })),
            style: { line: true, dots: true, dashed: true },
            axis: 'right',
          },
          {
            label: 'ictal events (count)',
            colour: ICTAL_COLOUR,
            points: this.rows.filter((row) => row.ictalEvents > 0).map((row) => ({ x: row.valueMM, y: row.ictalEvents })),
            style: { dots: true },
            axis: 'right',
          },
        ],
      },
      this.fontPx,
    );
  }

  /** Clamps one cell of the live network's kind at the present [Mg]o and plots it. */
  runClamp(): void {
    const config = this.host.liveConfig() ?? presetConfig('sheet');
    const id = Math.min(this.host.clampNeuron(), config.neurons - 1);
    const mg = config.live.mgOutMM;
    const result = runVoltageClamp(clampOptionsOf(config, id, mg));
    this.lastVc = result;
    const o = result.options;
    if (o.gNmdaNS * o.synapses === 0) {
      this.vcState.textContent = `Neuron #${id} of the ${config.preset} network has no NMDA synapses (the COBA benchmark has none): switch to a sheet preset.`;
    } else {
      this.vcState.textContent =
        `Neuron #${id}: ${o.synapses} NMDA inputs × ${o.gNmdaNS} nS, peak gating S = ${result.sPeak.toFixed(1)} at ${result.peakMs.toFixed(1)} ms; ` +
        `[Mg]o ${mg.toFixed(2)} mM. Peak current at −60 mV: ${formatPA(result.points.find((p) => p.vMV === -60)?.iPeakPA ?? 0)}.`;
    }
    this.doc.documentElement.dataset.vc = 'done';
    this.plotClamp();
  }

  private plotClamp(): void {
    const result = this.lastVc;
    if (!result) return;
    this.vcChart.hidden = false;
    const o = result.options;
    const curve = (mg: number): { x: number; y: number }[] =>
      Array.from({ length: 141 }, (_, k) => -100 + k).map((v) => ({ x: v, y: analyticPeakPA(result, v, mg) }));
    const zero = curve(0);
    const lows = Math.min(-1, ...zero.map((p) => p.y), ...result.points.map((p) => p.iPeakPA));
    const highs = Math.max(1, ...zero.map((p) => p.y));
    const yMin = -niceTicks(-lows * 1.05, 4).max;
    const yMax = niceTicks(highs * 1.05, 2).max;
    const step = niceTicks(yMax - yMin, 5).ticks[1] ?? 1;
    const ticks: number[] = [];
    for (let t = Math.ceil(yMin / step) * step; t <= yMax + 1e-9; t += step) ticks.push(Number(t.toFixed(6)));
    // negative-slope region of the analytic curve at this [Mg]o
    let from = Number.NaN;
    let to = Number.NaN;
    for (let v = -100; v < 40; v += 0.5) {
      const a = mgBlock(v, o.mgOutMM) * (v - o.eNmdaMV);
      const b = mgBlock(v + 0.5, o.mgOutMM) * (v + 0.5 - o.eNmdaMV);
      if (b < a) {
        if (Number.isNaN(from)) from = v;
        to = v + 0.5;
      }
    }
    drawChart(
      this.vcChart,
      {
        xTitle: 'holding potential V (mV)',
        yTitle: 'peak I_NMDA (pA)',
        x: { min: -100, max: 40, ticks: [-100, -80, -60, -40, -20, 0, 20, 40] },
        y: { min: yMin, max: yMax, ticks },
        band: Number.isNaN(from) || o.gNmdaNS * o.synapses === 0 ? undefined : { from, to, colour: '#ffb454', label: 'negative slope' },
        series: [
          { label: '0 mM (analytic)', colour: ZERO_COLOUR, points: zero, style: { line: true, dashed: true } },
          { label: `${o.mgOutMM.toFixed(2)} mM analytic`, colour: MG_COLOUR, points: curve(o.mgOutMM), style: { line: true } },
          { label: 'clamped cell (peak)', colour: RATE_COLOUR, points: result.points.map((p) => ({ x: p.vMV, y: p.iPeakPA })), style: { dots: true } },
        ],
      },
      this.fontPx,
    );
  }

  /** The charts' type size, CSS px (larger in presentation mode): they are redrawn with it. */
  setFontSize(px: number): void {
    this.fontPx = px;
    this.plotSweep();
    this.plotClamp();
  }
}

function formatPA(pa: number): string {
  return `${pa < 0 ? '−' : ''}${Math.abs(pa).toFixed(0)} pA`;
}

const ION_NAMES: Record<SweepIon, string> = { mgOutMM: '[Mg]o', kBathMM: '[K+] bath', caOutMM: '[Ca]o' };
const ICTAL_COLOUR = '#ff7a2f';
const DEFAULT_VALUES: Record<SweepIon, string> = {
  mgOutMM: '0, 0.2, 0.4, 0.6, 0.8, 1.2, 2',
  kBathMM: '2, 3.5, 5, 6.5, 8.5, 10, 12',
  caOutMM: '0.5, 1, 1.5, 2, 3, 4',
};

export function sweepCsv(rows: readonly SweepRow[]): string {
  const header = 'ion,value_mM,mg_mM,rate_e_Hz,rate_i_Hz,bursts,burst_rate_Hz,ictal_events,first_ictal_ms,burst_fraction,cv_isi,synchrony';
  const lines = rows.map((r) =>
    [r.ion, r.valueMM, r.mgOutMM, r.rateEHz, r.rateIHz, r.bursts, r.burstRateHz, r.ictalEvents, r.firstIctalMs ?? Number.NaN, r.burstFraction, r.cvIsi, r.synchrony]
      .map((v) => (typeof v === 'string' ? v : Number.isFinite(v) ? String(Number(v.toFixed(6))) : ''))
      .join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}
