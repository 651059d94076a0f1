#!/usr/bin/python3
"""
A Mg Gate network, exported synapse by synapse, built and run in Brian2 (written for 2.5.1).

The folder beside this script holds the network: network.json (parameters, live values, the NMDA
jump, the timing conventions, the list of arrays) and little-endian binary arrays (every synapse's
pre, post and delay in steps; every neuron's V, conductances, gating, adaptation, threshold and
refractory count at the moment of export). The model is Mg Gate's (docs/MODEL.md):

    C dV/dt = gL (EL − V) + gA (EA − V) + gG (EG − V) + gNmax sN B(V) (EN − V) − w
    B(V)    = 1 / (1 + [Mg]o / 3.57 mM · exp(−0.062 V / mV))            (Jahr & Stevens 1990)
    gA, gG, sN, w decay with τ_AMPA, τ_GABA, τ_NMDA,decay, τ_adapt
    V > Vt → V = Vreset, held there for the refractory time, w += b
    an E spike adds wA to gA and Δs to sN of each target after the synapse's delay, where Δs is
    the jump of the presynaptic cell's own NMDA gating s: Δs = k0 + k1 s (s decays with
    τ_NMDA,decay between spikes; Brunel & Wang 2001, NEST iaf_bw_2001); an I spike adds wG to gG;
    Poisson drive: driveInputs independent inputs at driveRateHz, each event adds gDrive to gA.

With the ion model on in Mg Gate (network.json `ions`; docs/MODEL.md §Ion dynamics) the script runs
it too: [K⁺]o and [Na⁺]i per patch of sites, stepped every ion step by a network_operation with the
spikes of each patch (release per spike, bath exchange, the Na⁺/K⁺ pump, glial uptake, diffusion
between neighbouring patches — the same forward-Euler update as src/core/ions/ionField.ts), and the
cells coupled to their patch as in Mg Gate:

    C dV/dt = I_leak(patch) − gL V + gA (EA − V) + gG (E_GABA(patch) − V) + gNmax sN B(V) (EN − V)
              + gW (E_K(patch) − V),        I_leak = gK E_K + (gL EL − gK E_K,normal + I_pump,normal) − I_pump
    threshold Vt + the divalent screening shift (22 mV per decade of [Ca]o + [Mg]o/1.4)

where gK = leakKShare · gL and the adaptation is the K⁺ conductance gW (nS, += b_K per spike).
`--ions off` runs the fixed-ion counterpart instead.

Timing follows Mg Gate's schedule unless told otherwise: Mg Gate applies an event arriving in step
n before that step's voltage update, Brian2 after it, so a Mg Gate delay of d steps is d − 1 steps
here; Mg Gate holds V for refractorySteps steps after the spike step, i.e. Brian2's refractory
period is (refractorySteps + 1) · dt. The drive is statistically equal, not identical (another RNG).

Usage:
    /usr/bin/python3 network.py [--duration-ms 3000] [--json] [--spikes out.csv] [--seed N]
        [--mg MM] [--method euler|rk2|rk4|mggate] [--nmda-jump export|exact|approx]
        [--timing mggate|brian2] [--target numpy|cython] [--ions on|off] [--ion-trace out.csv]
--json prints one JSON line (rateEHz, rateIHz, rateHz, spikes, ...); --spikes writes
neuron_id,time_ms; --ion-trace writes time_ms,k_out_mean_mM,k_out_max_mM,na_in_mean_mM every 100 ms
(with ions on; --json then adds kOutPeakMM and kOutMeanEndMM). --method mggate reproduces Mg Gate's own step (exponential Euler with the
step-averaged conductances, B(V) at the start of the step, e^x by its series to x³; docs/MODEL.md
§Numerics); the others are Brian2's integrators.
"""
import argparse
import json
import math
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Jahr & Stevens 1990: half-block [Mg]o at 0 mV and the slope of the block's voltage dependence
MG_BLOCK_HALF_MM = 3.57
MG_BLOCK_SLOPE_PER_MV = 0.062


