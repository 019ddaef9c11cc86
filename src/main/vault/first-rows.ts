/**
 * The first rows of an order no sorted copy is kept for: the first `count` positions are selected
 * with a bounded heap, about one comparison per position, instead of sorting them all (n·log n
 * comparisons with the locale's collator: ~100 ms of CPU at 100k tokens, bench/README.md). Used by
 * the window's first query after unlock (api/token-window.ts) and by the first-screen record worked
 * out from the chunks (first-screen-build.ts). With a total order (label, then age, then id) the
 * rows are exactly those the full sort puts first.
 */
type Compare<T> = (a: T, b: T) => number;

/** The `count` smallest of `positions` under `compare`, in order. */
export function selectFirst(positions: ArrayLike<number>, count: number, compare: Compare<number>): Int32Array {
  const first = new FirstOf(count, compare);
  for (let i = 0; i < positions.length; i++) first.offer(positions[i] as number);
  return Int32Array.from(first.sorted());
}

/**
 * The `count` smallest items offered so far under `compare`. `largest` lets a caller skip making
 * an item that would not be kept (the first-screen pass makes a view only for those it keeps).
 */
export class FirstOf<T> {
  /** A max-heap: the largest kept item at the root, so a smaller newcomer replaces it. */
  private readonly heap: T[] = [];

  constructor(
    private readonly count: number,
    private readonly compare: Compare<T>,
  ) {}

  /** The largest item kept when `count` are kept (a newcomer must sort before it); undefined while there is room. */
  get largest(): T | undefined {
    return this.heap.length < this.count ? undefined : this.heap[0];
  }

  offer(item: T): void {
    const heap = this.heap;
    if (heap.length < this.count) {
      heap.push(item);
      siftUp(heap, heap.length - 1, this.compare);
    } else if (this.count > 0 && this.compare(item, heap[0] as T) < 0) {
      heap[0] = item;
      siftDown(heap, this.compare);
    }
  }

  /** The items kept, smallest first. */
  sorted(): T[] {
    return [...this.heap].sort(this.compare);
  }
}

function siftUp<T>(heap: T[], at: number, compare: Compare<T>): void {
  let child = at;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (compare(heap[parent] as T, heap[child] as T) >= 0) return;
    swap(heap, parent, child);
    child = parent;
  }
}

function siftDown<T>(heap: T[], compare: Compare<T>): void {
  let parent = 0;
  for (;;) {
    const left = 2 * parent + 1;
    const right = left + 1;
    let largest = parent;
    if (left < heap.length && compare(heap[left] as T, heap[largest] as T) > 0) largest = left;
    if (right < heap.length && compare(heap[right] as T, heap[largest] as T) > 0) largest = right;
    if (largest === parent) return;
    swap(heap, parent, largest);
    parent = largest;
  }
}

function swap<T>(heap: T[], a: number, b: number): void {
  const held = heap[a] as T;
  heap[a] = heap[b] as T;
  heap[b] = held;
}
