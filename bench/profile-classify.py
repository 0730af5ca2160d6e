#!/usr/bin/env python3
"""Splits two async-profiler collapsed-stack profiles (the wasm and the plain server under the same
load) into where the CPU goes, leaf-first: each sample counts for the deepest frame that belongs to
a known part (JIT and GC threads by their thread's root). Scaled by each server's measured process
CPU per request, it prints the table BENCHMARKS.md shows. Used by bench/profile.sh.

usage: profile-classify.py WASM.collapsed PLAIN.collapsed WASM_CPU_US_PER_REQ PLAIN_CPU_US_PER_REQ
"""
import sys, collections
def load(p):
    out=[]
    for line in open(p):
        s,_,n=line.rstrip().rpartition(' '); out.append((s.split(';'),int(n)))
    return out
LEAF=[
 ('socket syscalls (read, write, epoll)', ('__GI_write','__GI___writev','writev','__GI_read','epoll_wait','__GI_epoll','__libc_send','__libc_recv','sendto','recvfrom')),
 ('thread hand-off (park/unpark, futex)', ('pthread_cond','futex','Unsafe.park','Unsafe.unpark','LockSupport','Parker::','os::PlatformEvent')),
 ('guest code (compiled Wasm)', ('com/dylibso/chicory/$gen','CompiledMachine','com/dylibso/chicory/compiler')),
 ('linear memory (guest access, copy-on-write, reset)', ('ResettableMemory','MemoryPool','MemoryImage')),
 ('instantiation (Chicory Instance.Builder)', ('com/dylibso/chicory/runtime/Instance','ConstantEvaluators','com/dylibso/chicory/runtime/ImportValues','com/dylibso/chicory/runtime/')),
 ('WASI context and host calls', ('com/dylibso/chicory/wasi','WasiImports','ChicoryLog')),
 ('CGI environment and response parsing', ('WagiExecutor','CgiResponse','WagiRequest','SpinVariables','WagiConfig','toWagi')),
 ('watchdog', ('Watchdog',)),
 ('metrics, events, request ids, logging', ('GatewayEvents','RevisionStats','GuestLog','RequestIds','org/slf4j','ch/qos/logback','io/prometheus','Metrics')),
 ('Helidon HTTP (parse, route, write)', ('io/helidon',)),
 ('wasmlet gateway (routing, admission, other)', ('dev/wasmlet',)),
 ('virtual-thread scheduler', ('ForkJoin','VirtualThread','Continuation','cont_','Poller')),
]
def classify(p):
    c=collections.Counter(); tot=0
    for f,n in load(p):
        tot+=n
        if any('CompileBroker' in x for x in f): c['JIT compiler threads']+=n; continue
        if not any('/' in x for x in f) and any(('GC' in x or 'Scavenge' in x or 'WorkerThread' in x or 'VMThread' in x) for x in f): c['GC and VM threads']+=n; continue
        for x in reversed(f):
            hit=None
            for name,pats in LEAF:
                if any(p in x for p in pats): hit=name; break
            if hit: c[hit]+=n; break
        else: c['other (JDK, stubs)']+=n
    return c,tot
cw,tw=classify(sys.argv[1]); cp,tp=classify(sys.argv[2])
uw=float(sys.argv[3]); up=float(sys.argv[4])
names=['JIT compiler threads','GC and VM threads']+[n for n,_ in LEAF]+['other (JDK, stubs)']
print(f"| {'where the CPU goes (self time, leaf-first)':52s} | {'wasm hello-c':>12s} | {'plain Java':>10s} |")
print(f"|{'-'*54}|{'-'*14}|{'-'*12}|")
for name in names:
    print(f"| {name:52s} | {cw[name]*uw/tw:9.1f} us | {cp[name]*up/tp:7.1f} us |")
print(f"| {'total (process CPU per request)':52s} | {uw:9.1f} us | {up:7.1f} us |")
