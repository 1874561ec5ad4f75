/**
 * Who computes a request, decided once between the main thread and a worker without locks: request r's slot
 * (r modulo the ring's length) is set, by compare-and-swap, to r + 1 by the worker or −(r + 1) by the main
 * thread; whoever swaps first has it. A slot still holding an older request's mark is free: callers keep fewer
 * requests open than the ring has slots.
 */
export function claim(ring: Int32Array, r: number, by: "worker" | "main"): boolean {
  const slot = r % ring.length;
  const mark = by === "worker" ? r + 1 : -(r + 1);
  for (;;) {
    const v = Atomics.load(ring, slot);
    if (v === r + 1 || v === -(r + 1)) return v === mark;
    if (Atomics.compareExchange(ring, slot, v, mark) === v) return true;
  }
}
