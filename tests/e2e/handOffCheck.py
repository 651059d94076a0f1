"""Reads the page's hand-off downloads for tests/e2e/handOff.test.ts and prints what it found, as JSON.

usage: handOffCheck.py NWB CSV BRIAN2_ZIP NEST_ZIP
"""
import csv
import io
import json
import sys
import zipfile

import h5py
import numpy as np

nwb_path, csv_path, brian2_path, nest_path = sys.argv[1:5]
out = {}

with h5py.File(nwb_path, "r") as f:
    u = f["units"]
    times, ends = u["spike_times"][()], u["spike_times_index"][()]
    out["nwbVersion"] = f.attrs["nwb_version"]
    out["units"] = int(len(u["id"]))
    out["spikes"] = int(len(times))
    out["indexEnd"] = int(ends[-1])
    # every CSV spike (neuron_id, time_ms) is in the NWB file, unit by unit
    starts = np.concatenate([[0], ends[:-1]])
    nwb_set = set()
    for i in range(len(ends)):
        for t in times[starts[i]:ends[i]]:
            nwb_set.add((i, round(float(t) * 1000, 1)))
    with open(csv_path) as c:
        rows = [(int(r["neuron_id"]), round(float(r["time_ms"]), 1)) for r in csv.DictReader(c)]
    out["csvSpikes"] = len(rows)
    out["csvMissingFromNwb"] = sum(1 for r in rows if r not in nwb_set)
    pres = f["stimulus/presentation"]
    out["liveSeries"] = sorted(pres.keys())
    out["mgValues"] = [float(v) for v in pres["mgOutMM"]["data"][()]]
    acq = f["acquisition"]
    out["ionSeries"] = sorted(acq.keys())
    if "kOutMeanMM" in acq:
        k = acq["kOutMeanMM"]
        out["ionSamples"] = int(len(k["data"]))
        out["kOutMeanRange"] = [float(np.min(k["data"][()])), float(np.max(k["data"][()]))]
        out["ionLastS"] = float(k["timestamps"][-1])
    out["ictalStarts"] = [float(t) for t in f["intervals/ictal_events/start_time"][()]] if "intervals" in f else []
    out["ictalUnderWay"] = [int(v) for v in f["intervals/ictal_events/under_way"][()]] if "intervals" in f else []
    out["config"] = json.loads(f["scratch/mg_gate_config"][()])["config"]["neurons"]

def read_zip(path):
    z = zipfile.ZipFile(path)
    return z, {i.filename: i for i in z.infolist()}

z, entries = read_zip(brian2_path)
out["brian2Files"] = sorted(entries)
meta = json.loads(z.read("mg-gate-brian2/network.json"))
out["brian2Neurons"] = meta["neurons"]
pre = np.frombuffer(z.read("mg-gate-brian2/synapsePre.bin"), dtype="<u4")
out["brian2Synapses"] = int(len(pre))
out["brian2SynapsesListed"] = meta["arrays"]["synapsePre"]["length"]
out["brian2Mg"] = meta["live"]["mgOutMM"]
out["brian2IonsOn"] = meta["ions"] is not None
out["brian2Mode"] = (entries["mg-gate-brian2/network.py"].external_attr >> 16) & 0o777

z, entries = read_zip(nest_path)
out["nestFiles"] = sorted(entries)
with h5py.File(io.BytesIO(z.read("mg-gate-nest/nodes.h5")), "r") as nodes:
    pop = nodes["nodes"][list(nodes["nodes"].keys())[0]]
    out["nestNodes"] = int(len(pop["node_id"]))
with h5py.File(io.BytesIO(z.read("mg-gate-nest/edges.h5")), "r") as edges:
    pop = edges["edges"][list(edges["edges"].keys())[0]]
    out["nestEdges"] = int(len(pop["source_node_id"]))

print(json.dumps(out))
