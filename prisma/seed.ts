// npm run db:seed : demo users and registered devices. Demo mode only: it sets known passwords.
import { databaseConfig } from "@/lib/db/config";
import { createDb } from "@/lib/db/client";
import { DEMO_DEVICES, DEMO_USERS } from "@/lib/demo/demo-data";
import { demoMode } from "@/lib/demo-mode";
import { masterKeys } from "@/lib/keys/master-keys";
import { sealSecret } from "@/lib/auth/mfa/seal";
import { createUser } from "@/lib/users/create-user";

if (!demoMode()) {
  console.error("db:seed writes demo accounts with known passwords; it runs only with DEMO_MODE=1.");
  process.exit(2);
}

const db = createDb(databaseConfig());
const keyVersion = masterKeys().current;

for (const { totpSecret, ...user } of DEMO_USERS) {
  const created = await createUser({ db, ...user });
  // A known authenticator seed (demo only), confirmed, so the walk-through needs no enrolment.
  await db.user.update({
    where: { id: created.id },
    data: { totpSecret: sealSecret(totpSecret, created.id), totpConfirmedAt: new Date(), totpLastStep: null },
  });
}
for (const device of DEMO_DEVICES) {
  const owner = await db.owner.upsert({ where: { email: device.ownerEmail }, create: { email: device.ownerEmail, name: device.ownerName }, update: {} });
  const data = { model: device.model, mac: device.mac, keyVersion, status: device.status, ownerId: owner.id, ownerSource: "demo seed" };
  await db.device.upsert({
    where: { serial: device.serial },
    create: { serial: device.serial, ownerSince: new Date("2024-01-15T00:00:00Z"), ...data },
    update: data,
  });
}

console.log("Demo accounts (demo mode only), with their authenticator keys (add one to an authenticator app, or `npm run demo:totp`):");
for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(10)} ${user.email.padEnd(22)} ${user.password.padEnd(22)} ${user.totpSecret}`);
console.log(`Registered ${DEMO_DEVICES.length} demo recorders.`);
await db.$disconnect();
process.exit(0);
