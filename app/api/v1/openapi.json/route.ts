import { openApiDocument } from "@/lib/api-docs/openapi";
import { env } from "@/lib/env";

/** The OpenAPI 3.1 document of /api/v1: public, it holds no data (docs/api.md). */
export function GET(): Response {
  return Response.json(openApiDocument(env().NEXTAUTH_URL), { headers: { "Cache-Control": "public, max-age=300" } });
}
