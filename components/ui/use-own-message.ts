"use client";
import { useEffect, useRef, useState, type RefObject } from "react";

/**
 * A form's last message until something else happens on the page: once another form is sent, the
 * old "Published. Your cause is now public." is no longer news and goes. Returns the message to
 * show (or undefined) and the ref to put on this form.
 */
export function useOwnMessage(state: { message?: string }): [string | undefined, RefObject<HTMLFormElement | null>] {
  const form = useRef<HTMLFormElement>(null);
  const [stale, setStale] = useState<object | null>(null);
  useEffect(() => {
    const onSubmit = (event: Event) => {
      if (event.target !== form.current) setStale(state);
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, [state]);
  return [stale === state ? undefined : state.message, form];
}
