import "server-only";
import { sameEmailAddress } from "@/lib/email-address";
import type { Prisma } from "@/lib/generated/prisma/client";
import { rp1Scheme, type MasterKeys, type Rp1Challenge } from "@/lib/reset-protocol";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import type { TicketFacts } from "./checks/types";

/**
 * Looks up everything the rules need about a challenge, inside the ticket's transaction. The
 * owner's email is checked against the challenge's keyed hash, so the code can only go to the
 * address the recorder itself was set up with.
 */
export async function gatherFacts(options: {
  tx: Prisma.TransactionClient;
  challenge: Rp1Challenge;
  keys: MasterKeys;
  challengeId: string | null;
  challengeFirstSeenAt: Date;
  customerEmail: string;
  actorId: string;
  now: Date;
}): Promise<{ facts: TicketFacts; deviceId: string | null; ownerEmail: string | null }> {
  const { tx, challenge, keys, now } = options;
  const verified = rp1Scheme.verify({ challenge, keys });
  const { serial, recorderTime } = rp1Scheme.summarize(challenge);
  const device = await tx.device.findUnique({ where: { serial }, include: { owner: true } });
  const ownerEmail = device?.owner?.email ?? null;
  const emailMatches =
    ownerEmail != null && verified.ok
      ? (() => {
          const check = rp1Scheme.verifyEmail({ challenge, keys, email: ownerEmail });
          return check.ok && check.matches;
        })()
      : false;

  const since = (ms: number) => new Date(now.getTime() - ms);
  const [ticketsWithSameChallenge, deviceIssues30d, requesterIssues24h, agentIssues1h] = await Promise.all([
    options.challengeId ? tx.ticket.count({ where: { challengeId: options.challengeId } }) : Promise.resolve(0),
    tx.codeIssue.count({ where: { kind: "FIRST", issuedAt: { gte: since(30 * DAY_MS) }, ticket: { serial } } }),
    tx.codeIssue.count({ where: { kind: "FIRST", issuedAt: { gte: since(DAY_MS) }, ticket: { customerEmail: options.customerEmail } } }),
    tx.codeIssue.count({ where: { kind: "FIRST", issuedAt: { gte: since(HOUR_MS) }, actorId: options.actorId } }),
  ]);

  return {
    facts: {
      verification: verified.ok ? "ok" : verified.reason,
      device: device ? { status: device.status, owner: device.owner ? { emailMatchesChallenge: emailMatches } : null } : null,
      requesterIsOwner: ownerEmail == null ? null : sameEmailAddress(options.customerEmail, ownerEmail),
      challengeFirstSeenAt: options.challengeFirstSeenAt,
      recorderTime,
      ticketsWithSameChallenge,
      velocity: { deviceIssues30d, requesterIssues24h, agentIssues1h },
    },
    deviceId: device?.id ?? null,
    ownerEmail,
  };
}