def lower_gamma(a, x):
    """γ(a, x) = ∫0^x t^(a−1) e^(−t) dt by its power series (converges for every x > 0)."""
    term = 1.0 / a
    total = term
    n = 1
    while term > 1e-17 * total:
        term *= x / (a + n)
        total += term
        n += 1
    return math.exp(a * math.log(x) - x) * total


def exact_nmda_jump(alpha_per_ms, tau_rise_ms, tau_decay_ms):
    """NEST iaf_bw_2001's k0, k1 of Δs = k0 + k1 s: Brunel & Wang's x/s equations integrated."""
    ratio = tau_rise_ms / tau_decay_ms
    alpha_tau = alpha_per_ms * tau_rise_ms
    return alpha_tau ** ratio * lower_gamma(1 - ratio, alpha_tau), math.expm1(-alpha_tau)


def step_average(tau_ms, dt_ms):
    """(τ/dt)(1 − e^(−dt/τ)): the mean over one step of a decaying conductance, as a factor (Mg Gate's āX)."""
    import numpy as np
    return -np.asarray(tau_ms, dtype=float) / dt_ms * np.expm1(-dt_ms / np.asarray(tau_ms, dtype=float))


def load(folder):
    import numpy as np
    with open(os.path.join(folder, 'network.json')) as f:
        meta = json.load(f)
    arrays = {}
    for name, a in meta['arrays'].items():
        arrays[name] = np.fromfile(os.path.join(folder, a['file']), dtype=a['dtype'], count=a['length'])
        if arrays[name].size != a['length']:
            sys.exit(f"{a['file']}: expected {a['length']} values, found {arrays[name].size}")
    return meta, arrays


def per_neuron(meta, key, n, n_e):
    import numpy as np
    out = np.empty(n)
    out[:n_e] = meta['populations']['exc'][key]
    out[n_e:] = meta['populations']['inh'][key]
    return out


class IonField:
    """src/core/ions/ionField.ts in numpy: the patches' [K]o and [Na]i, one forward-Euler ion step at a time."""

    def __init__(self, meta, arrays):
        import numpy as np
        ions = meta['ions']
        self.p, self.c = ions['params'], ions['constants']
        self.n_e = meta['excitatory']
        self.patch_of = arrays['ionsPatchOfNeuron'].astype(np.int64)
        self.patches = ions['patches']
        self.cells = np.bincount(self.patch_of, minlength=self.patches).astype(float)
        cols, rows = ions['patchCols'], ions['patchRows']
        r, c = np.divmod(np.arange(self.patches), cols)
        # the 4 neighbours on the patch torus, in ionField.ts's order (right, left, down, up)
        self.neighbours = [r * cols + (c + 1) % cols, r * cols + (c + cols - 1) % cols,
                           ((r + 1) % rows) * cols + c, ((r + rows - 1) % rows) * cols + c]
        self.k = arrays['ionsKOutMM'].copy()
        self.na = arrays['ionsNaInMM'].copy()
        self.pump_scale, self.glial_scale = arrays['ionsPumpScale'], arrays['ionsGlialScale']
        self.dt = ions['ionDtMs']
        self.k_bath = ions['kBathMM']
        self.diffusion = ions['diffusionPerMs']
        self.ek_normal = ions['eKNormalMV']
        self.egaba_rest = ions['eGabaRestMV']
        self.gk = np.where(np.arange(meta['neurons']) < self.n_e, ions['gLeakKNS'][0], ions['gLeakKNS'][1])
        self.rest = np.where(np.arange(meta['neurons']) < self.n_e, ions['leakRestDrivePA'][0], ions['leakRestDrivePA'][1])
        self.k_peak = float(self.k.max())
        self.update_derived()

    def pump_activation(self, k, na):
        import numpy as np
        c = self.c
        return 1 / ((1 + np.exp((c['PUMP_K_HALF_MM'] - k) / c['PUMP_K_SLOPE_MM'])) * (1 + np.exp((c['PUMP_NA_HALF_MM'] - na) / c['PUMP_NA_SLOPE_MM'])))

    def update_derived(self):
        import numpy as np
        p, c = self.p, self.c
        k_in = c['K_IN_REST_MM'] + p['naRestMM'] - self.na
        self.ek = c['RT_OVER_F_MV'] * np.log(self.k / k_in)
        self.egaba = self.egaba_rest + p['gabaKCoupling'] * (self.ek - self.ek_normal)
        self.activation = self.pump_scale * self.pump_activation(self.k, self.na)
        self.pump_pa = p['pumpCurrentMaxPA'] * self.activation
        self.uptake = self.glial_scale * (p['glialMaxMMPerMs'] / (1 + np.exp((p['glialHalfMM'] - self.k) / p['glialSlopeMM'])))
        self.k_peak = max(self.k_peak, float(self.k.max()))

    def step(self, spikes_per_patch):
        p = self.p
        per_cell = spikes_per_patch / self.cells.clip(min=1)
        per_cell[self.cells == 0] = 0
        kp = self.k.copy()
        pump = p['pumpMaxMMPerMs'] * self.activation
        nb = self.neighbours
        lateral = kp[nb[0]] + kp[nb[1]] + kp[nb[2]] + kp[nb[3]] - 4 * kp
        self.k = kp + self.dt * ((self.k_bath - kp) * (1 / p['tauKBathMs']) - 2 * p['volumeRatio'] * pump - self.uptake
                                 + self.diffusion * lateral) + p['kReleasePerSpikeMM'] * per_cell
        self.na = self.na + (self.dt * ((p['naRestMM'] - self.na) * (1 / p['tauNaMs']) - 3 * pump) + p['naLoadPerSpikeMM'] * per_cell)
        self.update_derived()

    def neuron_terms(self):
        """Per neuron: the leak drive (pA), E_K and E_GABA (mV) of its patch (ionField.ts writeNeuronTerms)."""
        q = self.patch_of
        return self.gk * self.ek[q] + self.rest - self.pump_pa[q], self.ek[q], self.egaba[q]

    def mean(self, per_patch):
        return float((per_patch * self.cells).sum() / self.cells.sum())


