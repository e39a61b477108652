import { describe, expect, it } from "vitest";
import { describeAction, describeEvent, KNOWN_ACTIONS } from "@/lib/audit/describe-action";

const sentence = (action: string, actorLabel: string, details: Record<string, unknown>) => describeEvent({ action, actorLabel, details }).sentence;

describe("single sign-on in the audit log", () => {
  it("has words for every SSO event, and they are filterable", () => {
    for (const action of ["auth.sso_sign_in", "auth.sso_refused", "auth.sso_session_ended", "auth.sso_role_changed"]) {
      expect(KNOWN_ACTIONS).toContain(action);
      expect(describeAction(action)).not.toContain("_");
    }
  });

  it("reads each event as a sentence, never with an id or a full address", () => {
    expect(sentence("auth.sso_sign_in", "Sam", { role: "AGENT", via: "domain", newUser: true, sessionId: "abc" })).toBe(
      "Sam signed in with single sign-on as agent, let in by an allowed email domain (first sign-in: account created)",
    );
    expect(sentence("auth.sso_refused", "anonymous", { reason: "not_invited", email: "s***r@x.test" })).toBe(
      "Someone (s***r@x.test) was refused single sign-on: not invited, and the email domain is not allowed",
    );
    expect(sentence("auth.sso_refused", "Gone", { reason: "disabled" })).toBe("Gone was refused single sign-on: the account is disabled");
    expect(sentence("auth.sso_session_ended", "Sam", { reason: "group_removed" })).toBe(
      "Sam's single sign-on session was ended: none of the identity provider's groups maps to a console role any more",
    );
    expect(sentence("auth.sso_role_changed", "Sam", { from: "SUPERVISOR", to: "AGENT" })).toBe(
      "Sam's single sign-on role followed the identity provider's groups: supervisor → agent",
    );
  });
});
