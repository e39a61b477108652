// The vector file's exact text. Non-ASCII and invisible characters are written as \uXXXX escapes
// (valid JSON, same values) so that an NBSP or U+3000 in an email is visible to a reader.
import type { Rp1VectorFile } from "./build-vectors";

export function serializeVectors(file: Rp1VectorFile): string {
  const json = JSON.stringify(file, null, 2).replace(/[^\x20-\x7e\n]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `${json}\n`;
}
