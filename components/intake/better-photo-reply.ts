/** A reply the agent can paste to the customer when a photo cannot be read. */
export const BETTER_PHOTO_REPLY = `Thank you for the photo. Unfortunately we could not read the QR code in it. Could you take another one?

- Fill the frame with the QR code on the recorder's "Retrieve Password" screen, with its whole border visible.
- Turn off the flash and avoid reflections from lamps or windows.
- Hold the phone steady and parallel to the screen, and tap to focus before you shoot.
- Please stay on the Retrieve Password screen: leaving it or restarting the recorder makes a new code necessary.

Alternatively, scan the QR code with your phone's camera and send us the link it shows.`;
