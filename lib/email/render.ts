import "server-only";
import { createElement, type ReactElement } from "react";
import { render, toPlainText } from "react-email";
import type { RenderedEmail } from "./email-branding";

/**
 * One message: its subject line and the React Email component that is its body. The component is
 * the single source of both parts: the HTML is rendered from it, and the plain part is derived
 * from that HTML, so the two always carry the same facts.
 */
export type EmailTemplate<Props> = {
  subject: (props: Props) => string;
  Email: (props: Props) => ReactElement;
};

/** The part of html-to-text's BlockTextBuilder a formatter below uses (the package ships no types). */
type TextBuilder = {
  openBlock(options: { leadingLineBreaks: number }): void;
  addLiteral(text: string): void;
  closeBlock(options: { trailingLineBreaks: number }): void;
};
type TextWalk = (nodes: unknown, builder: TextBuilder) => void;

// How the plain part reads: headings as written (not upper-cased), a link whose text is not its
// address followed by the address in angle brackets, and no line wrapping (links stay whole).
const TEXT_OPTIONS = {
  wordwrap: false,
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "a", options: { linkBrackets: ["<", ">"], hideLinkHrefIfSameAsText: true } },
    // The rule above the footer becomes the plain-text signature delimiter, "-- ".
    { selector: "hr", format: "signatureDelimiter" },
    // The security code stands on a line of its own, indented, as plain-text mail sets off a value.
    { selector: "p.code", format: "indentedLine" },
  ],
  formatters: {
    indentedLine: (element: { children: unknown }, walk: TextWalk, builder: TextBuilder) => {
      builder.openBlock({ leadingLineBreaks: 2 });
      builder.addLiteral("    ");
      walk(element.children, builder);
      builder.closeBlock({ trailingLineBreaks: 2 });
    },
    signatureDelimiter: (_element: unknown, _walk: unknown, builder: TextBuilder) => {
      builder.openBlock({ leadingLineBreaks: 2 });
      builder.addLiteral("-- ");
      builder.closeBlock({ trailingLineBreaks: 1 });
    },
  },
};

/**
 * Renders a message on the server: subject, HTML and plain text. React escapes every value that
 * goes into the HTML; the plain part is text and shows values as they are.
 */
export async function renderEmail<Props extends object>(template: EmailTemplate<Props>, props: Props): Promise<RenderedEmail> {
  const subject = template.subject(props);
  const html = await render(createElement(template.Email, props));
  // Nested layout tables leave runs of blank lines; one blank line separates blocks.
  const text = `${toPlainText(html, TEXT_OPTIONS)
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
  return { subject, html, text };
}

/**
 * Fails at start-up rather than at the first message when this process cannot render email: a
 * process started with --conditions=react-server gets a react-dom/server that only throws.
 */
export async function checkEmailRendering(): Promise<void> {
  try {
    await render(createElement("p", null, "ok"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot render email in this process (${reason}); start it without --conditions=react-server`);
  }
}
