"""networkx peer for `npm run bench -- graph` (build-1m): the same application–entity edge list riskloop built.

Usage: graph_peers.py EDGES [LOUVAIN]. EDGES is a binary file of int32 pairs (application node, entity node) written by
bench/graph.ts from the graph it built (hubs and context links included: the edge list as given). Prints one JSON line:
seconds to build the networkx Graph from the pairs, to find connected components, and (LOUVAIN=1) Louvain communities.
"""
import json
import sys
import time

import networkx as nx
import numpy as np

pairs = np.fromfile(sys.argv[1], dtype='<i4').reshape(-1, 2)
louvain = len(sys.argv) > 2 and sys.argv[2] == '1'
out = {'edges': int(pairs.shape[0])}
t = time.perf_counter()
g = nx.Graph()
g.add_edges_from(pairs.tolist())
out['buildSeconds'] = time.perf_counter() - t
out['nodes'] = g.number_of_nodes()
t = time.perf_counter()
out['components'] = sum(1 for _ in nx.connected_components(g))
out['componentsSeconds'] = time.perf_counter() - t
if louvain:
    t = time.perf_counter()
    out['communities'] = len(nx.community.louvain_communities(g, seed=1))
    out['louvainSeconds'] = time.perf_counter() - t
print(json.dumps(out))
