/**
 * What a QR text must look like to be a reset challenge (an RP1 link or its bare query: it names
 * a serial). Used as the pipeline's `accept` so that other codes in the same photo (a help link,
 * a sticker) are skipped and the search goes on; the full check is the protocol's parser.
 */
export const CHALLENGE_TEXT = /[?&]?s=[A-Z0-9-]{6,32}(&|$)/;
