// How AWS_LAMBDA_MAX_CONCURRENCY is shared among the worker threads: as evenly as possible,
// the first workers taking one more when it does not divide. The total number of /next
// requests outstanding is then exactly the limit, which the platform enforces (the official
// client polls once per worker whatever the limit, and dispatches without bound).
export function splitConcurrency(concurrency: number, workers: number): number[] {
  if (!Number.isInteger(concurrency) || concurrency < 1 || !Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`splitConcurrency needs whole numbers of at least 1; got concurrency ${concurrency} and workers ${workers}.`);
  }
  const count = Math.min(workers, concurrency);
  const base = Math.floor(concurrency / count);
  const extra = concurrency % count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}
