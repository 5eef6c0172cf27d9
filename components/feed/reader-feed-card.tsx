"use client";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import type { ActionState } from "@/lib/action";
import { revokeReaderFeedTokenAction, rotateReaderFeedTokenAction } from "@/lib/feed/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { CopyField } from "./copy-field";
import { FeedIcon } from "./feed-icon";

const idle: ActionState = { status: "idle" };

type Props = {
  /** When the current private address was made (ISO), or null when there is none. */
  activeSinceIso: string | null;
  /** The same date, formatted for the reader. */
  activeSince: string | null;
};

/**
 * "Read My feed in your feed reader": create, replace or switch off the private feed address.
 * The address is shown once, right after it is made: the server keeps only its hash.
 */
export function ReaderFeedCard({ activeSinceIso, activeSince }: Props) {
  const t = useTranslations("feeds.reader");
  const [rotated, rotate, rotating] = useActionState(rotateReaderFeedTokenAction, idle, "/subscriptions");
  const [revoked, revoke, revoking] = useActionState(revokeReaderFeedTokenAction, idle, "/subscriptions");
  const [last, setLast] = useState<"rotate" | "revoke" | null>(null);
  const [confirming, setConfirming] = useState<"rotate" | "revoke" | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // Keyboard users land on the question's answer.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const active = activeSinceIso !== null;
  // The shown address must be the current one: after switching off, or a new address made in
  // another tab, the one from this response is dead and disappears.
  const fresh = rotated.status === "ok" && rotated.values?.createdAt === activeSinceIso ? rotated.values : null;
  const state = last === "revoke" ? revoked : last === "rotate" ? rotated : revoked.status !== "idle" ? revoked : rotated;
  const pending = rotating || revoking;
  // Success messages only while they are still true ("here is your address" once it is gone is not).
  const message = state.status === "error" || (state === rotated ? fresh !== null : !active) ? state : null;

  return (
    <Card data-testid="reader-feed-card">
      <section aria-labelledby="reader-feed-heading" className="space-y-5">
        <div className="flex gap-3">
          <span className="mt-1 flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-accent-soft text-accent">
            <FeedIcon className="h-4 w-4" />
          </span>
          <div className="min-w-0 space-y-1">
            <h2 id="reader-feed-heading" className="text-xl font-semibold">{t("heading")}</h2>
            <p className="text-muted">{t("lead")}</p>
          </div>
        </div>

        {message ? <FormMessage status={message.status} message={message.message} /> : null}

        {fresh ? (
          <div className="space-y-3 rounded-xl border border-accent/30 bg-accent-soft/40 p-4" data-testid="reader-feed-fresh">
            <CopyField label={t("freshUrlLabel")} value={fresh.rss} testId="reader-feed-url" />
            <p className="text-sm text-muted">
              {t("otherFormats")}{" "}
              <a href={fresh.atom} className="font-medium text-ink underline underline-offset-2 hover:text-accent">Atom</a>
              {" · "}
              <a href={fresh.json} className="font-medium text-ink underline underline-offset-2 hover:text-accent">JSON Feed</a>
            </p>
            <ul className="list-disc space-y-1 pl-5 text-sm">
              <li className="font-medium">{t("freshOnce")}</li>
              <li>{t("freshSecret")}</li>
            </ul>
          </div>
        ) : active ? (
          <div className="space-y-1 text-sm text-muted" data-testid="reader-feed-active">
            <p>{t("activeSince", { date: activeSince ?? "" })}</p>
            <p>{t("lostHint")}</p>
          </div>
        ) : null}

        {active && confirming ? (
          // Replacing or switching off ends the address every feed reader uses: asked once more.
          <div role="group" aria-labelledby="reader-feed-confirm" className="space-y-3 rounded-xl border border-line bg-paper p-4" data-testid="reader-feed-confirm">
            <p id="reader-feed-confirm" className="text-sm font-medium">{t(confirming === "rotate" ? "confirmRotate" : "confirmRevoke")}</p>
            <div className="flex flex-wrap items-center gap-3">
              <form action={confirming === "rotate" ? rotate : revoke} onSubmit={() => { setLast(confirming); setConfirming(null); }}>
                <Button type="submit" size="sm" variant={confirming === "revoke" ? "secondary" : "primary"} disabled={pending} ref={confirmButton}>
                  {t(confirming === "rotate" ? "confirmRotateButton" : "confirmRevokeButton")}
                </Button>
              </form>
              <Button type="button" size="sm" variant="ghost" onClick={() => setConfirming(null)}>{t("cancel")}</Button>
            </div>
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            {active ? (
              <Button type="button" variant="secondary" size="sm" disabled={pending} aria-busy={rotating} data-testid="reader-feed-rotate" onClick={() => setConfirming("rotate")}>
                {rotating ? t("rotating") : t("rotate")}
              </Button>
            ) : (
              <form action={rotate} onSubmit={() => setLast("rotate")}>
                <Button type="submit" disabled={pending} aria-busy={rotating} data-testid="reader-feed-rotate">
                  {rotating ? t("creating") : t("create")}
                </Button>
              </form>
            )}
            {active ? (
              <Button type="button" variant="ghost" size="sm" disabled={pending} aria-busy={revoking} aria-label={t("revokeNamed")} data-testid="reader-feed-revoke" onClick={() => setConfirming("revoke")}>
                {revoking ? t("revoking") : t("revoke")}
              </Button>
            ) : null}
          </div>
        )}
      </section>
    </Card>
  );
}
