import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // useActionState passes the previous state first; actions often do not need it.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Domain modules are used through their public entry points only, so a module can be
    // regrouped inside its folder without touching its users (and client components cannot
    // reach the node:crypto half of reset-protocol by a deep import).
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)reset-protocol/(?!client$)",
              message: 'Import from "@/lib/reset-protocol", or "@/lib/reset-protocol/client" in client components.',
            },
            {
              regex: "(^@/lib/|^(\\.\\./)+(lib/)?)recorder/(?!testing/)",
              message: 'Import from "@/lib/recorder" (type-only in client components; test fixtures: "@/lib/recorder/testing/…").',
            },
          ],
        },
      ],
    },
  },
  { ignores: ["lib/generated/**", ".next*/**", "node_modules/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"] },
];

export default config;