def screening_shift_mv(constants, ca_mM, mg_mM):
    """src/core/ions/physics.ts screeningShiftMV: 22 mV per decade of [Ca]o + [Mg]o/1.4, 0 in the normal bath."""
    c = constants
    reference = c['CA_OUT_NORMAL_MM'] + c['SCREENING_MG_PER_CA'] * c['MG_OUT_NORMAL_MM']
    return c['SCREENING_MV_PER_DECADE'] * math.log10((ca_mM + c['SCREENING_MG_PER_CA'] * mg_mM) / reference)


def build(meta, arrays, args):
    import numpy as np
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, PoissonInput, Network, defaultclock,
                        prefs, seed as brian_seed, ms, mV, nS, pA, pF, Hz, second)
    prefs.codegen.target = args.target
    dt_ms = meta['dtMs']
    defaultclock.dt = dt_ms * ms
    brian_seed(args.seed)
    n, n_e = meta['neurons'], meta['excitatory']
    syn = meta['synapses']
    timing = meta['timing'][args.timing]
    ions_on = args.ions == 'on'

    v_update = {
        # Mg Gate's step: exponential Euler with gA, gG, sN and w averaged over their exact decay
        # in the step (factors AVG_*, avgW), B(V) at the step start and e^x by its series to x³,
        # in Mg Gate's order of operations. It runs before the state updater, which is where Brian2
        # refreshes not_refractory: so the hold is tested here with Brian2's own rule
        'mggate': '''
            B_start = 1 / (1 + mg_mM / MG_HALF_MM * exp(-MG_SLOPE_PER_MV * v / mV))
            gN_avg = gNmax * AVG_N * sN * B_start
            gA_avg = gA * AVG_A
            gG_avg = gG * AVG_G
''' + ('''
            gW_avg = w * avgW
            g_total = gL + gA_avg + gG_avg + gN_avg + gW_avg
            i_total = leakDrive + gA_avg * EA + gG_avg * EGn + gN_avg * EN + gW_avg * EKn
''' if ions_on else '''
            g_total = gL + gA_avg + gG_avg + gN_avg
            i_total = gL * EL + gA_avg * EA + gG_avg * EG + gN_avg * EN - w * avgW
''') + '''
            x_step = dt / C * g_total
            p_series = 1 + x_step * (0.5 + x_step * ONE_SIXTH)
            v_new = (v + dt / C * i_total * p_series) / (1 + x_step * p_series)
            free = int(timestep(t - lastspike, dt) >= timestep(tref, dt))
            v = v_new * free + v * (1 - free)
        ''',
    }
    if args.method == 'mggate':
        v_line = 'v : volt'
        method = 'exact'
    else:
        if ions_on:
            v_line = ('dv/dt = (leakDrive - gL * v + gA * (EA - v) + gG * (EGn - v) + gNmax * sN * B * (EN - v)'
                      ' + w * (EKn - v)) / C : volt (unless refractory)')
        else:
            v_line = 'dv/dt = (gL * (EL - v) + gA * (EA - v) + gG * (EG - v) + gNmax * sN * B * (EN - v) - w) / C : volt (unless refractory)'
        method = args.method
    w_unit = 'siemens' if ions_on else 'amp'
    ion_vars = '''
    leakDrive : amp
    EKn : volt
    EGn : volt
    vshift : volt (shared)
    ''' if ions_on else '''
    vshift : volt (shared, constant)
    '''
    eqs = v_line + ion_vars + '''
    B = 1 / (1 + mg_mM / MG_HALF_MM * exp(-MG_SLOPE_PER_MV * v / mV)) : 1
    dgA/dt = -gA / tauA : siemens
    dgG/dt = -gG / tauG : siemens
    dsN/dt = -sN / tauN : 1
    dw/dt = -w / tauW : ''' + w_unit + '''
    C : farad (constant)
    gL : siemens (constant)
    EL : volt (constant)
    vt : volt (constant)
    vr : volt (constant)
    tref : second (constant)
    b : ''' + w_unit + ''' (constant)
    tauW : second (constant)
    avgW : 1 (constant)
    wA : siemens (constant)
    wG : siemens (constant)
    gNmax : siemens (constant)
    gDrive : siemens (constant)
    mg_mM : 1 (shared, constant)
    '''
    # reversal potentials and time constants are the same for all cells: a namespace
    namespace = {
        'EA': syn['eAmpaMV'] * mV, 'EG': syn['eGabaMV'] * mV, 'EN': syn['eNmdaMV'] * mV,
        'tauA': syn['tauAmpaMs'] * ms, 'tauG': syn['tauGabaMs'] * ms, 'tauN': syn['tauNmdaDecayMs'] * ms,
        'MG_HALF_MM': MG_BLOCK_HALF_MM, 'MG_SLOPE_PER_MV': MG_BLOCK_SLOPE_PER_MV,
        'AVG_A': float(step_average(syn['tauAmpaMs'], dt_ms)), 'AVG_G': float(step_average(syn['tauGabaMs'], dt_ms)),
        'AVG_N': float(step_average(syn['tauNmdaDecayMs'], dt_ms)), 'ONE_SIXTH': 1 / 6,
    }
    P = NeuronGroup(n, eqs, threshold='v > vt + vshift', reset='v = vr; w += b', refractory='tref',
                    method=method, namespace=namespace)
    P.C = per_neuron(meta, 'capPF', n, n_e) * pF
    P.gL = per_neuron(meta, 'gLeakNS', n, n_e) * nS
    P.EL = per_neuron(meta, 'eLeakMV', n, n_e) * mV
    P.vr = per_neuron(meta, 'vResetMV', n, n_e) * mV
    ref_steps = per_neuron(meta, 'refractorySteps', n, n_e)
    hold_steps = ref_steps + timing['refractoryExtraSteps']
    P.tref = hold_steps * dt_ms * ms
    tau_w_ms = per_neuron(meta, 'tauAdaptMs', n, n_e)
    # Mg Gate adds b and then decays w in the spike's step; Brian2 decays first (state update) and
    # adds b at the reset: the same w from the next step on when b is taken as b · e^(−dt/τ_w)
    b_jump = np.exp(-timing['adaptJumpDecaySteps'] * dt_ms / tau_w_ms)
    if ions_on:
        P.b = per_neuron(meta, 'adaptIncrementNS', n, n_e) * b_jump * nS
    else:
        P.b = per_neuron(meta, 'adaptIncrementPA', n, n_e) * b_jump * pA
    P.tauW = tau_w_ms * ms
    P.avgW = step_average(tau_w_ms, dt_ms)
    P.wA = per_neuron(meta, 'gAmpaNS', n, n_e) * nS
    P.wG = per_neuron(meta, 'gGabaNS', n, n_e) * nS
    P.gNmax = per_neuron(meta, 'gNmdaNS', n, n_e) * nS
    P.gDrive = per_neuron(meta, 'gDriveNS', n, n_e) * nS
    P.mg_mM = args.mg
    # the state at the moment of export
    P.v = arrays['vMV'] * mV
    P.gA = arrays['gAmpaNS'] * nS
    P.gG = arrays['gGabaNS'] * nS
    P.sN = arrays['sNmda']
    ions = meta.get('ions')
    if 'adaptNS' in arrays:
        # Mg Gate held the adaptation as a K⁺ conductance: nS with ions on, back in pA without
        if ions_on:
            P.w = arrays['adaptNS'] * nS
        else:
            driving_mv = ions['params']['adaptReferenceMV'] - ions['eKNormalMV']
            w = arrays['adaptNS'].copy()
            w[:n_e] *= driving_mv
            P.w = w * pA
    else:
        P.w = arrays['adaptPA'] * pA
    P.vt = arrays['vThreshMV'] * mV
    # a cell still held for r steps: Brian2 integrates again once (t − lastspike)/dt ≥ hold steps
    held = arrays['refractoryLeftSteps'] > 0
    last = np.full(n, -1e4)
    last[held] = (arrays['refractoryLeftSteps'][held] - hold_steps[held]) * dt_ms * 1e-3
    P.lastspike = last * second
    objects = [P]
    field = None
    spikes = SpikeMonitor(P)
    if ions_on:
        from brian2 import network_operation
        field = IonField(meta, arrays)
        ca = ions['caOutMM']
        P.vshift = screening_shift_mv(ions['constants'], ca, args.mg) * mV

        def write_terms():
            leak, ek, egaba = field.neuron_terms()
            P.leakDrive = leak * pA
            P.EKn = ek * mV
            P.EGn = egaba * mV
        write_terms()
        counted = {'count': np.zeros(n, dtype=np.int64), 'trace': []}

        # Mg Gate steps the field after every stepsPerIonStep-th step and the cells see it from the
        # next step on: here at the start of that step (t = k · ion step, k ≥ 1), before the groups
        def advance_field(t_ms):
            now = np.asarray(spikes.count[:], dtype=np.int64)
            new = now - counted['count']
            counted['count'] = now
            field.step(np.bincount(field.patch_of, weights=new, minlength=field.patches))
            write_terms()
            if round(t_ms / 100, 6) == round(t_ms / 100):  # every 100 ms, as the runner samples
                counted['trace'].append((t_ms, field.mean(field.k), float(field.k.max()), field.mean(field.na)))

        @network_operation(dt=ions['ionDtMs'] * ms, when='start', order=-10)
        def ion_step(t):
            if t > 0 * ms:
                advance_field(float(t / ms))
        field.recorded = counted
        field.advance = advance_field
        objects.append(ion_step)
    if args.method == 'mggate':
        # before the state updater (order 0) of the same slot, as Mg Gate's step 3 precedes step 5
        objects.append(P.run_regularly(v_update['mggate'], when='groups', order=-1))

    pre, post = arrays['synapsePre'].astype(np.int64), arrays['synapsePost'].astype(np.int64)
    delay_steps = arrays['synapseDelaySteps'].astype(np.int64) - timing['delayShiftSteps']
    if delay_steps.size and delay_steps.min() < 0:
        sys.exit('a synapse would get a negative delay: use --timing mggate')
    from_e = pre < n_e
    k0, k1 = jump_constants(meta, args.nmda_jump)
    # E → all: AMPA count and the NMDA jump of the presynaptic gating. Each synapse carries its own
    # copy of the presynaptic s (event-driven decay): a synapse meets its cell's spikes in order and
    # at the same intervals, so the copy equals the cell's own s at each spike — and the jump is
    # taken when the spike arrives, as in Mg Gate, whatever the cell did in between.
    SE = Synapses(P, P, model='ds_gate/dt = -s_gate / tauN : 1 (event-driven)',
                  on_pre=f'''
                  gA_post += wA_post
                  sN_post += {k0!r} + {k1!r} * s_gate
                  s_gate += {k0!r} + {k1!r} * s_gate
                  ''', namespace=namespace)
    SE.connect(i=pre[from_e], j=post[from_e])
    SE.delay = delay_steps[from_e] * dt_ms * ms
    # the presynaptic gating at the moment of export, decayed to now
    s_pre = arrays['sNmdaPre'] * np.exp(-(meta['stepIndex'] - arrays['lastSpikeStep']) * dt_ms / syn['tauNmdaDecayMs'])
    SE.s_gate = s_pre[pre[from_e]]
    SI = Synapses(P, P, on_pre='gG_post += wG_post', namespace=namespace)
    SI.connect(i=pre[~from_e], j=post[~from_e])
    SI.delay = delay_steps[~from_e] * dt_ms * ms
    objects += [SE, SI]
    drive = meta['drive']
    if drive['inputs'] > 0 and drive['rateHz'] > 0:
        objects.append(PoissonInput(P, 'gA', N=drive['inputs'], rate=drive['rateHz'] * Hz, weight='gDrive'))
    objects.append(spikes)
    return Network(*objects), spikes, field


