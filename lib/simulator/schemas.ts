// zod schemas for the simulator's server actions (what a form may send; the recorder rules decide the rest).
import { z } from "zod";
import { MAX_CLOCK_OFFSET_HOURS } from "./constants";

/** Empty form fields mean "not given". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : undefined));

const HOURS_MESSAGE = "Enter a whole number of hours.";

const serial = z
  .string()
  .trim()
  .min(1, "Enter a serial number.")
  .max(64)
  .transform((value) => value.toUpperCase());
const firmware = optionalText(32);

export const powerOnSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("registered"), serial, firmware }),
  z.object({
    mode: z.literal("bench"),
    serial,
    model: optionalText(32),
    mac: optionalText(32),
    reservedEmail: optionalText(320),
    firmware,
    keyVersion: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(255).optional()),
  }),
]);
export type PowerOnRequest = z.infer<typeof powerOnSchema>;

// Free text is capped generously: the recorder itself answers anything too long or malformed.
export const simulatorStepSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("log-in"), password: z.string().max(128) }),
  z.object({ op: z.literal("forgot-password") }),
  z.object({ op: z.literal("submit-email"), email: z.string().max(320) }),
  z.object({ op: z.literal("enter-code"), code: z.string().max(64) }),
  z.object({ op: z.literal("leave-retrieve"), to: z.enum(["login", "forgot"]) }),
  z.object({ op: z.literal("set-password"), password: z.string().max(128), confirmation: z.string().max(128) }),
  z.object({ op: z.literal("answer-sync"), sync: z.enum(["yes", "no"]).transform((value) => value === "yes") }),
  z.object({ op: z.literal("return-to-login") }),
  z.object({ op: z.literal("reboot") }),
  z.object({
    op: z.literal("set-clock"),
    // An empty box is a mistake, not "real time" (which has its own button).
    offsetHours: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z.coerce.number(HOURS_MESSAGE).int(HOURS_MESSAGE).min(-MAX_CLOCK_OFFSET_HOURS).max(MAX_CLOCK_OFFSET_HOURS),
    ),
  }),
]);
