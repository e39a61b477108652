/** A keyset position (createdAt, id) as an opaque URL-safe token. */
export type TimeIdCursor = { at: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: TimeIdCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`).toString("base64url");
}

/** The cursor, or undefined for anything that is not one we made (never an error page). */
export function decodeCursor(token: string | undefined): TimeIdCursor | undefined {
  if (!token || token.length > 200) return undefined;
  const [iso, id] = Buffer.from(token, "base64url").toString("utf8").split("|");
  if (!iso || !id || !UUID.test(id)) return undefined;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : { at, id };
}

/** A seq cursor (audit events): a positive integer. */
export function decodeSeqCursor(token: string | undefined): bigint | undefined {
  return token && /^\d{1,19}$/.test(token) ? BigInt(token) : undefined;
}
