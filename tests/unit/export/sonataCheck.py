"""Checks a SONATA export folder against the format's required fields (AllenInstitute/sonata,
docs/SONATA_DEVELOPER_GUIDE.md) with h5py, and prints one JSON object: `errors` (empty when every
required field is there and consistent) and the edges and node data read back, for
tests/unit/export/sonata.test.ts to compare with Mg Gate's network. Usage: python3 sonataCheck.py DIR"""
import json
import os
import sys

try:
    import h5py
    import numpy as np
except ImportError:
    print("python3-h5py is missing: apt-get install -y python3-h5py", file=sys.stderr)
    sys.exit(3)

errors = []


def need(condition, message):
    if not condition:
        errors.append(message)
    return condition


def table(path):
    with open(path, encoding="ascii") as f:
        rows = [line.split() for line in f.read().split("\n") if line.strip()]
    need(all(len(r) == len(rows[0]) for r in rows), f"{path}: rows of unequal length")
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def root_attrs(f, name):
    version, magic = f.attrs.get("version"), f.attrs.get("magic")
    need(version is not None and version.dtype == np.uint32 and list(version.shape) == [2], f"{name}: version must be uint32 x 2")
    need(magic is not None and magic.dtype == np.uint32 and int(magic) == 0x0A7A, f"{name}: magic must be uint32 0x0A7A")


def main(folder):
    path = lambda p: os.path.join(folder, p.replace("$BASE_DIR/", ""))
    circuit = json.load(open(path("circuit_config.json")))
    sim = json.load(open(path("simulation_config.json")))
    need(circuit.get("target_simulator") == "NEST", "circuit_config: target_simulator NEST")
    need("manifest" in circuit and "manifest" in sim, "configs need a manifest (nest.SonataNetwork reads it)")
    need(isinstance(sim.get("run", {}).get("dt"), (int, float)) and isinstance(sim["run"].get("tstop"), (int, float)), "simulation_config: run.dt and run.tstop")
    need(os.path.exists(path(sim.get("network", ""))), "simulation_config: network names the circuit config")
    comps = circuit.get("components", {})
    (nodes_conf,), (edges_conf,) = circuit["networks"]["nodes"], circuit["networks"]["edges"]

    node_types = table(path(nodes_conf["node_types_file"]))
    for r in node_types:
        need({"node_type_id", "model_type", "model_template", "dynamics_params"} <= set(r), "node_types.csv: required columns")
        need(r["model_type"] == "point_neuron", "node_types.csv: model_type point_neuron")
        need(os.path.exists(os.path.join(path(comps["point_neuron_models_dir"]), r["dynamics_params"])), f"missing {r['dynamics_params']}")
    edge_types = table(path(edges_conf["edge_types_file"]))
    for r in edge_types:
        need({"edge_type_id", "model_template", "dynamics_params"} <= set(r), "edge_types.csv: required columns")
        need(os.path.exists(os.path.join(path(comps["synaptic_models_dir"]), r["dynamics_params"])), f"missing {r['dynamics_params']}")

    report = {"nodeTypes": {}, "edgeTypes": {}}
    for r in node_types:
        report["nodeTypes"][r["node_type_id"]] = json.load(open(os.path.join(path(comps["point_neuron_models_dir"]), r["dynamics_params"])))
    for r in edge_types:
        report["edgeTypes"][r["edge_type_id"]] = {"receptor": r.get("receptor"), **json.load(open(os.path.join(path(comps["synaptic_models_dir"]), r["dynamics_params"])))}

    with h5py.File(path(nodes_conf["nodes_file"]), "r") as f:
        root_attrs(f, "nodes.h5")
        (pop_name,) = list(f["nodes"])
        pop = f["nodes"][pop_name]
        for d in ("node_id", "node_type_id", "node_group_id", "node_group_index"):
            need(d in pop and pop[d].ndim == 1, f"nodes.h5: /nodes/{pop_name}/{d}")
        n = pop["node_type_id"].shape[0]
        need(all(pop[d].shape[0] == n for d in ("node_id", "node_group_id", "node_group_index")), "nodes.h5: datasets of one length")
        need(set(np.unique(pop["node_type_id"][()]).astype(str)) <= set(report["nodeTypes"]), "nodes.h5: node_type_id not in node_types.csv")
        groups = np.unique(pop["node_group_id"][()])
        for g in groups:
            size = int((pop["node_group_id"][()] == g).sum())
            need(str(g) in pop and all(pop[str(g)][c].shape[0] == size for c in ("x", "y")), f"nodes.h5: group {g} with x, y")
            index = pop["node_group_index"][()][pop["node_group_id"][()] == g]
            need(np.array_equal(np.sort(index), np.arange(size)), f"nodes.h5: node_group_index of group {g}")
        g0 = pop["0"]
        report["nodes"] = {
            "population": pop_name, "count": n, "ids": pop["node_id"][()].tolist(), "idDtype": str(pop["node_id"].dtype),
            "typeIds": pop["node_type_id"][()].tolist(), "x": g0["x"][()].tolist(), "y": g0["y"][()].tolist(),
            "dynamics": {k: v[()].tolist() for k, v in g0["dynamics_params"].items()},
        }

    with h5py.File(path(edges_conf["edges_file"]), "r") as f:
        root_attrs(f, "edges.h5")
        (pop_name,) = list(f["edges"])
        pop = f["edges"][pop_name]
        for d in ("source_node_id", "target_node_id", "edge_type_id", "edge_group_id", "edge_group_index"):
            need(d in pop and pop[d].ndim == 1, f"edges.h5: /edges/{pop_name}/{d}")
        m = pop["source_node_id"].shape[0]
        need(all(pop[d].shape[0] == m for d in ("target_node_id", "edge_type_id", "edge_group_id", "edge_group_index")), "edges.h5: datasets of one length")
        for d in ("source_node_id", "target_node_id"):
            population = pop[d].attrs.get("node_population")
            population = population.decode() if isinstance(population, bytes) else population
            need(population == report["nodes"]["population"], f"edges.h5: {d}@node_population names the node population")
        src, tgt, typ = pop["source_node_id"][()], pop["target_node_id"][()], pop["edge_type_id"][()]
        need(int(max(src.max(initial=0), tgt.max(initial=0))) < report["nodes"]["count"], "edges.h5: node ids inside the population")
        need(set(np.unique(typ).astype(str)) <= set(report["edgeTypes"]), "edges.h5: edge_type_id not in edge_types.csv")
        need(np.array_equal(np.unique(pop["edge_group_id"][()]), [0]), "edges.h5: one edge group, 0 (what NEST reads)")
        need(np.array_equal(pop["edge_group_index"][()], np.arange(m)), "edges.h5: edge_group_index")
        group = pop.get("0", {})
        present = need("syn_weight" in group and "delay" in group, "edges.h5: edge group 0 with syn_weight and delay")
        weight = group["syn_weight"][()] if present else np.zeros(m)
        delay = group["delay"][()] if present else np.zeros(m)
        need(weight.shape[0] == m and delay.shape[0] == m, "edges.h5: 0/syn_weight and 0/delay for every edge")
        report["edges"] = {
            "population": pop_name, "count": m, "idDtype": str(src.dtype),
            "byType": {str(t): {"source": src[typ == t].tolist(), "target": tgt[typ == t].tolist(),
                                "weight": weight[typ == t].tolist(), "delay": delay[typ == t].tolist()} for t in np.unique(typ)},
        }
    report["errors"] = errors
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
