// Builds the fixed event the fake Runtime API serves: a JSON document of many small
// records (like an SQS or Kinesis batch), so that parsing and serializing it costs what a
// real event of that size costs. A single huge string would make JSON work unrealistically cheap.

/** Returns a Buffer holding a JSON event of exactly `size` bytes (size >= 64). */
export function buildEvent(size) {
  if (!Number.isInteger(size) || size < 64) {
    throw new Error(`Event size must be an integer of at least 64 bytes, got ${size}; pass e.g. 1024 or 1048576.`);
  }
  const records = [];
  const overhead = '{"Records":[]}'.length;
  let used = overhead;
  for (let i = 0; ; i++) {
    const record = JSON.stringify({ messageId: `m-${i}`, attributes: { count: i, ok: i % 2 === 0 }, body: 'x'.repeat(40) });
    const cost = record.length + (records.length ? 1 : 0);
    if (used + cost > size - 16) break;
    records.push(record);
    used += cost;
  }
  // Pad the last bytes with a filler field so the size is exact.
  const head = `{"Records":[${records.join(',')}],"pad":"`;
  const tail = '"}';
  const pad = size - head.length - tail.length;
  if (pad < 0) throw new Error(`internal: event of ${size} bytes overflowed by ${-pad}`);
  const text = head + 'p'.repeat(pad) + tail;
  return Buffer.from(text, 'utf8');
}
