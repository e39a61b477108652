import { describe, expect, it } from "vitest";
import { smtpTransportOptions } from "./smtp-transport";

describe("smtpTransportOptions", () => {
  it("requires STARTTLS by default, so a downgrade cannot expose a reset code", () => {
    expect(smtpTransportOptions("smtp://user:p%40ss@mail.example.com:587")).toMatchObject({
      requireTLS: true,
      secure: false,
      auth: { user: "user", pass: "p@ss" },
    });
  });
  it("allows plain text only when asked, or to a relay on loopback", () => {
    expect(smtpTransportOptions("smtp://mail.example.com:587?requireTLS=false").requireTLS).toBe(false);
    expect(smtpTransportOptions("smtp://mail.example.com:25?ignoreTLS=true")).toMatchObject({ requireTLS: false, ignoreTLS: true });
    expect(smtpTransportOptions("smtp://127.0.0.1:2526").requireTLS).toBe(false);
    expect(smtpTransportOptions("smtp://localhost:2526").requireTLS).toBe(false);
  });
  it("implicit TLS (smtps) is secure from the first byte", () => {
    expect(smtpTransportOptions("smtps://mail.example.com")).toMatchObject({ secure: true, port: 465, requireTLS: false });
  });
  it("refuses other schemes", () => {
    expect(() => smtpTransportOptions("http://mail.example.com")).toThrow(/smtp:\/\//);
  });
});
