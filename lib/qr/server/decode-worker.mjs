// Worker entry of the decode pool. Node (20) does not run TypeScript: tsx's loader is registered
// for this thread first (tests, scripts, the CLI; tsx is a dev dependency). A bundled server
// points the pool at its own compiled worker instead (`createDecodePool({ workerUrl })`).
try {
  const { register } = await import("tsx/esm/api");
  register();
} catch {
  // No tsx: the runtime is expected to load the .ts itself.
}
await import(new URL("./decode-worker.ts", import.meta.url).href);
