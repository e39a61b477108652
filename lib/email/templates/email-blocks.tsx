// The building blocks every message is made of. They are React Email components, so every value
// is escaped by React, in text and in attributes alike: no block takes HTML.
import type { ReactNode } from "react";
import { Button, Heading, Link, Section, Text } from "react-email";
import { EMAIL_COLORS as C, EMAIL_FONT, EMAIL_MONO_FONT } from "./email-style";

const BODY_TEXT = { fontFamily: EMAIL_FONT, fontSize: "16px", lineHeight: "24px" } as const;

export function Title({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={{ margin: "0 0 16px", fontFamily: EMAIL_FONT, fontSize: "22px", lineHeight: "30px", fontWeight: 700, color: C.text }}>
      {children}
    </Heading>
  );
}

export function Subtitle({ children }: { children: ReactNode }) {
  return (
    <Heading as="h2" style={{ margin: "24px 0 8px", fontFamily: EMAIL_FONT, fontSize: "17px", lineHeight: "24px", fontWeight: 700, color: C.text }}>
      {children}
    </Heading>
  );
}

/** `skipInText`: shown in the HTML part only (the plain part says the same thing elsewhere). */
export function Paragraph({ children, muted = false, skipInText = false }: { children: ReactNode; muted?: boolean; skipInText?: boolean }) {
  return (
    <Text style={{ ...BODY_TEXT, margin: "0 0 16px", color: muted ? C.muted : C.text }} data-skip-in-text={skipInText ? "true" : undefined}>
      {children}
    </Text>
  );
}

export function Strong({ children }: { children: ReactNode }) {
  return <strong style={{ fontWeight: 700 }}>{children}</strong>;
}

/** A link; `href` must already be a safe http(s) URL (safeUrl, or built by the console itself). */
export function EmailLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} style={{ color: C.link, textDecorationLine: "underline" }}>
      {children}
    </Link>
  );
}

export function Steps({ items }: { items: readonly string[] }) {
  return (
    <ol style={{ ...BODY_TEXT, margin: "0 0 16px", paddingLeft: "24px", color: C.text }}>
      {items.map((item) => (
        <li key={item} style={{ margin: "0 0 10px", paddingLeft: "4px" }}>
          {item}
        </li>
      ))}
    </ol>
  );
}

/** The code, large and monospaced, in a framed box under its label. */
export function CodeBlock({ code, label, note }: { code: string; label: string; note: string }) {
  return (
    <Section
      style={{
        margin: "8px 0 24px",
        padding: "20px 12px",
        backgroundColor: C.codeBackground,
        border: `2px solid ${C.brand}`,
        borderRadius: "8px",
        textAlign: "center",
      }}
    >
      <Text
        style={{
          margin: "0 0 6px",
          fontFamily: EMAIL_FONT,
          fontSize: "13px",
          lineHeight: "18px",
          fontWeight: 700,
          letterSpacing: "1px",
          textTransform: "uppercase",
          color: C.muted,
          textAlign: "center",
        }}
      >
        {label}
      </Text>
      <Text
        className="code"
        style={{
          margin: 0,
          fontFamily: EMAIL_MONO_FONT,
          fontSize: "36px",
          lineHeight: "44px",
          fontWeight: 700,
          letterSpacing: "4px",
          color: C.text,
          textAlign: "center",
        }}
      >
        {code}
      </Text>
      <Text style={{ margin: "8px 0 0", fontFamily: EMAIL_FONT, fontSize: "14px", lineHeight: "20px", color: C.muted, textAlign: "center" }}>{note}</Text>
    </Section>
  );
}

/** A bordered call-out for what must not be missed (expiry, "not you?"). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <Section style={{ margin: "8px 0 16px", padding: "12px 16px", backgroundColor: C.noticeBackground, borderLeft: `4px solid ${C.noticeBorder}` }}>
      <Text style={{ margin: 0, fontFamily: EMAIL_FONT, fontSize: "15px", lineHeight: "22px", color: C.text }}>{children}</Text>
    </Section>
  );
}

/** A link styled as a button (React Email's Button keeps its padding in Outlook). */
export function ButtonLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: "8px 0 24px" }}>
      <Button
        href={href}
        style={{
          padding: "12px 24px",
          fontFamily: EMAIL_FONT,
          fontSize: "16px",
          lineHeight: "24px",
          fontWeight: 700,
          color: C.onBrand,
          backgroundColor: C.brand,
          textDecoration: "none",
          borderRadius: "6px",
        }}
      >
        {children}
      </Button>
    </Section>
  );
}
