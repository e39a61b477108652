import { describe, expect, it } from "vitest";
import { databaseErrorCode, databaseUnavailable } from "./database-errors";

// The shape Prisma 7 gives a driver adapter's error (seen with @prisma/adapter-pg).
const prismaError = (code: string) =>
  Object.assign(new Error("Raw query failed."), {
    code: "P2010",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: code, kind: "postgres", code, message: "…" } } },
  });

describe("databaseUnavailable", () => {
  it("finds the SQLSTATE inside Prisma's wrapper, a pg error or a socket error", () => {
    expect(databaseErrorCode(prismaError("25006"))).toBe("25006");
    expect(databaseErrorCode(Object.assign(new Error("x"), { code: "53100" }))).toBe("53100");
    expect(databaseErrorCode(Object.assign(new Error("x"), { cause: Object.assign(new Error("y"), { code: "ECONNREFUSED" }) }))).toBe("ECONNREFUSED");
    expect(databaseErrorCode(Object.assign(new Error("x"), { code: "P2002" }))).toBeUndefined();
    // node-postgres ends a connection the server dropped with words, not a code.
    expect(databaseErrorCode(new Error("Client has encountered a connection error and is not queryable"))).toBe("08006");
    expect(databaseErrorCode(Object.assign(new Error("x"), { cause: new Error("Connection terminated unexpectedly") }))).toBe("08006");
    expect(databaseErrorCode(new Error("Connection refused by the firewall rules of the moon"))).toBeUndefined();
  });

  it("answers read-only, full and unreachable databases with a clear 503 that says nothing was saved", () => {
    expect(databaseUnavailable(prismaError("25006"))).toMatchObject({ code: "UNAVAILABLE", status: 503, message: expect.stringContaining("read-only") });
    expect(databaseUnavailable(prismaError("53100"))?.message).toContain("out of space");
    expect(databaseUnavailable(prismaError("57P01"))?.message).toContain("cannot be reached");
    for (const error of [prismaError("25006"), prismaError("53100"), prismaError("08006")])
      expect(databaseUnavailable(error)?.message).toContain("Nothing was saved");
  });

  it("leaves every other error alone", () => {
    expect(databaseUnavailable(prismaError("23505"))).toBeNull();
    expect(databaseUnavailable(new Error("boom"))).toBeNull();
    expect(databaseUnavailable("text")).toBeNull();
  });
});
