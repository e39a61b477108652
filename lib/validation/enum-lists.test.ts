import { describe, expect, it } from "vitest";
import { ApprovalDecision, Channel, Decision, DeviceStatus, Role, TicketStatus } from "@/lib/generated/prisma/enums";
import { decideReviewSchema } from "@/lib/review/review-rules";
import { deviceCsvRowSchema, setDeviceStatusSchema } from "./devices";
import { queueFilterSchema, newTicketSchema } from "./tickets";
import { setUserRoleSchema } from "./users";

// The enum lists the forms accept come from the Prisma schema: every database value is accepted,
// anything else refused. [what, the database's values, does the form accept this value?]
const UUID = "00000000-0000-4000-8000-000000000000";
const ROWS: [string, readonly string[], (value: string) => boolean, { anyCase?: boolean }?][] = [
  ["device status (status form)", Object.values(DeviceStatus), (status) => setDeviceStatusSchema.shape.status.safeParse(status).success],
  // Spreadsheets write "active": the import accepts a status in any case.
  ["device status (CSV import)", Object.values(DeviceStatus), (status) => deviceCsvRowSchema.shape.status.safeParse(status).success, { anyCase: true }],
  ["role", Object.values(Role), (role) => setUserRoleSchema.safeParse({ userId: UUID, role }).success],
  ["channel", Object.values(Channel), (channel) => newTicketSchema.shape.channel.safeParse(channel).success],
  [
    "review decision",
    Object.values(ApprovalDecision),
    (decision) => decideReviewSchema.safeParse({ ticketId: UUID, decision, reason: "Checked on the phone." }).success,
  ],
  ["queue status", Object.values(TicketStatus), (status) => queueFilterSchema.parse({ status }).status === status],
  ["queue decision", Object.values(Decision), (decision) => queueFilterSchema.parse({ decision }).decision === decision],
];

describe("enum lists taken from Prisma", () => {
  it.each(ROWS)("%s: every database value is accepted, nothing else", (_what, values, accepts, options) => {
    expect(values.length).toBeGreaterThan(1);
    for (const value of values) expect(accepts(value)).toBe(true);
    expect(accepts(values[0]!.toLowerCase())).toBe(!!options?.anyCase);
    // A spreadsheet cell is trimmed; a form value is taken as it is.
    for (const value of ["", "UNKNOWN", `${values[0]}x`, ...(options?.anyCase ? [] : [`${values[0]} `])]) expect(accepts(value)).toBe(false);
  });

  it("the queue filter keeps its own words and falls back on anything else", () => {
    expect(queueFilterSchema.parse({ status: "OPEN", decision: "ALL" })).toMatchObject({ status: "OPEN", decision: "ALL" });
    expect(queueFilterSchema.parse({ status: "ALL" }).status).toBe("ALL");
    expect(queueFilterSchema.parse({ status: "nope", decision: "nope" })).toMatchObject({ status: "OPEN", decision: "ALL" });
    expect(queueFilterSchema.parse({})).toMatchObject({ status: "OPEN", decision: "ALL", assignee: "all" });
  });

  it("the CSV import names the allowed statuses in its message", () => {
    const result = deviceCsvRowSchema.shape.status.safeParse("LOST");
    expect(result.success ? null : result.error.issues[0]?.message).toBe("Must be ACTIVE, BLOCKED or STOLEN (any case).");
  });
});
