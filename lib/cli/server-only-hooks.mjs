// Preload for server code that runs outside Next and renders React to HTML (the outbox worker):
//   tsx --import ./lib/cli/server-only-hooks.mjs lib/outbox/cli.ts
// Such a process cannot use --conditions=react-server, which the other scripts use to make the
// `server-only` marker a no-op: under that condition react-dom/server is a stub that throws, and
// React Email needs the real one. So only `server-only` itself is resolved as a server bundle
// would resolve it (to its empty module); everything else resolves as plain Node.
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

// Node runs module hooks on a thread of their own, which loads this file again: register once.
if (isMainThread) register(import.meta.url);

/** @type {import("node:module").ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return nextResolve(specifier, context);
}
