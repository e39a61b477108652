// The invitation to the console: a set-password link for a new staff account. Pure; the link
// (which carries a token) is derived by the caller at send time and never stored.
import type { EmailBranding } from "../email-branding";
import { describeTimeLeft, formatUtcLong } from "@/lib/time";
import type { EmailTemplate } from "../render";
import { ButtonLink, Paragraph, Strong, Title } from "./email-blocks";
import { EmailFooter, EmailLayout } from "./email-layout";

export type InvitationEmailInput = {
  name: string;
  role: string;
  /** The console's own set-password link (invitationLink()). */
  link: string;
  expiresAt: Date;
  now: Date;
  settings: EmailBranding;
};

const invitationTitle = (settings: EmailBranding) => `Set your password for the ${settings.brandName} reset console`;

function InvitationEmail(input: InvitationEmailInput) {
  const { settings } = input;
  const role = input.role.toLowerCase();
  const left = describeTimeLeft(input.expiresAt, input.now);
  const expiry = `The link works once, until ${formatUtcLong(input.expiresAt)}${left ? ` (${left})` : ""}.`;
  const title = invitationTitle(settings);
  return (
    <EmailLayout
      title={title}
      preheader={expiry}
      brandName={settings.brandName}
      footer={<EmailFooter settings={settings} reason="an administrator invited this address" />}
    >
      <Title>{title}</Title>
      <Paragraph>
        {`Hello ${input.name}, you have been invited to the ${settings.brandName} password reset console as ${role === "admin" || role === "agent" ? "an" : "a"} ${role}.`}
      </Paragraph>
      <Paragraph>
        {"Choose your password to finish setting up the account. "}
        <Strong>{expiry}</Strong>
      </Paragraph>
      <ButtonLink href={input.link}>Set your password</ButtonLink>
      {/* The plain part already shows the address next to "Set your password". */}
      <Paragraph muted skipInText>
        If the button does not work, copy this address into your browser:
        <br />
        <span style={{ wordBreak: "break-all" }}>{input.link}</span>
      </Paragraph>
      <Paragraph muted>If you did not expect this invitation, ignore this message: no account is usable until a password is set.</Paragraph>
    </EmailLayout>
  );
}

export const invitationEmail: EmailTemplate<InvitationEmailInput> = {
  subject: ({ settings }) => invitationTitle(settings),
  Email: InvitationEmail,
};
