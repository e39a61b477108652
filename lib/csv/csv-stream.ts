import { csvRows } from "./csv-rows";

/**
 * A byte stream of CSV pulled batch by batch: the next batch is read only when the client has
 * taken the previous one, so memory stays flat however many rows there are.
 */
export function csvStream(options: {
  header: readonly string[];
  batches: AsyncIterable<readonly (readonly unknown[])[]>;
  onDone?: (rows: number) => void;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = options.batches[Symbol.asyncIterator]();
  let headerSent = false;
  let rows = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A BOM so spreadsheet apps read UTF-8 names correctly.
        controller.enqueue(encoder.encode(`\uFEFF${csvRows([options.header])}`));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        options.onDone?.(rows);
        controller.close();
        return;
      }
      rows += next.value.length;
      controller.enqueue(encoder.encode(csvRows(next.value)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
