"use client";

import { signOut } from "next-auth/react";

export function SignOutLink() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="text-brand-700 underline hover:text-brand-900">
      Sign out
    </button>
  );
}
