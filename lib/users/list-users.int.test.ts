import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { ACCOUNT_FAILURE_CAP, throttleKeys } from "@/lib/auth/throttle";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { clearUserThrottle } from "./clear-user-throttle";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";

const PASSWORD = "a long enough password";

describe.each(ENGINES)("the users list on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  it("shows last sign-in and a sign-in lock only while the account is locked", async () => {
    const admin = await createUser({ db: t.db, email: "list-admin@example.test", name: "List Admin", role: "ADMIN", password: PASSWORD });
    const u = await createUser({ db: t.db, email: "list-agent@example.test", name: "List Agent", role: "AGENT", password: PASSWORD });
    const row = async (id: string) => (await listUsers({ db: t.db })).find((x) => x.id === id)!;
    expect(await row(u.id)).toMatchObject({ lastSignInAt: null, signInLocked: false });

    expect((await authenticate({ db: t.db, email: u.email, password: PASSWORD, ip: "10.9.0.1" })).ok).toBe(true);
    const signedIn = (await row(u.id)).lastSignInAt;
    expect(signedIn).toBeInstanceOf(Date);

    // A few wrong passwords only slow sign-in down: no block for the admin to clear.
    for (let i = 0; i < 3; i++) await authenticate({ db: t.db, email: u.email, password: `wrong ${i}`, ip: `10.9.1.${i}` });
    expect((await row(u.id)).signInLocked).toBe(false);

    // The 30-day cap reached (as a hundred guesses would leave it): blocked until an admin clears it.
    await t.db.signInThrottle.upsert({
      where: { key: throttleKeys(u.email, "").account },
      create: { key: throttleKeys(u.email, "").account, failures: ACCOUNT_FAILURE_CAP, windowStart: new Date() },
      update: { failures: ACCOUNT_FAILURE_CAP },
    });
    const locked = await row(u.id);
    expect(locked.signInLocked).toBe(true);
    expect(locked.lastSignInAt).toEqual(signedIn);
    expect((await row(admin.id)).signInLocked).toBe(false);

    await clearUserThrottle({ db: t.db, actor: { id: admin.id, label: admin.name }, ip: "127.0.0.1", userId: u.id });
    expect((await row(u.id)).signInLocked).toBe(false);
  });
});
