// The notice sent when a recorder's owner of record changes: the previous owner learns that reset
// codes now go elsewhere (the takeover alarm), the new owner that they come here. Pure.
import type { EmailBranding } from "../email-branding";
import { formatUtcLong } from "@/lib/time";
import type { EmailTemplate } from "../render";
import { Notice, Paragraph, Strong, Title } from "./email-blocks";
import { ContactUs, EmailFooter, EmailLayout } from "./email-layout";

export type OwnerChangeEmailInput = {
  audience: "PREVIOUS_OWNER" | "NEW_OWNER";
  serial: string;
  model: string | null;
  changedAt: Date;
  /** The other side's address, already masked (maskEmail). */
  otherOwnerEmailMasked: string | null;
  ticketRef: string | null;
  settings: EmailBranding;
};

function OwnerChangeEmail(input: OwnerChangeEmailInput) {
  const { settings, serial, ticketRef } = input;
  const recorder = input.model ? `${input.model} (serial number ${serial})` : `with serial number ${serial}`;
  const when = formatUtcLong(input.changedAt);
  const previous = input.audience === "PREVIOUS_OWNER";
  const other = input.otherOwnerEmailMasked ? ` (${input.otherOwnerEmailMasked})` : "";
  const title = previous ? "Your recorder has a new owner of record" : "You are now the owner of record";
  const what = previous
    ? `On ${when}, the owner of record of your recorder ${recorder} was changed to another address${other}. From now on, password reset codes for this recorder go to that address, not to you.`
    : `On ${when}, this address became the owner of record of the recorder ${recorder}${other ? `, replacing the previous address${other}` : ""}. From now on, password reset codes for this recorder come to this address.`;
  const alarm = previous
    ? "If you did not sell or give away this recorder, or did not expect this change, tell us at once"
    : "If you did not expect this, tell us";
  const reason = previous ? `this address was the owner of record of recorder ${serial}` : `this address is now the owner of record of recorder ${serial}`;
  return (
    <EmailLayout
      title={title}
      preheader={`The owner of record of recorder ${serial} changed on ${when}.`}
      brandName={settings.brandName}
      footer={<EmailFooter settings={settings} ticketRef={ticketRef} reason={reason} />}
    >
      <Title>{title}</Title>
      <Paragraph>{what}</Paragraph>
      <Notice>
        <Strong>{previous ? "Not you?" : "Not expected?"}</Strong>
        {` ${alarm}${ticketRef ? `, quoting ${ticketRef}` : ""}.`}
        <ContactUs settings={settings} />
      </Notice>
    </EmailLayout>
  );
}

export const ownerChangeEmail: EmailTemplate<OwnerChangeEmailInput> = {
  subject: ({ audience, serial }) =>
    audience === "PREVIOUS_OWNER" ? `Recorder ${serial} is no longer registered to you` : `Recorder ${serial} is now registered to you`,
  Email: OwnerChangeEmail,
};
