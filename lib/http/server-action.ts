import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/guard";
import { getDb, type Db } from "@/lib/db/client";
import { isAppError, parseInput, type FieldLabels } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { logger, withLogContext, type LogContext } from "@/lib/log";
import { metrics, secondsSince } from "@/lib/metrics/metrics";
import { actionError, type ActionState } from "./action-state";
import { clientIp } from "./client-ip";

/** Who calls, as every domain function takes it: the session user plus an audit label. */
export type ActionActor = { id: string; label: string; role: Role; ip: string };

export type ActionContext = { db: Db; user: SessionUser; actor: ActionActor };
export type PublicActionContext = { db: Db; ip: string };

/** What an action body answers: a message for the user, the paths whose data changed, or where to go next. */
export type ActionOutcome =
  | { message: string; revalidate?: string[]; /** Shown once and never again (recovery codes, an API token, a signing secret). */ reveal?: string[] }
  | { redirectTo: string; revalidate?: string[] };

type Body<S extends z.ZodType, C> = (input: z.output<S>, context: C) => Promise<ActionOutcome>;

/** The form's text fields (files are never read here: no action takes one). */
function formFields(form: FormData | undefined): Record<string, string> {
  if (!form) return {};
  return Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/**
 * Runs an action body with its log context (the action's name, a request id, and the user once
 * the gate has named them, so an unexpected error is logged with who hit it), and turns what it
 * answers or throws into the state the form shows.
 */
async function finish(name: string, run: (identify: (userId: string) => void) => Promise<ActionOutcome>): Promise<ActionState> {
  const context: LogContext = { action: name, requestId: randomUUID() };
  const started = performance.now();
  const done = (outcome: string) =>
    withLogContext(context, () => {
      const seconds = secondsSince(started);
      metrics().httpDuration.observe({ route: name, outcome }, seconds);
      logger({ component: "http" }).info({ outcome, durationMs: Math.round(seconds * 1000) }, "action answered");
    });
  let outcome: ActionOutcome;
  try {
    outcome = await withLogContext(context, () => run((userId) => (context.userId = userId)));
  } catch (e) {
    // Next's own control flow (notFound(), forbidden() from a gate) is thrown on by actionError.
    const state = await withLogContext(context, () => actionError(e));
    done(isAppError(e) ? "refused" : "error");
    return state;
  }
  done("ok");
  for (const path of outcome.revalidate ?? []) revalidatePath(path);
  // redirect() throws Next's own control-flow error: outside the try, so it is never mapped to a message.
  if ("redirectTo" in outcome) redirect(outcome.redirectTo);
  return { ok: true, message: outcome.message, ...(outcome.reveal ? { reveal: outcome.reveal } : {}) };
}

/**
 * The one boundary for server actions (as `guardedRoute` is for route handlers): the caller's
 * session and role are checked first (a refusal is audited under `name`), then the form is
 * validated once with `schema`, then `run` calls into lib/. Errors become a safe ActionState;
 * nothing unexpected reaches the browser. Every export of app/actions/*.ts is one of these.
 */
export function serverAction<S extends z.ZodType>(spec: {
  /** The audit name of a refusal, e.g. "action:issueCode". */
  name: string;
  role: Role;
  schema: S;
  /** A gate of its own instead of the role check (the simulator's); it must throw or return the user. */
  authorize?: (name: string) => Promise<SessionUser>;
  /** The form's labels by field name: a refusal's message names the fields by them. */
  labels?: FieldLabels;
  /** Only the second-factor pages' own actions: callable while the session's factor is pending. */
  allowPendingFactor?: boolean;
  run: Body<S, ActionContext>;
}): (previous: ActionState, form: FormData) => Promise<ActionState> {
  return async (_previous, form) =>
    finish(spec.name, async (identify) => {
      const user = await (spec.authorize ? spec.authorize(spec.name) : requireUser(spec.role, spec.name, { allowPendingFactor: spec.allowPendingFactor }));
      identify(user.id);
      const input = parseInput(spec.schema, formFields(form), spec.labels);
      return withLogContext({ userId: user.id }, () =>
        spec.run(input, { db: getDb(), user, actor: { id: user.id, label: user.name, role: user.role, ip: user.ip } }),
      );
    });
}

/** An action anyone may call, because its input carries its own credential (an invitation token). */
export function publicServerAction<S extends z.ZodType>(spec: {
  name: string;
  schema: S;
  run: Body<S, PublicActionContext>;
}): (previous: ActionState, form: FormData) => Promise<ActionState> {
  return async (_previous, form) =>
    finish(spec.name, async () => {
      const input = parseInput(spec.schema, formFields(form));
      return spec.run(input, { db: getDb(), ip: clientIp(await headers()) });
    });
}
