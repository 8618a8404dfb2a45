"""
The Python peer of bench/trace.ts: a plain longest-prefix-match route-table walk on the same
network, the way one would write it in Python: a dict per prefix length per table, probed longest
first, and the walk from a subnet's route table through Transit Gateway route tables (VPC and
peering attachments) to the destination subnet, adding the same AWS segment RTTs.

Reads the network as JSON (written by the bench from Footprint's compiled network):
  subnets: [base, length, vpc, zone, routeTable, tgwReach]   (tgwReach: 1 when the subnet's AZ
           has an attachment subnet, precomputed by the bench as Footprint's attachmentReach)
  routeTables: [[base, length, kind, target], ...]  kind: "local", "tgw", "igw", other
  tgws: [region, {vpc: attachment}]
  attachments: [kind, tgw, table, vpc-or-peer, back]  kind: "vpc", "peering", other
  tgwTables: [[base, length, attachment-or--1 for blackhole], ...]
  vpcRegion: [place per VPC]
  aws: square matrix of AWS RTTs between the places used, by index
  pairs: [[from subnet, to subnet], ...]

Times the walk over every pair, --runs times after a warm-up run: CPU (process_time) and wall
(perf_counter) per run. Prints one JSON object with the RTT of each of the first --check pairs
(NaN when undelivered) for the bench to compare.
"""

import argparse
import json
import math
import platform
import time


def build_table(routes):
    """A dict of {base: value} per prefix length, lengths longest first."""
    by_length = {}
    for base, length, *value in routes:
        by_length.setdefault(length, {}).setdefault(base, value)
    lengths = sorted(by_length, reverse=True)
    return [((0xFFFFFFFF << (32 - n)) & 0xFFFFFFFF if n else 0, by_length[n]) for n in lengths]


def lookup(table, address):
    for mask, blocks in table:
        hit = blocks.get(address & mask)
        if hit is not None:
            return hit
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--network", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", type=int, default=2000)
    args = parser.parse_args()
    net = json.load(open(args.network))
    subnets = net["subnets"]
    tables = [build_table(t) for t in net["routeTables"]]
    tgw_tables = [build_table(t) for t in net["tgwTables"]]
    owners = build_table([[s[0], s[1], i] for i, s in enumerate(subnets)])
    tgws = net["tgws"]
    attachments = net["attachments"]
    vpc_region = net["vpcRegion"]
    aws = net["aws"]
    pairs = net["pairs"]

    def walk(src, address):
        hit = lookup(owners, address)
        dst = hit[0] if hit else -1
        s = subnets[src]
        place = s[3]
        rtt = 0.0
        route = lookup(tables[s[4]], address)
        if route is None:
            return math.nan
        kind, target = route
        if kind == "local":
            if dst < 0 or subnets[dst][2] != s[2]:
                return math.nan
            zone = subnets[dst][3]
            if zone != place:
                region = vpc_region[s[2]]
                rtt += aws[place][region] + aws[region][zone]
            return rtt
        if kind != "tgw" or not s[5]:
            return math.nan
        tgw = target
        attachment = tgws[tgw][1].get(str(s[2]))
        if attachment is None:
            return math.nan
        region = tgws[tgw][0]
        rtt += aws[place][region]
        place = region
        for _ in range(64):
            table = attachments[attachment][2]
            if table < 0:
                return math.nan
            hit = lookup(tgw_tables[table], address)
            if hit is None or hit[0] < 0:
                return math.nan
            out = attachments[hit[0]]
            if out[0] == "vpc":
                if dst >= 0 and subnets[dst][2] == out[3]:
                    zone = subnets[dst][3]
                    return rtt + aws[place][zone]
                return math.nan
            if out[0] != "peering":
                return math.nan
            peer = out[3]
            region = tgws[peer][0]
            rtt += aws[place][region]
            place = region
            attachment = out[4]
        return math.nan

    addresses = [subnets[b][0] for _, b in pairs]
    sources = [a for a, _ in pairs]

    def run_once():
        delivered = 0
        for a, address in zip(sources, addresses):
            r = walk(a, address)
            if r == r:
                delivered += 1
        return delivered

    run_once()
    wall, cpu = [], []
    delivered = 0
    for _ in range(args.runs):
        w0, c0 = time.perf_counter(), time.process_time()
        delivered = run_once()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    check = [walk(a, addresses[i]) for i, (a, _) in enumerate(pairs[: args.check])]
    print(json.dumps({
        "python": platform.python_version(),
        "traces": len(pairs),
        "delivered": delivered,
        "wallMs": wall,
        "cpuMs": cpu,
        "rttMs": [None if r != r else r for r in check],
    }))


main()
