// The simulation's pending work: a binary min-heap of timers ordered by (at, seq), persisted as
// its array. Cancelling is lazy: a cancelled timer stays in the heap, marked stale in the live
// index, and is dropped when it reaches the top; so schedule and cancel cost O(log n) and O(1).
import type { Timer } from '../store/schema.ts';

const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export class TimerQueue {
  /** type + key → seq of the live timer */
  private live = new Map<string, number>();

  constructor(private heap: Timer[]) {
    // Persisted heaps hold only live timers (see compact), one per type and key.
    for (const t of heap) this.live.set(id(t.type, t.key), t.seq);
  }

  get size(): number {
    return this.live.size;
  }

  has(type: string, key: string): boolean {
    return this.live.has(id(type, key));
  }

  /** Schedules a timer, replacing any pending timer of the same type and key. */
  push(t: Timer): void {
    this.live.set(id(t.type, t.key), t.seq);
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  cancel(type: string, key: string): boolean {
    return this.live.delete(id(type, key));
  }

  /** The earliest live timer, dropping stale ones on the way. */
  peek(): Timer | undefined {
    while (this.heap.length && this.live.get(id(this.heap[0].type, this.heap[0].key)) !== this.heap[0].seq) this.removeTop();
    return this.heap[0];
  }

  pop(): Timer | undefined {
    const t = this.peek();
    if (!t) return undefined;
    this.removeTop();
    this.live.delete(id(t.type, t.key));
    return t;
  }

  private removeTop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (!h.length) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l], h[m])) m = l;
      if (r < h.length && before(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }

  /** The heap without stale entries, for saving. */
  compact(): Timer[] {
    const kept = this.heap.filter((t) => this.live.get(id(t.type, t.key)) === t.seq);
    this.heap.length = 0;
    for (const t of kept) this.heap.push(t);
    return this.heap;
  }
}

const id = (type: string, key: string) => `${type}\u0000${key}`;
