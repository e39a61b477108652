import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { API_SCOPES } from "@/lib/api-tokens/scopes";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { setMasterKeysForTests } from "@/lib/keys/master-keys";
import { ENGINES } from "@/lib/testing/databases";
import { recorderChallenge, seedDevice, seedStaff, TEST_KEYS } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { API_OPERATIONS, openApiDocument } from "./openapi";

// The contract test: every /api/v1 route is in the document, and every route is called for real
// (through its route module and guardedRoute, with an API token) with the answer validated
// against the document: scoped routes answer their documented success; console-only routes
// refuse the token with the documented error.

vi.mock("next-auth", () => ({ getServerSession: async () => null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

type Json = Record<string, unknown>;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROOT = path.resolve(__dirname, "../..");
const API_DIR = path.join(ROOT, "app/api/v1");
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** Every route file under app/api/v1 as its OpenAPI path and the methods it exports. */
function routeFiles(): { path: string; file: string; methods: string[] }[] {
  const found: { path: string; file: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|DELETE|PUT|PATCH)\b/g)].map((m) => m[1]!.toLowerCase());
        const rel = path.relative(path.join(ROOT, "app"), path.dirname(full)).split(path.sep).join("/");
        found.push({ path: `/${rel}`.replace(/\[([^\]]+)\]/g, "{$1}"), file: full, methods });
      }
    }
  };
  walk(API_DIR);
  return found;
}

async function handlerFor(opPath: string, method: string): Promise<Handler> {
  const file = routeFiles().find((r) => r.path === opPath)!.file;
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
  return mod[method.toUpperCase()]!;
}

