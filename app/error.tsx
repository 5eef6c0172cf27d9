"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Something unexpected failed; the details are in the server log, never on the page. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center" role="alert">
      <h1 className="text-3xl font-semibold">{t("title")}</h1>
      <p className="text-muted">{t("text")}</p>
      <Button variant="secondary" onClick={reset}>{t("retry")}</Button>
    </div>
  );
}
