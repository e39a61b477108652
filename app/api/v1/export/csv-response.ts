/** A streamed CSV download; the row count is known up front (it was audited) and sent as a header. */
export function csvResponse(exported: { stream: ReadableStream<Uint8Array>; filename: string; rows: number }): Response {
  return new Response(exported.stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exported.filename}"`,
      "Cache-Control": "no-store",
      "X-Row-Count": String(exported.rows),
    },
  });
}
