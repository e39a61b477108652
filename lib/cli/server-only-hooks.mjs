// Preload for every script that runs server code outside Next (the outbox worker, the seed, the
// audit CLI, the benches):  tsx --import ./lib/cli/server-only-hooks.mjs lib/outbox/cli.ts
// It makes the `server-only` marker a no-op the way a server bundle does. --conditions=react-server
// would too, but under that condition react-dom/server is a stub that throws, and React Email
// needs the real one. So only `server-only` itself is resolved with that condition (to its empty
// module); everything else resolves as plain Node.
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

// Node runs module hooks on a thread of their own, which loads this file again: register once.
if (isMainThread) register(import.meta.url);

/** @type {import("node:module").ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return nextResolve(specifier, context);
}
