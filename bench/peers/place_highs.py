"""
The peer of bench/place.ts: native HiGHS (the `highspy` wheel: HiGHS built for the machine, not
WebAssembly) on the same placement MILP, with the same options as Footprint's solver (no output,
random seed 0, the same node limit), once to a 1 % relative gap and once to the proof.

Reads the model as JSON (written by the bench from Footprint's ModelBuilder): numCols, numRows,
offset, colCost, colLower, colUpper, rowLower, rowUpper (beyond +-1e30: infinite), the compressed
rows (starts, indices, values), integrality (1: integer), maxNodes, and optionally start: a sparse
solution to start from (indices, values: the placement's binaries, as Footprint's solver is given)
(then presolve is off to a 1 % gap, on for the proof, as Footprint's solver runs them).

Prints one JSON object: the HiGHS version and, per run, the CPU milliseconds (process_time), the
status, the objective, the bound, the gap and the nodes; or {"error": ...} when highspy is missing.
"""

import argparse
import json
import math
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    args = parser.parse_args()
    try:
        import highspy
        import numpy as np
    except ImportError as missing:
        print(json.dumps({"error": f"highspy is not installed ({missing}): pip install highspy"}))
        return
    model = json.load(open(args.model))

    def bounded(values):
        return np.array([v if abs(v) < 1e30 else math.copysign(highspy.kHighsInf, v) for v in values])

    def solve(gap):
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("mip_max_nodes", int(model["maxNodes"]))
        h.setOptionValue("mip_rel_gap", gap)
        h.setOptionValue("mip_abs_gap", 1e-9)
        h.setOptionValue("threads", 1)
        if "start" in model and gap >= 1e-4:
            h.setOptionValue("presolve", "off")
        lp = highspy.HighsLp()
        lp.num_col_ = model["numCols"]
        lp.num_row_ = model["numRows"]
        lp.offset_ = model["offset"]
        lp.col_cost_ = np.array(model["colCost"])
        lp.col_lower_ = bounded(model["colLower"])
        lp.col_upper_ = bounded(model["colUpper"])
        lp.row_lower_ = bounded(model["rowLower"])
        lp.row_upper_ = bounded(model["rowUpper"])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = model["numCols"]
        lp.a_matrix_.num_row_ = model["numRows"]
        lp.a_matrix_.start_ = np.array(model["starts"], dtype=np.int32)
        lp.a_matrix_.index_ = np.array(model["indices"], dtype=np.int32)
        lp.a_matrix_.value_ = np.array(model["values"])
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if v else highspy.HighsVarType.kContinuous
            for v in model["integrality"]
        ]
        h.passModel(lp)
        if "start" in model:
            start = model["start"]
            h.setSolution(len(start["indices"]), np.array(start["indices"], dtype=np.int32), np.array(start["values"]))
        c0 = time.process_time()
        h.run()
        cpu = (time.process_time() - c0) * 1000
        info = h.getInfo()
        return {
            "cpuMs": cpu,
            "status": h.modelStatusToString(h.getModelStatus()),
            "objective": info.objective_function_value,
            "bound": info.mip_dual_bound,
            "gap": info.mip_gap,
            "nodes": info.mip_node_count,
        }

    version = highspy.Highs().version()
    print(json.dumps({"highs": version, "gap1": solve(0.01), "proof": solve(1e-9)}))


main()
