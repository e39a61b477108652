import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // The camera is used on phones to photograph a recorder's QR; nothing else is needed.
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=(), usb=()" },
  ...(process.env.NODE_ENV === "production" && process.env.DISABLE_HSTS !== "1"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build folders let parallel e2e runs (one per developer task) build side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  // `npm test` type-checks the whole project first (tsc), so the build does not do it twice.
  typescript: { ignoreBuildErrors: true },
  // forbidden() answers a wrong role with a real 403 and app/forbidden.tsx.
  // serverActions.bodySizeLimit: the admin device import uploads its CSV through a server action
  // (200,000 rows is about 20 MB); every other action's input is small.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "50mb" } },
  // Loaded by Node at run time instead of bundled: they read their own .wasm/.node files.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "@prisma/client", "@prisma/adapter-pg", "pg", "nodemailer", "sharp"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Pages get a nonce-based CSP from proxy.ts; API answers are data and may load nothing.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