describe("the OpenAPI document", () => {
  const doc = openApiDocument("https://console.example") as { openapi: string; paths: Record<string, Record<string, Json>>; components: Json };

  it("is OpenAPI 3.1 and names every route file and method under app/api/v1, and nothing else", () => {
    expect(doc.openapi).toBe("3.1.0");
    const files = routeFiles().flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(documented.sort()).toEqual(files.sort());
  });

  it("validates against the OpenAPI 3.1 specification's own schema (and a broken copy does not)", async () => {
    expect(await new Validator().validate(structuredClone(doc) as Json)).toEqual({ valid: true });
    const broken = structuredClone(doc) as unknown as Json & { paths: Record<string, Record<string, { parameters: Json[] }>> };
    broken.paths["/api/v1/tickets"]!.get!.parameters[0]!.in = "body";
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("has only valid JSON Schema 2020-12 in it, a bearer scheme and, for each token route, its one scope", () => {
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
    const schemas: Json[] = [];
    JSON.stringify(doc, (key, value: unknown) => {
      if (key === "schema" && value && typeof value === "object" && !("$ref" in value)) schemas.push(value as Json);
      return value;
    });
    expect(schemas.length).toBeGreaterThan(20);
    for (const schema of schemas) expect(() => ajv.compile(schema)).not.toThrow();
    expect((doc.components.securitySchemes as Json).bearer).toMatchObject({ type: "http", scheme: "bearer" });
    for (const op of API_OPERATIONS) {
      const security = doc.paths[op.path]![op.method]!.security as Json[];
      if (op.scope) expect(security).toContainEqual({ bearer: [op.scope] });
      else expect(JSON.stringify(security)).not.toContain("bearer");
    }
  });
});

describe.each(ENGINES)("every /api/v1 route, called for real on %s", (engine) => {
  let t: TestDatabase;
  let token: string;
  const doc = openApiDocument() as {
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: Json }> }> }>>;
    components: Json;
  };
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema({ $id: "https://doc.local/openapi", components: doc.components });

  /** Checks a real answer against the document: its status is documented, and so are its type and (for JSON) its body. */
  async function expectDocumented(method: string, opPath: string, response: Response): Promise<unknown> {
    const documented = doc.paths[opPath]![method]!.responses[String(response.status)];
    expect(documented, `${method} ${opPath} answered ${response.status}, which the document does not list`).toBeDefined();
    const type = response.headers.get("content-type")?.split(";")[0] ?? null;
    const content = documented!.content;
    if (!content) {
      expect(response.status).toBe(204);
      return null;
    }
    const [documentedType, media] = Object.entries(content)[0]!;
    expect(type, `${method} ${opPath}`).toBe(documentedType);
    if (type !== "application/json") return response.text();
    const body = (await response.json()) as unknown;
    const schema = JSON.parse(JSON.stringify(media.schema ?? {}).replaceAll('"#/components/', '"https://doc.local/openapi#/components/')) as Json;
    const validate = ajv.compile(schema);
    expect(validate(body), `${method} ${opPath} ${response.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
    return body;
  }

  function request(method: string, url: string, body?: unknown): Request {
    return new Request(`http://console.test${url}`, {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function callRoute(method: string, opPath: string, options: { params?: Record<string, string>; query?: string; body?: unknown } = {}) {
    const handler = await handlerFor(opPath, method);
    let url = opPath;
    for (const [k, v] of Object.entries(options.params ?? {})) url = url.replace(`{${k}}`, v);
    const response = await handler(request(method, `${url}${options.query ?? ""}`, options.body), { params: Promise.resolve(options.params ?? {}) });
    return { response, body: await expectDocumented(method, opPath, response) };
  }

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    setMasterKeysForTests(TEST_KEYS);
    const admin = await seedStaff(t.db, "ADMIN");
    ({ token } = await createApiToken({
      db: t.db,
      actor: { id: admin.id, label: admin.name },
      ip: "127.0.0.1",
      input: { name: "Contract", scopes: [...API_SCOPES], expiresInDays: 1 },
    }));
  });
  afterAll(async () => {
    setMasterKeysForTests(undefined);
    await t.close();
  });

  it("tickets: open (201), refuse bad input (400), list (200), send the code (201), unknown ticket (404)", async () => {
    const device = await seedDevice(t.db);
    const owner = await t.db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
    const challengeText = recorderChallenge({ serial: device.serial, reservedEmail: owner.email, time: new Date(Date.now() - 60_000) });
    const input = { customerName: "Kim Lee", customerEmail: owner.email, channel: "EMAIL", challengeText };
    const created = await callRoute("post", "/api/v1/tickets", { body: input });
    expect(created.response.status).toBe(201);
    const ticket = created.body as { id: string; status: string };
    expect(ticket.status).toBe("READY");
    const invalid = await callRoute("post", "/api/v1/tickets", { body: { ...input, customerEmail: "nope" } });
    expect(invalid.response.status).toBe(400);
    const listed = await callRoute("get", "/api/v1/tickets", { query: "?status=ALL&sort=newest" });
    expect(listed.response.status).toBe(200);
    expect((listed.body as { tickets: { id: string }[] }).tickets.map((x) => x.id)).toContain(ticket.id);
    const issued = await callRoute("post", "/api/v1/tickets/{id}/issue", { params: { id: ticket.id }, body: {} });
    expect(issued.response.status).toBe(201);
    expect(JSON.stringify(issued.body)).not.toContain(owner.email);
    const missing = await callRoute("post", "/api/v1/tickets/{id}/issue", { params: { id: "00000000-0000-4000-8000-000000000000" }, body: {} });
    expect(missing.response.status).toBe(404);
  });

  it("audit: verify (200), anchor (200), both CSV exports (200)", async () => {
    expect((await callRoute("get", "/api/v1/audit/verify")).response.status).toBe(200);
    expect((await callRoute("get", "/api/v1/audit/anchor")).response.status).toBe(200);
    const audit = await callRoute("get", "/api/v1/export/audit");
    expect(audit.response.status).toBe(200);
    expect(String(audit.body).split("\n")[0]).toContain(",");
    expect((await callRoute("get", "/api/v1/export/tickets")).response.status).toBe(200);
  });

  it("webhooks: register (201, secret once), list (200, no secret), delivery log (200), remove (204, then 409), unknown (404)", async () => {
    const created = await callRoute("post", "/api/v1/webhooks", { body: { url: "https://helpdesk.example/hooks", events: ["ticket.created", "ticket.sent"] } });
    expect(created.response.status).toBe(201);
    const hook = created.body as { id: string; secret: string };
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = await callRoute("get", "/api/v1/webhooks");
    expect(JSON.stringify(listed.body)).not.toContain(hook.secret);
    expect((await callRoute("get", "/api/v1/webhooks/{id}/deliveries", { params: { id: hook.id } })).response.status).toBe(200);
    expect((await callRoute("delete", "/api/v1/webhooks/{id}", { params: { id: hook.id } })).response.status).toBe(204);
    expect((await callRoute("delete", "/api/v1/webhooks/{id}", { params: { id: hook.id } })).response.status).toBe(409);
    const unknown = await callRoute("get", "/api/v1/webhooks/{id}/deliveries", { params: { id: "00000000-0000-4000-8000-000000000000" } });
    expect(unknown.response.status).toBe(404);
  });

  it("the document itself (200)", async () => {
    const { response, body } = await callRoute("get", "/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect((body as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("every console-only route refuses the token with the documented 401, before its handler runs", async () => {
    const consoleOnly = API_OPERATIONS.filter((op) => op.role && !op.scope);
    expect(consoleOnly.length).toBeGreaterThanOrEqual(9);
    for (const op of consoleOnly) {
      const params = Object.fromEntries(Object.keys(op.pathParams ?? {}).map((k) => [k, "00000000-0000-4000-8000-000000000000"]));
      const { response, body } = await callRoute(op.method, op.path, { params });
      expect(response.status, `${op.method} ${op.path}`).toBe(401);
      expect((body as { message: string }).message).toMatch(/does not accept API tokens/);
    }
  });
});
