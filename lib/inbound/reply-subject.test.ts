import { describe, expect, it } from "vitest";
import { findChallengeLink } from "./decode-images";
import { replySubject } from "./reply-to-requester";

describe("replySubject", () => {
  it("keeps one Re: and adds the ticket tag once", () => {
    expect(replySubject("Forgot password", 42)).toBe("Re: Forgot password [RT-000042]");
    expect(replySubject("RE: Re: Forgot password", 42)).toBe("Re: Forgot password [RT-000042]");
    expect(replySubject("Re: Forgot password [RT-000042]", 42)).toBe("Re: Forgot password [RT-000042]");
    expect(replySubject("", 7)).toBe("Re: Your password reset request [RT-000007]");
  });
});

describe("findChallengeLink", () => {
  it("finds nothing in text without a reset link", () => {
    expect(findChallengeLink("see https://example.com/help?s=ABC and https://x.example/rp1?nothing")).toBeNull();
  });
});
