"""
The SimPy peer of bench/sim.ts: the same M/M/c queue and the same chain of single-pool services,
written for SimPy 2.3 (Debian's python3-simpy: the `SimPy` package, whose processes yield
`hold`, `request` and `release` tuples; SimPy 3 and 4 (`simpy`) have another API).

A source process draws exponential interarrival times and, until the arrivals stop at the run's
duration, activates one customer process per request. A customer visits `calls` resources in
series (each a Resource of `servers` units with one FIFO queue), asks for a unit, holds it for an
exponential service time and releases it; the run goes on until every customer has left. That is
Footprint's chainModel: Poisson arrivals, c servers per pool, one FIFO queue, exponential service,
no network time.

An event is one event notice popped from SimPy's event list, that is one resumption of a process
generator (Simulation.step). The run is driven by SimPy's own step() in the loop simulate() runs,
with a counter beside it. Per request that is 2 + 3 x calls: the source's hold, the customer's
start, and per service the request's grant, the end of the hold and the release.

Timed as bench/sim.ts times Footprint: `--warmup` runs (one by default, of the same model and size,
with its own seed) go first and are not timed, so that the timed runs find the interpreter's memory
pools and caches as warm as Footprint's finds its compiled code; then `--repeat` timed runs.

Prints one JSON object: the versions, and per repetition the wall time of the run (the model's
construction included, Python's start-up not) and its CPU time, events, requests, and the mean wait in queue per
service visit and the visits it is over.

  python3 -O bench/peers/simpy_mmc.py --calls 1 --servers 4 --rate 3.2 --duration 100000 --seed 1
"""

import argparse
import json
import platform
import random
import sys
import time

try:
    import SimPy
    from SimPy.Simulation import Process, Resource, Simulation, hold, release, request
except ImportError:
    print(json.dumps({"error": "SimPy 2 is not installed (Debian: apt-get install python3-simpy)",
                      "python": platform.python_version()}))
    sys.exit(3)


class Tally:
    """Waits in queue, summed over every service visit and the visits it is over."""

    def __init__(self):
        self.wait_sum = 0.0
        self.visits = 0
        self.requests = 0


class Customer(Process):
    def visit(self, pools, service_mean, rng, tally):
        sim = self.sim
        expo = rng.expovariate
        rate = 1.0 / service_mean
        for pool in pools:
            asked = sim._t
            yield request, self, pool
            tally.wait_sum += sim._t - asked
            tally.visits += 1
            yield hold, self, expo(rate)
            yield release, self, pool
        tally.requests += 1


class Source(Process):
    def generate(self, rate, stop_s, pools, service_mean, arrival_rng, service_rng, tally):
        sim = self.sim
        while True:
            yield hold, self, arrival_rng.expovariate(rate)
            if sim._t >= stop_s:
                return
            customer = Customer(sim=sim)
            sim.activate(customer, customer.visit(pools, service_mean, service_rng, tally))


def run(calls, servers, rate, service_mean, duration_s, seed):
    start = time.perf_counter()
    cpu_start = time.process_time()
    sim = Simulation()
    pools = [Resource(capacity=servers, name="service-%d" % s, sim=sim) for s in range(calls)]
    tally = Tally()
    source = Source(sim=sim)
    sim.activate(source, source.generate(rate, duration_s, pools, service_mean,
                                         random.Random(seed * 1000 + 1), random.Random(seed * 1000 + 2),
                                         tally))
    # simulate()'s loop, counting the events step() pops (there are no cancelled notices here).
    step = sim.step
    timestamps = sim._timestamps
    events = 0
    while timestamps:
        step()
        events += 1
    wall_s = time.perf_counter() - start
    cpu_s = time.process_time() - cpu_start
    return {
        "wallS": wall_s,
        "cpuS": cpu_s,
        "events": events,
        "requests": tally.requests,
        "meanWaitS": tally.wait_sum / tally.visits if tally.visits else 0.0,
        "visits": tally.visits,
        "endS": sim._t,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=1)
    parser.add_argument("--servers", type=int, default=4)
    parser.add_argument("--rate", type=float, default=3.2)
    parser.add_argument("--service-mean", type=float, default=1.0)
    parser.add_argument("--duration", type=float, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()
    for w in range(args.warmup):
        run(args.calls, args.servers, args.rate, args.service_mean, args.duration, args.seed + 1000 + w)
    runs = [run(args.calls, args.servers, args.rate, args.service_mean, args.duration, args.seed + r)
            for r in range(args.repeat)]
    print(json.dumps({
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "simpy": SimPy.__version__,
        "optimised": not __debug__,
        "runs": runs,
    }))


if __name__ == "__main__":
    main()
