import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

type WasmSchemaEngine = import("@prisma/schema-engine-wasm").SchemaEngine;

let loaded: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;

/**
 * Loads Prisma's Wasm schema engine. Its ESM entry imports the `.wasm` file directly, which Node 20
 * refuses without a flag, so we instantiate the module ourselves against its JS glue.
 */
function loadEngineModule() {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(gluePath.replace(/schema_engine_bg\.js$/, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
    const exports = instance.exports as { __wbindgen_start?: () => void };
    (glue as unknown as { __wbg_set_wasm(w: unknown): void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start?.();
    return glue;
  })();
  return loaded;
}

/** Opens the schema engine over a driver adapter (PGlite or PostgreSQL); no native binary involved. */
export async function openSchemaEngine(options: { schema: string; adapter: SqlMigrationAwareDriverAdapterFactory }): Promise<WasmSchemaEngine> {
  const glue = await loadEngineModule();
  const engineClass = (glue as unknown as { SchemaEngine: typeof import("@prisma/schema-engine-wasm").SchemaEngine }).SchemaEngine;
  const log = () => {};
  return engineClass.new({ datamodels: [["schema.prisma", options.schema]] }, log, bindMigrationAwareSqlAdapterFactory(options.adapter));
}
