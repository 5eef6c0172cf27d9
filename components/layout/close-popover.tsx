"use client";
import { usePathname } from "next/navigation";
import { useEffect } from "react";

/** A popover in the persistent header would stay open across client-side navigations: close it. */
export function ClosePopoverOnNavigation({ id }: { id: string }) {
  const pathname = usePathname();
  useEffect(() => {
    const popover = document.getElementById(id);
    if (popover?.matches(":popover-open")) popover.hidePopover();
  }, [id, pathname]);
  return null;
}
