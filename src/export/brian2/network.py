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

Timing follows Mg Gate's schedule unless told otherwise: Mg Gate applies an event arriving in step
n before that step's voltage update, Brian2 after it, so a Mg Gate delay of d steps is d − 1 steps
here; Mg Gate holds V for refractorySteps steps after the spike step, i.e. Brian2's refractory
period is (refractorySteps + 1) · dt. The drive is statistically equal, not identical (another RNG).

Usage:
    /usr/bin/python3 network.py [--duration-ms 3000] [--json] [--spikes out.csv] [--seed N]
        [--mg MM] [--method euler|rk2|rk4|mggate] [--nmda-jump export|exact|approx]
        [--timing mggate|brian2] [--target numpy|cython]
--json prints one JSON line (rateEHz, rateIHz, rateHz, spikes, ...); --spikes writes
neuron_id,time_ms. --method mggate reproduces Mg Gate's own step (exponential Euler with the
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
            g_total = gL + gA_avg + gG_avg + gN_avg
            i_total = gL * EL + gA_avg * EA + gG_avg * EG + gN_avg * EN - w * avgW
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
        v_line = 'dv/dt = (gL * (EL - v) + gA * (EA - v) + gG * (EG - v) + gNmax * sN * B * (EN - v) - w) / C : volt (unless refractory)'
        method = args.method
    eqs = v_line + '''
    B = 1 / (1 + mg_mM / MG_HALF_MM * exp(-MG_SLOPE_PER_MV * v / mV)) : 1
    dgA/dt = -gA / tauA : siemens
    dgG/dt = -gG / tauG : siemens
    dsN/dt = -sN / tauN : 1
    dw/dt = -w / tauW : amp
    C : farad (constant)
    gL : siemens (constant)
    EL : volt (constant)
    vt : volt (constant)
    vr : volt (constant)
    tref : second (constant)
    b : amp (constant)
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
    P = NeuronGroup(n, eqs, threshold='v > vt', reset='v = vr; w += b', refractory='tref',
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
    P.b = per_neuron(meta, 'adaptIncrementPA', n, n_e) * np.exp(-timing['adaptJumpDecaySteps'] * dt_ms / tau_w_ms) * pA
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
    P.w = arrays['adaptPA'] * pA
    P.vt = arrays['vThreshMV'] * mV
    # a cell still held for r steps: Brian2 integrates again once (t − lastspike)/dt ≥ hold steps
    held = arrays['refractoryLeftSteps'] > 0
    last = np.full(n, -1e4)
    last[held] = (arrays['refractoryLeftSteps'][held] - hold_steps[held]) * dt_ms * 1e-3
    P.lastspike = last * second
    objects = [P]
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
    spikes = SpikeMonitor(P)
    objects.append(spikes)
    return Network(*objects), spikes


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
    parser.add_argument('--method', default='euler', choices=['euler', 'rk2', 'rk4', 'mggate'])
    parser.add_argument('--nmda-jump', default='export', choices=['export', 'exact', 'approx'],
                        help="export: Mg Gate's Δs as exported (the exact one since issue 12); exact: Brunel & Wang "
                             "integrated (NEST's k0, k1); approx: (1 − s)(1 − e^(−α τ_rise)), Mg Gate's before issue 12")
    parser.add_argument('--timing', default='mggate', choices=['mggate', 'brian2'],
                        help="mggate: delays d − 1 and refractory + dt, as Mg Gate's schedule; brian2: as exported")
    parser.add_argument('--target', default='cython', choices=['numpy', 'cython'])
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
    if meta.get('live', {}).get('ionsOn', 0) == 1:
        print('network.py: this network ran with the ion model on in Mg Gate (docs/MODEL.md §Ion dynamics); '
              'it is not exported, so Brian2 runs it with fixed ion concentrations', file=sys.stderr)
    if args.seed is None:
        args.seed = meta['seed']
    if args.mg is None:
        args.mg = meta['live']['mgOutMM']
    import brian2
    from brian2 import ms
    t0 = time.time()
    net, spikes = build(meta, arrays, args)
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
        'buildWallMs': build_s * 1000, 'runWallMs': run_s * 1000,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{n} cells, {args.duration_ms:g} ms at {result['mgOutMM']} mM ({args.method}): "
              f"E {result['rateEHz']:.2f} Hz, I {result['rateIHz']:.2f} Hz, {result['spikes']} spikes, "
              f"run {run_s:.1f} s")


if __name__ == '__main__':
    main()
