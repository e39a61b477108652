import type { Settings } from "@/lib/settings/defaults";

/** What the renderers need from the console settings to brand a message. */
export type EmailBranding = Pick<Settings, "brandName" | "senderName" | "senderEmail" | "supportUrl">;

/** A rendered message: both parts always carry the same content. */
export type RenderedEmail = { subject: string; html: string; text: string };
