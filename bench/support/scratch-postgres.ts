// A throwaway PostgreSQL cluster of our own (initdb + pg_ctl from the machine's PostgreSQL), on
// its own port, so fault scenarios can restart it or make it read-only without touching the
// shared server. As root, the cluster runs as the `postgres` system user.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statfsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!version) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (Debian: apt-get install postgresql)");
  return path.join(root, version, "bin");
}

function asOwner(command: string, args: string[]) {
  const bin = path.join(binDir(), command);
  if (process.getuid?.() === 0) execFileSync("runuser", ["-u", "postgres", "--", bin, ...args], { stdio: "pipe" });
  else execFileSync(bin, args, { stdio: "pipe" });
}

export type ScratchPostgres = { url: string; port: number; restart(): void; stop(): void };

export function startScratchPostgres(port: number): ScratchPostgres {
  const dir = mkdtempSync(path.join(os.tmpdir(), "scratch-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  asOwner("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const ctl = (action: string, extra: string[] = []) =>
    asOwner("pg_ctl", [action, "-D", data, "-w", "-t", "60", "-o", options, "-l", path.join(dir, "log"), ...extra]);
  ctl("start");
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: () => ctl("restart", ["-m", "fast"]),
    stop: () => {
      try {
        ctl("stop", ["-m", "immediate"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export type SmallVolume = { dir: string; fill(leaveBytes: number): void; free(): void; close(): void };

/**
 * A tiny tmpfs of `sizeMb` owned by the `postgres` system user, for a tablespace that can be
 * filled on purpose: PostgreSQL then refuses to extend its tables there (SQLSTATE 53100) as on a
 * full data volume. Needs root (mount); null otherwise.
 */
export function smallVolume(sizeMb: number): SmallVolume | null {
  if (process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), "scratch-volume-"));
  const uid = execFileSync("id", ["-u", "postgres"]).toString().trim();
  const gid = execFileSync("id", ["-g", "postgres"]).toString().trim();
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,uid=${uid},gid=${gid},mode=0700`, "tmpfs", dir]);
  const filler = path.join(dir, "filler");
  return {
    dir,
    fill(leaveBytes) {
      const { bavail, bsize } = statfsSync(dir);
      const bytes = Math.max(0, bavail * bsize - leaveBytes);
      execFileSync("fallocate", ["-l", String(bytes), filler]);
    },
    free: () => rmSync(filler, { force: true }),
    close() {
      execFileSync("umount", ["-l", dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
