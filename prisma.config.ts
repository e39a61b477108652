import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate`; migrations run through lib/db/migrate.ts
// (Wasm schema engine over a driver adapter), since the native engine is not available here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
