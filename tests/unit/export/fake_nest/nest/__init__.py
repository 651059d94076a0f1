"""A stand-in for PyNEST (NEST is not installable here): the part of NEST 3's API that run_nest.py
calls, with NEST's documented argument rules checked (one_to_one arrays of equal length, per-node
lists as long as the collection, known models and receptor ports). It creates nothing and
simulates nothing: it records what the script built into the JSON file named by FAKE_NEST_LOG
(written by Simulate) and hands each spike recorder random spikes, so that
tests/unit/export/sonata.test.ts can run the script end to end. It proves the script's plumbing
against this reading of NEST's API, not NEST's behaviour."""
import json
import os

import h5py
import numpy as np

__version__ = "fake-3.8"
node_models = ("iaf_bw_2001", "poisson_generator", "spike_recorder")
RECEPTORS = {"AMPA": 1, "GABA": 2, "NMDA": 3}
_state = {}


def ResetKernel():
    _state.clear()
    _state.update(next_gid=1, kernel={}, models={}, params={}, connections=[], drive=[], recorders={}, builder=None)


ResetKernel()


def set_verbosity(level):
    pass


def Rank():
    return 0


def NumProcesses():
    return 1


def SetKernelStatus(params):
    if any(m == "iaf_bw_2001" for m in _state["models"].values()) and "local_num_threads" in params:
        raise RuntimeError("fake nest: kernel threads must be set before nodes are created")
    _state["kernel"].update(params)


def GetDefaults(model):
    assert model == "iaf_bw_2001", model
    return {"receptor_types": dict(RECEPTORS)}


class NodeCollection:
    def __init__(self, gids):
        self.gids = list(gids)

    def __len__(self):
        return len(self.gids)

    def __getitem__(self, key):
        assert isinstance(key, slice) and key.step is None, "fake nest: slices only"
        return NodeCollection(self.gids[key])

    def tolist(self):
        return list(self.gids)

    def set(self, params=None, **kwargs):
        values = dict(params or {}, **kwargs)
        for key, value in values.items():
            if isinstance(value, (list, tuple, np.ndarray)):
                assert len(value) == len(self), f"fake nest: {key} has {len(value)} values for {len(self)} nodes"
                for gid, v in zip(self.gids, value):
                    _state["params"].setdefault(gid, {})[key] = float(v)
            else:
                for gid in self.gids:
                    _state["params"].setdefault(gid, {})[key] = value

    def get(self, key):
        assert key == "events" and len(self) == 1
        return _state["recorders"][self.gids[0]]["events"]


def Create(model, n=1, params=None):
    assert model in node_models, f"fake nest: unknown model {model}"
    gids = list(range(_state["next_gid"], _state["next_gid"] + n))
    _state["next_gid"] += n
    for gid in gids:
        _state["models"][gid] = model
    nodes = NodeCollection(gids)
    if model == "spike_recorder":
        assert params == {"time_in_steps": True}, "iaf_bw_2001 spikes must be recorded with time_in_steps"
        _state["recorders"][gids[0]] = {"targets": [], "events": {"senders": [], "times": []}}
    if params:
        nodes.set(params)
    return nodes


def _receptor(syn_spec):
    port = syn_spec.get("receptor_type", 0)
    ports = np.unique(np.asarray(port))
    assert len(ports) == 1 and int(ports[0]) in RECEPTORS.values(), f"fake nest: receptor_type {port}"
    return int(ports[0])


def Connect(pre, post, conn_spec=None, syn_spec=None):
    if isinstance(pre, np.ndarray):
        assert conn_spec == "one_to_one" and len(pre) == len(post), "fake nest: arrays connect one_to_one, equal lengths"
        assert syn_spec["synapse_model"] == "static_synapse"
        for key in ("weight", "delay"):
            assert len(syn_spec[key]) == len(pre), f"fake nest: {key} array length"
        _record(pre, post, syn_spec["weight"], syn_spec["delay"], _receptor(syn_spec))
        return
    models = {_state["models"][g] for g in pre.gids}
    if _state["models"][post.gids[0]] == "spike_recorder":
        _state["recorders"][post.gids[0]]["targets"].extend(pre.gids)
    elif models == {"poisson_generator"}:
        assert conn_spec == "all_to_all"
        _state["drive"].append({"rate": _state["params"][pre.gids[0]]["rate"], "targets": post.gids,
                                "weight": syn_spec["weight"], "delay": syn_spec["delay"], "receptor": _receptor(syn_spec)})
    else:
        raise AssertionError("fake nest: unexpected Connect")


