import type { NextConfig } from "next";
// Build-time settings only: the runtime ones, secrets included, are checked at start-up by
// instrumentation.ts. Relative path: no "@/" alias here.
import { buildEnv } from "./lib/env";

const config = buildEnv();

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // The camera is used on phones to photograph a recorder's QR; nothing else is needed.
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=(), usb=()" },
  ...(config.NODE_ENV === "production" && !config.DISABLE_HSTS ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build folders let parallel e2e runs (one per developer task) build side by side.
  distDir: config.NEXT_DIST_DIR,
  reactStrictMode: true,
  // tsconfig.build.json only extends tsconfig.json: Next leaves it as it is, whatever distDir.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // forbidden() answers a wrong role with a real 403 and app/forbidden.tsx.
  // serverActions.bodySizeLimit: Next counts an action's body as it arrives and refuses it past
  // this, before anything parses it. It applies to every action, so it stays small: the largest
  // form field is a few KiB, and no action takes a file (QR photos are decoded in the browser; the
  // device CSV streams to its own route, /api/v1/admin/devices/import, which has its own cap).
  // Route handlers get theirs from guardedRoute (lib/http/route.ts).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "100kb" } },
  // Loaded by Node at run time instead of bundled: they read their own .wasm/.node files.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "nodemailer",
    // Inbound email (lib/inbound): Node network servers and parsers, loaded as they are.
    "smtp-server",
    "mailparser",
    "imapflow",
    "sharp",
    // Email rendering needs the full react-dom/server, which the react-server bundle of the
    // instrumentation hook (where the outbox worker runs) refuses: Node loads it unbundled.
    "react-email",
    "@react-email/render",
  ],
  // libheif-js' Emscripten glue (HEIC photos, decode worker) requires 'fs' and 'path' in a Node
  // branch that never runs in a browser: the browser bundle gets an empty module for them.
  turbopack: { resolveAlias: { fs: { browser: "./lib/qr/empty-module.ts" }, path: { browser: "./lib/qr/empty-module.ts" } } },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Pages get a nonce-based CSP from proxy.ts; API answers are data and may load nothing.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
