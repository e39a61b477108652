import { expect, type Page } from "@playwright/test";

/** The intake handles drops and pastes only once hydrated: an event sent before that is lost. */
async function intakeListening(page: Page) {
  await expect(page.getByTestId("qr-dropzone")).toHaveAttribute("data-listening", "true");
}

/** Puts an image on the clipboard event the page receives, as Ctrl+V of a screenshot would. */
export async function pasteImage(page: Page, png: Buffer, type = "image/png") {
  await intakeListening(page);
  await page.evaluate(
    ({ b64, type }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], "pasted.png", { type }));
      document.body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { b64: png.toString("base64"), type },
  );
}

/** Drops a file on the intake's drop zone, as dragging it from the desktop would. */
export async function dropImage(page: Page, png: Buffer, name = "photo.png", type = "image/png") {
  await intakeListening(page);
  await page.getByTestId("qr-dropzone").evaluate(
    (zone, { b64, name, type }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type }));
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { b64: png.toString("base64"), name, type },
  );
}
