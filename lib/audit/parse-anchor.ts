import type { Anchor } from "./verify-chain";

/** "seq:hash" (what the CLI takes) or the exported JSON's two fields, checked strictly. */
export function parseAnchor(text: string | undefined | null): Anchor | undefined {
  const match = text?.trim().match(/^(\d{1,19}):([0-9a-f]{64})$/);
  return match ? { seq: BigInt(match[1]!).toString(), hash: match[2]! } : undefined;
}
