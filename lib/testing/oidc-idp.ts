// A real OpenID Connect provider for tests: panva's oidc-provider, in-process on its own port,
// with one confidential test client, accounts that carry groups, amr and acr, and a tiny login
// page a browser (Playwright) can fill. Tests change accounts through PUT/DELETE /test/accounts,
// so a spec can take a group away or remove the user at the "IdP" while the console runs.
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import Provider, { type Configuration } from "oidc-provider";

export type IdpAccount = {
  email: string;
  name: string;
  groups: string[];
  amr?: string[];
  acr?: string;
  emailVerified?: boolean;
  /** The IdP password the login page wants; default IDP_PASSWORD. */
  password?: string;
};

export const IDP_PASSWORD = "idp-test-password";

export type TestIdp = {
  issuer: string;
  setAccount(account: IdpAccount): void;
  removeAccount(email: string): void;
  close(): Promise<void>;
};

/** The stable subject of a test account. */
export function idpSubject(email: string): string {
  return `idp-${createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 20)}`;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error: string | null): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test IdP sign-in</title></head><body>
<main><h1>Test IdP</h1>${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Email</label> <input id="login" name="login" type="email" autocomplete="username">
<label for="password">Password</label> <input id="password" name="password" type="password">
<button type="submit">Sign in to the Test IdP</button>
</form></main></body></html>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Starts the provider on 127.0.0.1:`port` with the client `clientId`/`clientSecret` that may
 * redirect to `redirectUris`. Refresh tokens are issued (offline_access) so the console's group
 * re-check can ask again; the groups, amr and acr are in the ID token.
 */
export async function startOidcIdp(options: { port: number; clientId: string; clientSecret: string; redirectUris: string[] }): Promise<TestIdp> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const accounts = new Map<string, IdpAccount>();
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: "test-idp", use: "sig", alg: "RS256" } as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    scopes: ["openid", "offline_access", "email", "profile", "groups"],
    // amr and acr reach the ID token only through a scope's claims (the provider filters by scope).
    claims: { openid: ["sub", "amr", "acr"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = [...accounts.values()].find((a) => idpSubject(a.email) === sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: account.email, email_verified: account.emailVerified ?? true, name: account.name, groups: account.groups }),
      };
    },
    // A first-party client: consent is implied, so the browser goes straight back to the console.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope("openid email profile groups offline_access");
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    ttl: { AccessToken: 3600, IdToken: 3600, RefreshToken: 86_400, Interaction: 600, Session: 86_400, Grant: 86_400 },
  };
  const provider = new Provider(issuer, configuration);
  const handle = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, isLogin: boolean) {
    if (!isLogin) {
      const details = await provider.interactionDetails(req, res);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(details.uid, null));
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    const account = accounts.get((form.get("login") ?? "").trim().toLowerCase());
    if (!account || form.get("password") !== (account.password ?? IDP_PASSWORD)) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(uid, "Unknown account or wrong password."));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: idpSubject(account.email), amr: account.amr ?? ["pwd"], ...(account.acr ? { acr: account.acr } : {}) } },
      { mergeWithLastSubmission: false },
    );
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const step = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    const run = async () => {
      if (step) return interaction(req, res, step[1]!, Boolean(step[2]) && req.method === "POST");
      if (url.pathname === "/test/accounts" && req.method === "PUT") {
        const account = JSON.parse(await readBody(req)) as IdpAccount;
        accounts.set(account.email.toLowerCase(), account);
        return void res.writeHead(204).end();
      }
      if (url.pathname.startsWith("/test/accounts/") && req.method === "DELETE") {
        accounts.delete(decodeURIComponent(url.pathname.slice("/test/accounts/".length)).toLowerCase());
        return void res.writeHead(204).end();
      }
      return handle(req, res);
    };
    run().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`test IdP error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    setAccount: (account) => accounts.set(account.email.toLowerCase(), account),
    removeAccount: (email) => accounts.delete(email.toLowerCase()),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** For a spec in another process than the IdP: set or remove an account over HTTP. */
export async function putIdpAccount(issuer: string, account: IdpAccount): Promise<void> {
  const response = await fetch(`${issuer}/test/accounts`, { method: "PUT", body: JSON.stringify(account) });
  if (!response.ok) throw new Error(`test IdP refused the account: ${response.status}`);
}

export async function deleteIdpAccount(issuer: string, email: string): Promise<void> {
  const response = await fetch(`${issuer}/test/accounts/${encodeURIComponent(email)}`, { method: "DELETE" });
  if (!response.ok) throw new Error(`test IdP refused the removal: ${response.status}`);
}
