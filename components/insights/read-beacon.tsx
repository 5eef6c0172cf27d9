"use client";

import { useEffect } from "react";

/**
 * Tells the server, once the page is on screen, that a person opened it: the page's path and
 * nothing else; the counting reads and sets no cookie (app/api/reads). Browsers without sendBeacon, and visitors who run
 * no script, are simply not counted.
 */
export function ReadBeacon({ path }: { path: string }) {
  useEffect(() => {
    navigator.sendBeacon?.("/api/reads", path);
  }, [path]);
  return null;
}
