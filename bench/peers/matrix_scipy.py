"""
The scipy peer of bench/matrix.ts: all-pairs shortest paths with scipy.sparse.csgraph.dijkstra
(Debian's python3-scipy) on the same physical graph, given as its links.

Reads a binary file of the graph: int32 node count, int32 link count, then the links as int32
sources, int32 targets and float64 RTTs (each direction listed). Builds a CSR matrix, warms up,
then times `dijkstra(graph, directed=True)` from every node, `--runs` times: wall (perf_counter)
and CPU (process_time) per run. scipy solves the plain shortest-path problem: it knows nothing
of Footprint's transit rules (users and hosts end paths, AWS does not carry internet traffic), so
its RTTs are lower bounds of Footprint's; it writes its distance matrix (float64, row-major) to
`--out` so that the bench can count the pairs where the two agree.

Prints one JSON object: versions, and the per-run wall and CPU times in milliseconds.

  /usr/bin/python3 bench/peers/matrix_scipy.py --graph graph.bin --out distances.bin --runs 15
"""

import argparse
import json
import platform
import sys
import time

try:
    import numpy as np
    import scipy
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra
except ImportError:
    print(json.dumps({"error": "scipy is not installed (Debian: apt-get install python3-scipy)",
                      "python": platform.python_version()}))
    sys.exit(3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--graph", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    raw = open(args.graph, "rb").read()
    n, m = np.frombuffer(raw, dtype=np.int32, count=2)
    offset = 8
    sources = np.frombuffer(raw, dtype=np.int32, count=m, offset=offset)
    offset += 4 * m
    targets = np.frombuffer(raw, dtype=np.int32, count=m, offset=offset)
    offset += 4 * m
    rtts = np.frombuffer(raw, dtype=np.float64, count=m, offset=offset)
    graph = csr_matrix((rtts, (sources, targets)), shape=(n, n))
    distances = None
    for _ in range(args.warmup):
        distances = dijkstra(graph, directed=True)
    wall, cpu = [], []
    for _ in range(args.runs):
        w0, c0 = time.perf_counter(), time.process_time()
        distances = dijkstra(graph, directed=True)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    np.ascontiguousarray(distances, dtype=np.float64).tofile(args.out)
    print(json.dumps({
        "python": platform.python_version(),
        "scipy": scipy.__version__,
        "nodes": int(n),
        "links": int(m),
        "wallMs": wall,
        "cpuMs": cpu,
    }))


main()
