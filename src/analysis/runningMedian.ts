/**
 * Exact median of the last `capacity` values pushed: a ring in arrival order beside the same values
 * kept sorted. Each push costs one binary search and one shift of the sorted array (O(capacity));
 * the burst detector pushes once per MEDIAN_SAMPLE_MS, so this is a few hundred moves per 10 ms.
 */
export class RunningMedian {
  readonly capacity: number;
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    if (!(capacity >= 1) || !Number.isInteger(capacity)) throw new RangeError(`median capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(value: number): void {
    const sorted = this.sorted;
    if (this.count === this.capacity) {
      // drop the oldest value from the sorted copy
      const old = this.ring[this.head];
      const at = lowerBound(sorted, this.count, old);
      sorted.copyWithin(at, at + 1, this.count);
      this.count--;
    }
    this.ring[this.head] = value;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    const at = upperBound(sorted, this.count, value);
    sorted.copyWithin(at + 1, at, this.count);
    sorted[at] = value;
    this.count++;
  }

  /** The median of the values held (mean of the middle two when even); NaN when empty. */
  median(): number {
    const c = this.count;
    if (c === 0) return NaN;
    const mid = c >> 1;
    return c & 1 ? this.sorted[mid] : 0.5 * (this.sorted[mid - 1] + this.sorted[mid]);
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}

/** First index in sorted[0, n) whose value is ≥ x. */
function lowerBound(sorted: Float64Array, n: number, x: number): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted[0, n) whose value is > x. */
function upperBound(sorted: Float64Array, n: number, x: number): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
