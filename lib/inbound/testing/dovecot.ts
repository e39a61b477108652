// A throw-away Dovecot IMAP server for tests: its own config in a temp folder, listening on
// 127.0.0.1 at a free port, one user (static userdb, passwd-file passdb), Maildir storage in the
// temp folder, plaintext login without TLS. Stopped (and the folder removed) by `stop()`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

/** Runs dovecot with `args`; it daemonizes, so its output is not piped (a pipe would stay open with the daemon). */
function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${bin} ${args.join(" ")} exited with ${code}`))));
  });
}
export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? "/usr/sbin/dovecot";

export type TestDovecot = { host: string; port: number; user: string; pass: string; url: string; dir: string; stop(): Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function answers(port: number): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("* OK"));
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startDovecot(): Promise<TestDovecot> {
  if (!existsSync(DOVECOT_BIN)) throw new Error(`Dovecot is not installed at ${DOVECOT_BIN}: apt-get install dovecot-imapd (or set DOVECOT_BIN)`);
  const dir = await mkdtemp(path.join(tmpdir(), "reset-dovecot-"));
  // The login and internal processes run as other users: they must reach the sockets in here.
  await chmod(dir, 0o755);
  const port = await freePort();
  const user = "inbound";
  const pass = `pw-${process.pid}-${port}`;
  const me = userInfo();
  // As root the packaged unprivileged users run the login and internal processes; otherwise the current user does.
  const loginUser = me.uid === 0 ? "dovenull" : me.username;
  const internalUser = me.uid === 0 ? "dovecot" : me.username;
  await mkdir(path.join(dir, "run"), { recursive: true });
  await mkdir(path.join(dir, "mail"), { recursive: true });
  await mkdir(path.join(dir, "home"), { recursive: true });
  // Dovecot refuses to store mail as root: as root the mail belongs to the packaged dovecot user.
  let mailUid = me.uid;
  let mailGid = me.gid;
  if (me.uid === 0) {
    const entry = (await readFile("/etc/passwd", "utf8")).split("\n").find((line) => line.startsWith(`${internalUser}:`));
    const [, , uid, gid] = entry?.split(":") ?? [];
    if (!uid || !gid) throw new Error(`no ${internalUser} user to store the test mail as`);
    mailUid = Number(uid);
    mailGid = Number(gid);
    await chown(path.join(dir, "mail"), mailUid, mailGid);
    await chown(path.join(dir, "home"), mailUid, mailGid);
  }
  await writeFile(path.join(dir, "users"), `${user}:{PLAIN}${pass}::::::\n`);
  const config = `base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = reset-test-${port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/dovecot.log
default_login_user = ${loginUser}
default_internal_user = ${internalUser}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
  const conf = path.join(dir, "dovecot.conf");
  await writeFile(conf, config);
  await run(DOVECOT_BIN, ["-c", conf]);
  const stop = async () => {
    await run(DOVECOT_BIN, ["-c", conf, "stop"]).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    await rm(dir, { recursive: true, force: true });
  };
  let up = false;
  for (let i = 0; i < 30 && !(up = await answers(port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!up) {
    const log = await readFile(path.join(dir, "dovecot.log"), "utf8").catch(() => "");
    await stop();
    throw new Error(`Dovecot did not answer on 127.0.0.1:${port}:\n${log.slice(-2000)}`);
  }
  return {
    host: "127.0.0.1",
    port,
    user,
    pass,
    dir,
    url: `imap://${user}:${encodeURIComponent(pass)}@127.0.0.1:${port}/INBOX`,
    stop,
  };
}
