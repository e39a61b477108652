import { describe, expect, it } from "vitest";
import { classifySendError, MAX_ERROR_LENGTH, redactSecrets } from "./classify-send-error";

describe("classifySendError", () => {
  it("treats SMTP 5xx as permanent and 4xx or network errors as transient", () => {
    expect(classifySendError(Object.assign(new Error("x"), { responseCode: 550, response: "550 5.1.1 No such user", code: "EENVELOPE" }))).toEqual({
      permanent: true,
      summary: "SMTP 550: EENVELOPE: 550 5.1.1 No such user",
    });
    expect(classifySendError(Object.assign(new Error("x"), { responseCode: 451, response: "451 try later" })).permanent).toBe(false);
    const refused = classifySendError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ESOCKET" }));
    expect(refused).toEqual({ permanent: false, summary: "ESOCKET: connect ECONNREFUSED 127.0.0.1:1" });
    expect(classifySendError("weird").permanent).toBe(false);
  });

  it("keeps the summary short", () => {
    expect(classifySendError(new Error("y".repeat(5000))).summary.length).toBe(MAX_ERROR_LENGTH);
  });
});

describe("redactSecrets", () => {
  it("removes every occurrence of every secret", () => {
    expect(redactSecrets("451 jAb6LFtn / jAb6-LFtn / jAb6LFtn", ["jAb6LFtn", "jAb6-LFtn"])).toBe("451 [redacted] / [redacted] / [redacted]");
    expect(redactSecrets("nothing", [""])).toBe("nothing");
  });
});
