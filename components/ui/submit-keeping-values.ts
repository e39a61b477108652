"use client";

import { startTransition, type FormEvent } from "react";

/**
 * React resets a form after its action runs, which would wipe what an admin typed when the
 * server answers with an error. With JavaScript, submit the form data ourselves (keeping the
 * clicked button's name/value) so the fields stay; without it, the form's action attribute still
 * works.
 */
export function submitKeepingValues(action: (form: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter);
    startTransition(() => action(form));
  };
}
