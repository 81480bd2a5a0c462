#!/usr/bin/env python3
"""Per-call latency of the CartPole MLP recurrent step, as NetworkSearchModel runs it, in PyTorch eager and as a CUDA graph.

A reference point for `muzero bench --device cuda`: if our per-simulation time matches PyTorch eager, TorchSharp adds
nothing and the call is bound by kernel launches; the CUDA-graph column is what capturing the call would give.
Needs a CUDA machine with PyTorch:   python3 scripts/pytorch-call-latency.py
Sizes: latent D = 32, hidden H = 64, A = 2 actions, reward bins R = 5, value bins V = 41 (configs/cartpole.json).
"""
import time, torch, torch.nn as nn, torch.nn.functional as F
torch.backends.cuda.matmul.allow_tf32 = False
dev = "cuda"; D, H, A, R, V = 32, 64, 2, 5, 41
def stack(i): return nn.Sequential(nn.Linear(i, H), nn.LayerNorm(H), nn.ReLU())
dyn, state, rew, pred, pol, val = stack(D + A), nn.Linear(H, D), nn.Linear(H, R), stack(D), nn.Linear(H, A), nn.Linear(H, V)
for m in (dyn, state, rew, pred, pol, val): m.to(dev)
readout = torch.randn(R + V + A, 2 + A, device=dev)
def minmax(x):
    lo, hi = torch.aminmax(x, dim=1, keepdim=True); return (x - lo) / (hi - lo).clamp_min(1e-5)
def step(store, rows, actions, slab):
    lat = store.index_select(0, rows)
    h = dyn(torch.cat([lat, F.one_hot(actions, A).to(lat.dtype)], 1))
    nxt = minmax(state(h)); r = rew(h); hp = pred(nxt)
    p = torch.cat([F.softmax(r, 1), F.softmax(val(hp), 1), F.softmax(pol(hp), 1)], 1)
    slab.copy_(nxt); return p.mm(readout)
def timeit(f, n):
    for _ in range(20): f()
    torch.cuda.synchronize(); t = time.perf_counter()
    for _ in range(n): f()
    torch.cuda.synchronize(); return (time.perf_counter() - t) / n * 1e6
for B in (1, 16, 256, 1024, 4096):
    store = torch.rand(51 * B, D, device=dev); slab = torch.empty(B, D, device=dev)
    host = torch.zeros(2 * B, dtype=torch.int64); host[:B] = torch.randint(0, 51 * B, (B,)); host[B:] = torch.randint(0, A, (B,))
    pinned = host.pin_memory(); idx = torch.empty(2 * B, dtype=torch.int64, device=dev)
    out_host = torch.empty(B, 2 + A).pin_memory()
    with torch.inference_mode():
        def eager():
            idx.copy_(host); return step(store, idx[:B], idx[B:], slab).cpu()
        def eager_pinned():
            idx.copy_(pinned, non_blocking=True); out_host.copy_(step(store, idx[:B], idx[B:], slab), non_blocking=True); torch.cuda.current_stream().synchronize()
        e = timeit(eager, 300); ep = timeit(eager_pinned, 300)
    g = torch.cuda.CUDAGraph(); s = torch.cuda.Stream(); s.wait_stream(torch.cuda.current_stream())
    with torch.inference_mode():
        with torch.cuda.stream(s):
            for _ in range(3): out = step(store, idx[:B], idx[B:], slab)
        torch.cuda.current_stream().wait_stream(s)
        with torch.cuda.graph(g): out = step(store, idx[:B], idx[B:], slab)
        def graph():
            idx.copy_(pinned, non_blocking=True); g.replay(); out_host.copy_(out, non_blocking=True); torch.cuda.current_stream().synchronize()
        gr = timeit(graph, 300)
    print(f"B={B}: eager {e:.0f} us/call, eager pinned {ep:.0f}, CUDA graph {gr:.0f}  -> sims/s eager {B/e*1e6:,.0f}, graph {B/gr*1e6:,.0f}", flush=True)