def _record(pre, post, weight, delay, receptor):
    for s, t, w, d in zip(np.asarray(pre).tolist(), np.asarray(post).tolist(), np.asarray(weight).tolist(), np.asarray(delay).tolist()):
        _state["connections"].append([s, t, w, d, receptor])


class SonataNetwork:
    """Reads the configs and files the way nest.SonataNetwork does (resolution from run.dt, one
    NEST model per node type, receptor_type from edge types' dynamics_params, per-edge weight and delay)."""

    def __init__(self, config, sim_config=None):
        self.base = os.path.dirname(config)
        self.conf = json.load(open(config))
        if sim_config:
            self.conf.update(json.load(open(sim_config)))
        assert self.conf["target_simulator"] == "NEST" and "dt" in self.conf["run"]
        SetKernelStatus({"resolution": self.conf["run"]["dt"]})

    def _path(self, p):
        return os.path.join(self.base, p.replace("$BASE_DIR/", ""))

    def _table(self, p):
        lines = [line.split() for line in open(self._path(p)) if line.strip()]
        return [dict(zip(lines[0], r)) for r in lines[1:]]

    def BuildNetwork(self, hdf5_hyperslab_size=None):
        _state["builder"] = "sonata"
        comps = self.conf["components"]
        (nodes_conf,), (edges_conf,) = self.conf["networks"]["nodes"], self.conf["networks"]["edges"]
        types = {int(r["node_type_id"]): r for r in self._table(nodes_conf["node_types_file"])}
        collections = {}
        with h5py.File(self._path(nodes_conf["nodes_file"]), "r") as f:
            for name, pop in f["nodes"].items():
                type_ids = pop["node_type_id"][()]
                nodes = Create(types[int(type_ids[0])]["model_template"].replace("nest:", ""), len(type_ids))
                for t, row in types.items():
                    params = json.load(open(os.path.join(self._path(comps["point_neuron_models_dir"]), row["dynamics_params"])))
                    for gid in np.array(nodes.gids)[type_ids == t]:
                        _state["params"].setdefault(int(gid), {}).update(params)
                collections[name] = nodes
        edge_types = {int(r["edge_type_id"]): json.load(open(os.path.join(self._path(comps["synaptic_models_dir"]), r["dynamics_params"])))
                      for r in self._table(edges_conf["edge_types_file"])}
        with h5py.File(self._path(edges_conf["edges_file"]), "r") as f:
            for pop in f["edges"].values():
                src = collections[pop["source_node_id"].attrs["node_population"]]
                tgt = collections[pop["target_node_id"].attrs["node_population"]]
                typ = pop["edge_type_id"][()]
                for t, params in edge_types.items():
                    m = typ == t
                    _record(np.array(src.gids)[pop["source_node_id"][()][m]], np.array(tgt.gids)[pop["target_node_id"][()][m]],
                            pop["0"]["syn_weight"][()][m], pop["0"]["delay"][()][m], _receptor(params))
        return collections


def Simulate(duration_ms):
    dt = _state["kernel"]["resolution"]
    rng = np.random.default_rng(1)
    for recorder in _state["recorders"].values():
        targets = np.array(recorder["targets"])
        count = rng.poisson(5.0 * duration_ms / 1000 * len(targets))
        recorder["events"] = {"senders": rng.choice(targets, count), "times": rng.integers(1, int(duration_ms / dt) + 1, count)}
    with open(os.environ["FAKE_NEST_LOG"], "w") as out:
        json.dump({
            "kernel": _state["kernel"], "builder": _state["builder"],
            "neurons": [g for g, m in _state["models"].items() if m == "iaf_bw_2001"],
            "params": {str(g): p for g, p in _state["params"].items() if _state["models"][g] == "iaf_bw_2001"},
            "connections": _state["connections"], "drive": _state["drive"],
            "recorded": sum(len(r["targets"]) for r in _state["recorders"].values()),
            "events": sum(len(r["events"]["senders"]) for r in _state["recorders"].values()),
        }, out)
