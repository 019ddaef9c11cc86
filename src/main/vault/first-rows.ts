/**
 * The first rows of an order no sorted copy is kept for: the first `count` positions are selected
 * with a bounded heap, about one comparison per position, instead of sorting them all (n·log n
 * comparisons with the locale's collator: ~100 ms of CPU at 100k tokens, bench/README.md). Used by
 * the window's first query after unlock (api/token-window.ts) and by the first-screen record worked
 * out from the chunks (first-screen-build.ts). With a total order (label, then age, then id) the
 * rows are exactly those the full sort puts first.
 */
type Compare = (a: number, b: number) => number;

/** The `count` smallest of `positions` under `compare`, in order. */
export function selectFirst(positions: ArrayLike<number>, count: number, compare: Compare): Int32Array {
  const heap: number[] = [];
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i] as number;
    if (heap.length < count) {
      heap.push(position);
      siftUp(heap, heap.length - 1, compare);
    } else if (count > 0 && compare(position, heap[0] as number) < 0) {
      heap[0] = position;
      siftDown(heap, compare);
    }
  }
  return Int32Array.from(heap.sort(compare));
}

/** A max-heap: the largest kept position at the root, so a smaller newcomer replaces it. */
function siftUp(heap: number[], at: number, compare: Compare): void {
  let child = at;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (compare(heap[parent] as number, heap[child] as number) >= 0) return;
    swap(heap, parent, child);
    child = parent;
  }
}

function siftDown(heap: number[], compare: Compare): void {
  let parent = 0;
  for (;;) {
    const left = 2 * parent + 1;
    const right = left + 1;
    let largest = parent;
    if (left < heap.length && compare(heap[left] as number, heap[largest] as number) > 0) largest = left;
    if (right < heap.length && compare(heap[right] as number, heap[largest] as number) > 0) largest = right;
    if (largest === parent) return;
    swap(heap, parent, largest);
    parent = largest;
  }
}

function swap(heap: number[], a: number, b: number): void {
  const held = heap[a] as number;
  heap[a] = heap[b] as number;
  heap[b] = held;
}
