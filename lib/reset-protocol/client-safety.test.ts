// Client components import ./client; this keeps its import graph free of
// node:crypto, Buffer and any other Node built-in.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
// client.ts and every module it re-exports; the server-only ones (keys, email, signing, scheme,
// vectors) are deliberately absent.
const BROWSER_ENTRY_POINTS = ["client.ts", "challenge.ts", "parse.ts", "code.ts", "password.ts"];

function importGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(resolve(here, entry), "utf8");
  for (const match of source.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"/g)) {
    const target = match[1] ?? "";
    if (target.startsWith("./")) importGraph(`${target.slice(2)}.ts`, seen);
    else seen.add(target);
  }
  return seen;
}

describe("browser-safe modules", () => {
  it.each(BROWSER_ENTRY_POINTS)("%s reaches no Node built-in and no Buffer", (entry) => {
    const graph = importGraph(entry);
    for (const dependency of graph) {
      expect(dependency.startsWith("node:") || ["crypto", "buffer", "fs", "util"].includes(dependency)).toBe(false);
      if (dependency.endsWith(".ts")) {
        const code = readFileSync(resolve(here, dependency), "utf8").replace(/^\s*\/\/.*$/gm, "");
        expect(code, dependency).not.toMatch(/\bBuffer\.|\bprocess\./);
      }
    }
  });
});
