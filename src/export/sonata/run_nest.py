#!/usr/bin/env python3
"""Mg Gate's network in NEST (iaf_bw_2001: conductance-based LIF with AMPA, GABA_A and NMDA with the
Mg2+ block), built from the SONATA files beside this script, which Mg Gate's NEST export wrote.

    python3 run_nest.py --duration-ms 3000 --json
    mpirun -np 8 python3 run_nest.py --threads 4 --mg 0 --spikes spikes.csv --json

Needs NEST >= 3.8 built with GSL and Boost (for iaf_bw_2001) and HDF5, and h5py, numpy and pandas
(NEST's SONATA reader).
The default builder is nest.SonataNetwork, which reads edges.h5 in slabs on every MPI process and
keeps only the connections onto its own neurons. --builder arrays connects with nest.Connect on
NumPy arrays instead (for a NEST without HDF5; one MPI process only). With mpi4py installed the
ranks' spikes are gathered on rank 0; without it each rank reports its own neurons.

Prints (with --json) one JSON line: rateEHz, rateIHz, spikes, neurons, durationMs, buildS, simS.
--spikes FILE writes neuron_id,time_ms (Mg Gate's neuron ids, 0-based). What differs from Mg Gate's
own run of this network is listed in simulation_config.json under mg_gate.departures (README.md).
"""
import argparse
import json
import os
import sys
import time

import h5py
import numpy as np

import nest

HERE = os.path.dirname(os.path.abspath(__file__))
POPULATION = "mg_gate"
EDGE_POPULATION = "mg_gate_to_mg_gate"
MODEL = "iaf_bw_2001"
# NEST requires conc_Mg2 > 0; at 1e-6 mM the block is gone (as in Mg Gate at 0 mM)
MG_FLOOR_MM = 1e-6
EDGE_SLAB = 1 << 20


def read_json(*parts):
    with open(os.path.join(HERE, *parts)) as f:
        return json.load(f)


def read_table(name):
    """A SONATA CSV (space separated, header first) as a list of dicts."""
    with open(os.path.join(HERE, name)) as f:
        lines = [line.split() for line in f if line.strip()]
    return [dict(zip(lines[0], row)) for row in lines[1:]]


def parse_args(sim):
    p = argparse.ArgumentParser(description="Run Mg Gate's exported network in NEST (iaf_bw_2001).")
    p.add_argument("--duration-ms", type=float, default=float(sim["run"]["tstop"]))
    p.add_argument("--threads", type=int, default=1, help="OpenMP threads per MPI process")
    p.add_argument("--mg", type=float, default=None, help="[Mg2+]o in mM, 0 to 3 (default: the exported value)")
    p.add_argument("--seed", type=int, default=int(sim["mg_gate"]["seed"]))
    p.add_argument("--builder", choices=("sonata", "arrays"), default="sonata")
    p.add_argument("--spikes", default=None, help="write neuron_id,time_ms (with several ranks and no mpi4py: FILE.rankN.csv)")
    p.add_argument("--json", action="store_true", help="print one JSON line with the run's rates")
    args = p.parse_args()
    if not args.duration_ms > 0:
        p.error("--duration-ms must be > 0")
    if args.threads < 1:
        p.error("--threads must be at least 1")
    if args.mg is not None and not 0 <= args.mg <= 3:
        p.error("--mg must be from 0 to 3 mM")
    if args.seed < 0:
        p.error("--seed must be >= 0")
    return args


def node_models():
    try:
        return nest.node_models
    except AttributeError:  # NEST before 3.4
        return nest.Models("nodes")


def build_sonata():
    net = nest.SonataNetwork(os.path.join(HERE, "circuit_config.json"), sim_config=os.path.join(HERE, "simulation_config.json"))
    return net.BuildNetwork(hdf5_hyperslab_size=EDGE_SLAB)[POPULATION]


def build_arrays(type_ids, dt_ms, ports):
    if nest.NumProcesses() > 1:
        sys.exit("--builder arrays runs on one MPI process only (nest.Connect on arrays); use --builder sonata")
    nest.SetKernelStatus({"resolution": dt_ms})
    nodes = nest.Create(MODEL, len(type_ids))
    params = {int(r["node_type_id"]): read_json("point_neuron_models", r["dynamics_params"]) for r in read_table("node_types.csv")}
    start = 0
    for stop in list(np.flatnonzero(np.diff(type_ids)) + 1) + [len(type_ids)]:
        nodes[int(start):int(stop)].set(params[int(type_ids[start])])
        start = stop
    receptor = {int(r["edge_type_id"]): ports[r["receptor"]] for r in read_table("edge_types.csv")}
    gids = np.array(nodes.tolist())
    with h5py.File(os.path.join(HERE, "edges.h5"), "r") as f:
        pop = f["edges"][EDGE_POPULATION]
        total = pop["source_node_id"].shape[0]
        for lo in range(0, total, EDGE_SLAB):
            hi = min(lo + EDGE_SLAB, total)
            src = pop["source_node_id"][lo:hi]
            tgt = pop["target_node_id"][lo:hi]
            typ = pop["edge_type_id"][lo:hi]
            weight = pop["0"]["syn_weight"][lo:hi]
            delay = pop["0"]["delay"][lo:hi]
            for type_id, port in receptor.items():
                m = typ == type_id
                count = int(m.sum())
                if count == 0:
                    continue
                nest.Connect(gids[src[m]], gids[tgt[m]], "one_to_one", {
                    "synapse_model": "static_synapse", "weight": weight[m], "delay": delay[m],
                    "receptor_type": np.full(count, port)})
    return nodes


