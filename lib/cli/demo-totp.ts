// npm run demo:totp : the current authenticator codes of the demo accounts (demo mode's known seeds; nothing secret).
import { DEMO_USERS } from "@/lib/demo/demo-data";
import { totpCode } from "@/lib/auth/mfa/totp";

const now = new Date();
const left = 30 - (Math.floor(now.getTime() / 1000) % 30);
for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(22)} ${await totpCode(user.totpSecret, now)}`);
console.log(`(valid for ${left} s more, and 30 s either side)`);
