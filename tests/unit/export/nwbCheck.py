"""Reads an NWB file with h5py (Debian's python3-h5py; pynwb is not packaged in Debian) and prints
one JSON object describing what the NWB 2.7 schema requires of it, for tests/unit/export/nwb.test.ts
to check: root attributes and datasets, required groups, every typed object's neurodata_type /
namespace / object_id, the Units table read back through spike_times_index, and the stimulus
step series. Usage: python3 nwbCheck.py FILE.nwb"""
import json
import sys
from datetime import datetime

try:
    import h5py
except ImportError:
    print("python3-h5py is missing: apt-get install -y python3-h5py", file=sys.stderr)
    sys.exit(3)


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def iso_ok(value):
    try:
        datetime.fromisoformat(text(value).replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def main(path):
    f = h5py.File(path, "r")
    report = {"hdf5": h5py.version.hdf5_version}
    report["root"] = {k: text(f.attrs[k]) for k in ("namespace", "neurodata_type", "nwb_version", "object_id") if k in f.attrs}
    root = {}
    for name in ("identifier", "session_description", "session_start_time", "timestamps_reference_time"):
        if name in f:
            root[name] = {"value": text(f[name][()]), "scalar": f[name].shape == (), "string": h5py.check_string_dtype(f[name].dtype) is not None}
    if "file_create_date" in f:
        root["file_create_date"] = {"value": [text(v) for v in f["file_create_date"][()]], "shape": list(f["file_create_date"].shape)}
    report["datasets"] = root
    report["isoDates"] = {
        "session_start_time": iso_ok(f["session_start_time"][()]),
        "timestamps_reference_time": iso_ok(f["timestamps_reference_time"][()]),
        "file_create_date": all(iso_ok(v) for v in f["file_create_date"][()]),
    }
    report["groups"] = {name: isinstance(f.get(name), h5py.Group) for name in (
        "acquisition", "analysis", "general", "processing", "stimulus", "stimulus/presentation", "stimulus/templates", "units", "scratch")}

    typed = {}

    def visit(name, obj):
        if "neurodata_type" in obj.attrs:
            typed["/" + name] = {
                "neurodata_type": text(obj.attrs["neurodata_type"]),
                "namespace": text(obj.attrs.get("namespace", "")),
                "object_id": text(obj.attrs.get("object_id", "")),
            }
    f.visititems(visit)
    report["typed"] = typed

    u = f["units"]
    index = u["spike_times_index"]
    target = f[index.attrs["target"]]
    times = u["spike_times"][()]
    ends = index[()]
    starts = [0] + list(ends[:-1])
    report["units"] = {
        "colnames": [text(c) for c in u.attrs["colnames"]],
        "description": text(u.attrs["description"]),
        "ids": u["id"][()].tolist(),
        "indexTarget": target.name,
        "spikeTimesDtype": str(times.dtype),
        "indexDtype": str(ends.dtype),
        "resolution": float(u["spike_times"].attrs["resolution"]),
        "columnDescriptions": all("description" in u[c].attrs for c in ("spike_times", "spike_times_index", "population", "x", "y")),
        # each unit's spike times through the index: the ragged column read the way pynwb reads it
        "spikeTimes": [times[s:e].tolist() for s, e in zip(starts, ends)],
        "population": [text(p) for p in u["population"][()]],
        "x": u["x"][()].tolist(),
        "y": u["y"][()].tolist(),
    }

    series = {}
    for name, g in f["stimulus/presentation"].items():
        data, ts = g["data"], g["timestamps"]
        series[name] = {
            "data": data[()].tolist(),
            "timestamps": ts[()].tolist(),
            "unit": text(data.attrs["unit"]),
            "continuity": text(data.attrs.get("continuity", "")),
            "conversionDtype": str(data.attrs["conversion"].dtype),
            "interval": int(ts.attrs["interval"]),
            "timestampsUnit": text(ts.attrs["unit"]),
        }
    report["series"] = series
    acquisition = {}
    for name, g in f["acquisition"].items():
        data, ts = g["data"], g["timestamps"]
        acquisition[name] = {
            "neurodata_type": text(g.attrs["neurodata_type"]),
            "data": data[()].tolist(),
            "timestamps": ts[()].tolist(),
            "unit": text(data.attrs["unit"]),
        }
    report["acquisition"] = acquisition
    intervals = {}
    if "intervals" in f:
        for name, g in f["intervals"].items():
            intervals[name] = {
                "neurodata_type": text(g.attrs["neurodata_type"]),
                "colnames": [text(c) for c in g.attrs["colnames"]],
                "id": g["id"][()].tolist(),
                "start_time": g["start_time"][()].tolist(),
                "stop_time": g["stop_time"][()].tolist(),
                "k_out_peak_mM": [None if v != v else v for v in g["k_out_peak_mM"][()].tolist()],  # NaN (ions off) as null
                "under_way": g["under_way"][()].tolist(),
            }
    report["intervals"] = intervals
    report["notes"] = text(f["general/notes"][()])
    report["config"] = json.loads(text(f["scratch/mg_gate_config"][()]))
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