def jump_constants(meta, which):
    s = meta['synapses']
    if which == 'exact':
        return exact_nmda_jump(s['nmdaAlphaPerMs'], s['tauNmdaRiseMs'], s['tauNmdaDecayMs'])
    if which == 'approx':
        scale = -math.expm1(-s['nmdaAlphaPerMs'] * s['tauNmdaRiseMs'])
        return scale, -scale
    return meta['nmdaJump']['k0'], meta['nmdaJump']['k1']


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split('\n')[0])
    parser.add_argument('--duration-ms', type=float, default=3000.0)
    parser.add_argument('--json', action='store_true', help='print one JSON line of results')
    parser.add_argument('--spikes', metavar='CSV', help='write neuron_id,time_ms')
    parser.add_argument('--seed', type=int, default=None, help="Brian2's RNG seed (default: the network's)")
    parser.add_argument('--mg', type=float, default=None, help='[Mg]o in mM (default: the exported value)')
    # RK4 by default: closest to Mg Gate's own update (docs/MODEL.md §Numerics); Euler freezes the
    # conductances over a step and fires ≈ 25 % more at 0 mM; mggate steps Mg Gate's exact scheme
    parser.add_argument('--method', default='rk4', choices=['euler', 'rk2', 'rk4', 'mggate'])
    parser.add_argument('--nmda-jump', default='export', choices=['export', 'exact', 'approx'],
                        help="export: Mg Gate's Δs as exported (the exact one since issue 12); exact: Brunel & Wang "
                             "integrated (NEST's k0, k1); approx: (1 − s)(1 − e^(−α τ_rise)), Mg Gate's before issue 12")
    parser.add_argument('--timing', default='mggate', choices=['mggate', 'brian2'],
                        help="mggate: delays d − 1 and refractory + dt, as Mg Gate's schedule; brian2: as exported")
    parser.add_argument('--target', default='cython', choices=['numpy', 'cython'])
    parser.add_argument('--ions', default=None, choices=['on', 'off'],
                        help='the ion model (default: on when it was on in Mg Gate and exported)')
    parser.add_argument('--ion-trace', metavar='CSV', help='write time_ms,k_out_mean_mM,k_out_max_mM,na_in_mean_mM every 100 ms')
    parser.add_argument('--folder', default=HERE, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.duration_ms > 0:
        parser.error(f'--duration-ms = {args.duration_ms} is not allowed: expected a duration above 0 ms')
    if args.mg is not None and not 0 <= args.mg <= 3:
        parser.error(f'--mg = {args.mg} is not allowed: expected from 0 to 3 mM')
    if args.target == 'cython':
        try:
            import Cython  # noqa: F401
        except ImportError:
            args.target = 'numpy'
    meta, arrays = load(args.folder)
    exported_ions = meta.get('ions') is not None
    if args.ions is None:
        args.ions = 'on' if exported_ions else 'off'
    if args.ions == 'on' and not exported_ions:
        parser.error('--ions on: this network was exported with the ion model off (no ion state in the folder)')
    if args.ion_trace and args.ions != 'on':
        parser.error('--ion-trace needs the ion model on')
    if args.seed is None:
        args.seed = meta['seed']
    if args.mg is None:
        args.mg = meta['live']['mgOutMM']
    import brian2
    from brian2 import ms
    t0 = time.time()
    net, spikes, field = build(meta, arrays, args)
    build_s = time.time() - t0
    t1 = time.time()
    net.run(args.duration_ms * ms)
    run_s = time.time() - t1
    ids = spikes.i[:]
    times_ms = spikes.t[:] / ms
    n, n_e = meta['neurons'], meta['excitatory']
    seconds = args.duration_ms / 1000
    spikes_e = int((ids < n_e).sum())
    if args.spikes:
        with open(args.spikes, 'w') as f:
            f.write('neuron_id,time_ms\n')
            for i, t in zip(ids, times_ms):
                f.write(f'{i},{t:.1f}\n')
    result = {
        'simulator': f'brian2-{args.target}', 'version': brian2.__version__, 'neurons': n, 'excitatory': n_e,
        'synapses': int(arrays['synapsePre'].size), 'durationMs': args.duration_ms, 'seed': args.seed,
        'mgOutMM': args.mg,
        'method': args.method, 'nmdaJump': args.nmda_jump, 'timing': args.timing,
        'spikes': int(ids.size), 'rateHz': ids.size / n / seconds, 'rateEHz': spikes_e / n_e / seconds,
        'rateIHz': (ids.size - spikes_e) / max(1, n - n_e) / seconds,
        'buildWallMs': build_s * 1000, 'runWallMs': run_s * 1000, 'ions': args.ions,
    }
    if field is not None:
        # Mg Gate's last step ends with an ion step when the run is a whole number of them; here
        # that step would come at the start of the next step, after the run: take it now
        steps_per_ion = meta['ions']['stepsPerIonStep']
        run_steps = round(args.duration_ms / meta['dtMs'])
        if run_steps % steps_per_ion == 0:
            field.advance(args.duration_ms)
        # the state at the end of the run closes the trace (the last 100 ms sample)
        if not field.recorded['trace'] or field.recorded['trace'][-1][0] < args.duration_ms:
            field.recorded['trace'].append((args.duration_ms, field.mean(field.k), float(field.k.max()), field.mean(field.na)))
        result['kOutPeakMM'] = field.k_peak
        result['kOutMeanEndMM'] = field.mean(field.k)
        result['naInMeanEndMM'] = field.mean(field.na)
        if args.ion_trace:
            with open(args.ion_trace, 'w') as f:
                f.write('time_ms,k_out_mean_mM,k_out_max_mM,na_in_mean_mM\n')
                for row in field.recorded['trace']:
                    f.write(','.join(repr(x) for x in row) + '\n')
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{n} cells, {args.duration_ms:g} ms at {result['mgOutMM']} mM ({args.method}): "
              f"E {result['rateEHz']:.2f} Hz, I {result['rateIHz']:.2f} Hz, {result['spikes']} spikes, "
              f"run {run_s:.1f} s")


if __name__ == '__main__':
    main()
