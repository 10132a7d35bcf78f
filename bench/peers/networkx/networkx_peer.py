"""networkx peer (Debian python3-networkx): the tie graph is a MultiDiGraph with edge data; the
rules walk it (bench/peers/common/coi_rules.py); k shortest paths are networkx's
shortest_simple_paths over a view of the ties valid on the date, siblings derived from a shared
parent included (as graph/paths.cc). Run at 1e4 and 1e6 only.

Run with Debian's interpreter:  /usr/bin/python3 bench/peers/networkx/networkx_peer.py --feed DIR
  --questions OUT/questions --out OUT/networkx [--runs 5] [--cap 600]
"""

import os
import sys

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import coi_rules  # noqa: E402
import harness  # noqa: E402


class NetworkxTies:
    def __init__(self, feed):
        self.g = nx.MultiDiGraph()
        self.g.add_nodes_from(range(feed.person_count + len(feed.bins)))
        self.g.add_edges_from((x[0], x[1], {"kind": x[2], "role": x[3], "vf": x[4], "vt": x[5],
                                            "ent": x[6]}) for x in feed.edges)
        # Undirected simple graph for paths: each edge keeps the intervals of its facts; a sibling
        # derived from a shared parent is an edge on the interval on which both parent facts hold.
        self.u = nx.Graph()
        self.u.add_nodes_from(self.g.nodes)
        ties = [(a, b, vf, vt) for a, b, _, _, vf, vt, _ in feed.edges[::2]]
        for a, b, vf, vt in ties + feed.derived_siblings():
            if self.u.has_edge(a, b):
                self.u[a][b]["iv"].append((vf, vt))
            else:
                self.u.add_edge(a, b, iv=[(vf, vt)])

    def out(self, v):
        for t, keyed in self.g._adj[v].items():
            for d in keyed.values():
                yield t, d["kind"], d["role"], d["vf"], d["vt"], d["ent"]

    def valid_on(self, d):
        u = self.u
        return nx.subgraph_view(
            u, filter_edge=lambda a, b: any(vf <= d < vt for vf, vt in u[a][b]["iv"]))


class Peer(coi_rules.RulesSession):
    @staticmethod
    def load(feed_dir):
        feed = coi_rules.Feed(feed_dir)
        return Peer(feed, NetworkxTies(feed))

    def paths(self, q):
        view = self.graph.valid_on(coi_rules.day(q["date"]))
        k, hops = int(q["k"]), int(q["max_hops"])
        out = []
        try:
            src = self.vertex(q["from"], q["from_kind"])
            dst = self.vertex(q["to"], q["to_kind"])
            for p in nx.shortest_simple_paths(view, src, dst):
                if len(p) - 1 > hops or len(out) == k:
                    break
                out.append(len(p) - 1)
        except nx.NetworkXNoPath:
            pass
        return out


if __name__ == "__main__":
    harness.run("networkx", Peer)
