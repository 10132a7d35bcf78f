"""igraph peer (Debian python3-igraph): the tie graph is an igraph Graph with edge attributes;
the rules walk it (bench/peers/common/coi_rules.py); k shortest paths are igraph's own
get_k_shortest_paths on the subgraph of the ties valid on the date, siblings derived from a
shared parent included (as graph/paths.cc).

Run with Debian's interpreter:  /usr/bin/python3 bench/peers/igraph/igraph_peer.py --feed DIR
  --questions OUT/questions --out OUT/igraph [--runs 5] [--cap 600]
"""

import os
import sys

import igraph
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import coi_rules  # noqa: E402
import harness  # noqa: E402


class IgraphTies:
    def __init__(self, feed):
        n = feed.person_count + len(feed.bins)
        e = feed.edges
        self.g = igraph.Graph(n=n, edges=[(x[0], x[1]) for x in e], directed=True)
        self.g.es["kind"] = [x[2] for x in e]
        self.g.es["role"] = [x[3] for x in e]
        self.g.es["vf"] = [x[4] for x in e]
        self.g.es["vt"] = [x[5] for x in e]
        self.g.es["ent"] = [x[6] for x in e]
        # Attribute columns read once into lists: igraph keeps them as Python objects anyway.
        self._cols = [self.g.es[a] for a in ("kind", "role", "vf", "vt", "ent")]
        self._target = [t for _, t in self.g.get_edgelist()]
        # Undirected view for path questions: one edge per fact (the even-numbered direction),
        # then one per sibling derived from a shared parent, valid while both parent facts are.
        u = [(x[0], x[1], x[4], x[5]) for x in e[::2]] + feed.derived_siblings()
        self.u = igraph.Graph(n=n, edges=[(a, b) for a, b, _, _ in u], directed=False)
        self.u_vf = np.array([x[2] for x in u], dtype=np.int64)
        self.u_vt = np.array([x[3] for x in u], dtype=np.int64)

    def out(self, v):
        kind, role, vf, vt, ent = self._cols
        tgt = self._target
        for i in self.g.incident(v, mode="out"):
            yield tgt[i], kind[i], role[i], vf[i], vt[i], ent[i]

    def valid_on(self, d):
        keep = np.nonzero((self.u_vf <= d) & (d < self.u_vt))[0]
        sub = self.u.subgraph_edges(keep.tolist(), delete_vertices=False)
        sub.simplify(multiple=True, loops=True)
        return sub


class Peer(coi_rules.RulesSession):
    @staticmethod
    def load(feed_dir):
        feed = coi_rules.Feed(feed_dir)
        return Peer(feed, IgraphTies(feed))

    def paths(self, q):
        sub = self.graph.valid_on(coi_rules.day(q["date"]))
        k, hops = int(q["k"]), int(q["max_hops"])
        found = sub.get_k_shortest_paths(self.vertex(q["from"], q["from_kind"]),
                                         to=self.vertex(q["to"], q["to_kind"]), k=k, mode="all",
                                         output="vpath")
        return [len(p) - 1 for p in found if p and len(p) - 1 <= hops]


if __name__ == "__main__":
    harness.run("igraph", Peer)
