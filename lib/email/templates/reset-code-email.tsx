// The email that carries a security code to the owner of record. Pure: no I/O, no clock of its
// own. The code is the only secret it is given; it appears once, formatted, in the body only.
import { formatCode, PASSWORD_FORBIDDEN_CHARACTERS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/reset-protocol";
import type { EmailBranding } from "../email-branding";
import { describeTimeLeft, formatUtcLong } from "@/lib/time";
import type { EmailTemplate } from "../render";
import { CodeBlock, Notice, Paragraph, Steps, Strong, Subtitle, Title } from "./email-blocks";
import { ContactUs, EmailFooter, EmailLayout } from "./email-layout";

export type ResetEmailInput = {
  /** The 8-character code, without the display hyphen. */
  code: string;
  /** When the recorder stops accepting it: the challenge's recorder time `t` + 24 h. */
  validUntil: Date;
  now: Date;
  /** "RT-000123". */
  ticketRef: string;
  serial: string;
  model: string;
  settings: EmailBranding;
};

const CASE_NOTE = "Letters are case-sensitive: type them exactly as shown.";

function ResetCodeEmail(input: ResetEmailInput) {
  const { settings, serial, model, ticketRef } = input;
  // Throws RangeError (without the value) for anything but a code, so nothing else is mailed.
  const code = formatCode(input.code);
  const until = formatUtcLong(input.validUntil);
  const left = describeTimeLeft(input.validUntil, input.now);
  const forbidden = PASSWORD_FORBIDDEN_CHARACTERS.join(" ");
  const validity = left
    ? `Valid until ${until} (${left}), by the recorder's own clock.`
    : `Valid until ${until}, by the recorder's own clock. If the recorder's clock is right, that time has passed: ask us for a new code, quoting ${ticketRef}.`;
  const steps = [
    "Stay on the Retrieve Password screen that shows the QR code. If you leave it or the recorder restarts, this code stops working and you will need a new one.",
    "Type the code into the Security Code field.",
    `Choose a new password of ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters with both letters and digits, and none of these characters: ${forbidden}`,
    "When the recorder offers to sync the new password to its cameras, accept, so the cameras stay connected.",
    "The recorder restarts to apply the new password. If it does not restart by itself, restart it.",
    "In the phone app, remove the recorder and add it again with the new password.",
  ];
  const title = resetTitle(model);
  return (
    <EmailLayout
      title={title}
      preheader={`Type it on the recorder's Retrieve Password screen. Valid until ${until}.`}
      brandName={settings.brandName}
      footer={<EmailFooter settings={settings} ticketRef={ticketRef} reason={`you are the owner of record of recorder ${serial}`} />}
    >
      <Title>{title}</Title>
      <Paragraph>
        {`You asked ${settings.brandName} support to reset the admin password of your recorder `}
        <Strong>{model}</Strong>
        {", serial number "}
        <Strong>{serial}</Strong>
        {". Type this code on the recorder to choose a new password."}
      </Paragraph>
      <CodeBlock code={code} label="Security code" note={CASE_NOTE} />
      <Notice>{validity}</Notice>
      <Subtitle>What to do</Subtitle>
      <Steps items={steps} />
      <Paragraph muted>
        {`If a message from us ever seems not to arrive, check your spam or junk folder, and add ${settings.senderEmail} to your contacts.`}
      </Paragraph>
      <Notice>
        <Strong>Did not ask for this?</Strong>
        {` If you did not ask for this, tell us at once, quoting ${ticketRef}: someone may be trying to take over your recorder. Never share this code: our staff will never ask you for it.`}
        <ContactUs settings={settings} />
      </Notice>
    </EmailLayout>
  );
}

function resetTitle(model: string): string {
  return `Security code for recorder ${model}`;
}

export const resetCodeEmail: EmailTemplate<ResetEmailInput> = {
  subject: ({ serial, ticketRef }) => `Your security code for recorder ${serial} (${ticketRef})`,
  Email: ResetCodeEmail,
};