def set_node_state(nodes, dyn, mg_mm):
    """Per-neuron thresholds and initial state from nodes.h5 (node types only hold the means)."""
    nodes.set({key: dyn[key].tolist() for key in ("V_th", "V_m", "s_AMPA", "s_GABA", "s_NMDA")})
    if mg_mm is not None:
        nodes.set({"conc_Mg2": max(mg_mm, MG_FLOOR_MM)})


def connect_drive(nodes, n_exc, drive, dt_ms, ports):
    """Independent Poisson input per neuron: poisson_generator sends each target its own train."""
    rate_hz = float(drive["ratePerNeuronHz"])
    for lo, hi, key in ((0, n_exc, "E"), (n_exc, len(nodes), "I")):
        weight = float(drive["weightNS"][key])
        if rate_hz <= 0 or weight <= 0 or hi <= lo:
            continue
        generator = nest.Create("poisson_generator", params={"rate": rate_hz})
        nest.Connect(generator, nodes[lo:hi], "all_to_all", {"weight": weight, "delay": dt_ms, "receptor_type": ports["AMPA"]})


def gather(values):
    """All ranks' arrays on rank 0 (None elsewhere) with mpi4py; without it, this rank's own."""
    if nest.NumProcesses() == 1:
        return values, True
    try:
        from mpi4py import MPI
    except ImportError:
        return values, False
    parts = MPI.COMM_WORLD.gather(values, root=0)
    if parts is None:
        return None, True
    return np.concatenate(parts), True


def main():
    circuit = read_json("circuit_config.json")
    sim = read_json("simulation_config.json")
    args = parse_args(sim)
    if MODEL not in node_models():
        sys.exit(f"this NEST ({getattr(nest, '__version__', '?')}) has no {MODEL}: it needs NEST >= 3.8 built with GSL and Boost")
    meta, drive = circuit["mg_gate"], sim["mg_gate"]["drive"]
    dt_ms = float(sim["run"]["dt"])
    n_exc = int(meta["excitatory"])

    nest.set_verbosity("M_WARNING")
    nest.ResetKernel()
    nest.SetKernelStatus({"local_num_threads": args.threads, "rng_seed": args.seed % 2147483646 + 1})
    ports = nest.GetDefaults(MODEL)["receptor_types"]
    with h5py.File(os.path.join(HERE, "nodes.h5"), "r") as f:
        group = f["nodes"][POPULATION]
        type_ids = group["node_type_id"][()]
        dyn = {key: value[()] for key, value in group["0"]["dynamics_params"].items()}

    t0 = time.time()
    nodes = build_sonata() if args.builder == "sonata" else build_arrays(type_ids, dt_ms, ports)
    set_node_state(nodes, dyn, args.mg)
    connect_drive(nodes, n_exc, drive, dt_ms, ports)
    # iaf_bw_2001 sends its NMDA jump in the spike's offset: record spike times in steps (its documentation)
    recorder = nest.Create("spike_recorder", params={"time_in_steps": True})
    nest.Connect(nodes, recorder)
    build_s = time.time() - t0

    t0 = time.time()
    nest.Simulate(args.duration_ms)
    sim_s = time.time() - t0

    events = recorder.get("events")
    gids = np.array(nodes.tolist())
    ids = np.searchsorted(gids, np.asarray(events["senders"]))
    steps = np.asarray(events["times"])
    all_ids, gathered = gather(ids)
    all_steps, _ = gather(steps)
    if all_ids is None:
        return  # another rank reports
    rank = nest.Rank()
    if args.spikes:
        path = args.spikes if gathered else f"{os.path.splitext(args.spikes)[0]}.rank{rank}.csv"
        order = np.lexsort((all_ids, all_steps))
        with open(path, "w") as out:
            out.write("neuron_id,time_ms\n")
            for i, step in zip(all_ids[order], all_steps[order]):
                out.write(f"{int(i)},{round(float(step) * dt_ms, 4)}\n")
    if args.json:
        seconds = args.duration_ms / 1000
        spikes_e = int((all_ids < n_exc).sum())
        spikes_i = int(len(all_ids) - spikes_e)
        print(json.dumps({
            "engine": "NEST", "model": MODEL, "nest": getattr(nest, "__version__", "unknown"),
            "processes": nest.NumProcesses(), "threads": args.threads, "builder": args.builder,
            "allRanks": gathered, "rank": rank, "neurons": len(gids), "durationMs": args.duration_ms,
            "mgOutMM": args.mg if args.mg is not None else sim["mg_gate"]["mgOutMM"],
            "spikes": spikes_e + spikes_i,
            "rateEHz": spikes_e / n_exc / seconds if gathered and n_exc else None,
            "rateIHz": spikes_i / (len(gids) - n_exc) / seconds if gathered and len(gids) > n_exc else None,
            "buildS": build_s, "simS": sim_s, "realtimeFactor": seconds / sim_s if sim_s > 0 else None,
        }))


if __name__ == "__main__":
    main()
