// The frame every message shares: a 600px card that becomes full width on phones, a brand bar,
// the body and a footer. `preheader` is the preview line inboxes show next to the subject; it is
// left out of the plain part.
import type { ReactNode } from "react";
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "react-email";
import type { EmailBranding } from "../email-branding";
import { safeUrl } from "../safe-url";
import { EmailLink } from "./email-blocks";
import { EMAIL_COLORS as C, EMAIL_FONT } from "./email-style";

const RESPONSIVE_CSS = `@media only screen and (max-width: 620px) {
  .container { width: 100% !important; }
  .gutter { padding-left: 20px !important; padding-right: 20px !important; }
  .code { font-size: 30px !important; letter-spacing: 2px !important; }
}`;

const FOOTER_TEXT = { margin: "0 0 8px", fontFamily: EMAIL_FONT, fontSize: "13px", lineHeight: "20px", color: C.muted } as const;

export function EmailLayout(props: { title: string; preheader: string; brandName: string; footer: ReactNode; children: ReactNode }) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
        <title>{props.title}</title>
        <style>{RESPONSIVE_CSS}</style>
      </Head>
      <Body style={{ margin: 0, padding: 0, backgroundColor: C.page }}>
        <Preview useTitleTag={false}>{props.preheader}</Preview>
        <Section style={{ padding: "24px 12px", backgroundColor: C.page }}>
          <Container
            className="container"
            width="600"
            style={{ width: "600px", maxWidth: "600px", backgroundColor: C.card, border: `1px solid ${C.border}`, borderRadius: "8px" }}
          >
            <Section tdClassName="gutter" style={{ padding: "20px 32px", backgroundColor: C.brand, borderRadius: "8px 8px 0 0" }}>
              <Text style={{ margin: 0, fontFamily: EMAIL_FONT, fontSize: "18px", lineHeight: "24px", fontWeight: 700, color: C.onBrand }}>
                {props.brandName}
              </Text>
            </Section>
            <Section tdClassName="gutter" style={{ padding: "32px 32px 16px" }}>
              {props.children}
            </Section>
            <Hr style={{ margin: 0, borderTop: `1px solid ${C.border}` }} />
            <Section tdClassName="gutter" style={{ padding: "20px 32px" }}>
              {props.footer}
            </Section>
          </Container>
        </Section>
      </Body>
    </Html>
  );
}

/** The settings' support URL when it is plain http(s), else null: an admin-edited link never runs script. */
export function supportUrlOf(settings: EmailBranding): string | null {
  return safeUrl(settings.supportUrl);
}

/** " Contact us: <support link>" after a call-out, or nothing without a usable support URL. */
export function ContactUs({ settings }: { settings: EmailBranding }) {
  const url = supportUrlOf(settings);
  if (!url) return null;
  return (
    <>
      {" "}
      Contact us: <EmailLink href={url}>{url}</EmailLink>
    </>
  );
}

/** Who sent it, why this address got it, the ticket, and where to get help. */
export function EmailFooter({ settings, ticketRef, reason }: { settings: EmailBranding; ticketRef?: string | null; reason: string }) {
  const url = supportUrlOf(settings);
  return (
    <>
      <Text style={FOOTER_TEXT}>{`Sent by ${settings.senderName}, ${settings.brandName}, because ${reason}.`}</Text>
      {ticketRef ? <Text style={FOOTER_TEXT}>{`Reference: ${ticketRef}. Quote it when you reply or contact us.`}</Text> : null}
      {url ? (
        <Text style={{ ...FOOTER_TEXT, margin: 0 }}>
          Help: <EmailLink href={url}>{url}</EmailLink>
        </Text>
      ) : null}
    </>
  );
}
