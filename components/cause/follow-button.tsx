"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { toggleFollowAction } from "@/lib/subscription/actions";
import { Button } from "@/components/ui/button";

type Props = {
  topicId: string;
  slug: string;
  following: boolean;
  followerCount: number;
  source: string;
  shareRef?: string;
};

const idle: ActionState = { status: "idle" };

/**
 * One click follows, the same click leaves. While the request runs the button and the count show
 * the outcome already (optimistic); an error puts them back and says why. Without JavaScript it is
 * a plain form post to the same server action.
 */
export function FollowButton({ topicId, slug, following, followerCount, source, shareRef }: Props) {
  const t = useTranslations("cause");
  const [state, formAction, pending] = useActionState(toggleFollowAction, idle, shareRef ? `/c/${slug}?ref=${shareRef}&counted=1` : `/c/${slug}`);
  const shownFollowing = pending ? !following : following;
  const shownCount = pending ? followerCount + (following ? -1 : 1) : followerCount;

  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="topicId" value={topicId} />
      <input type="hidden" name="source" value={source} />
      <input type="hidden" name="intent" value={following ? "leave" : "follow"} />
      {shareRef && !following ? <input type="hidden" name="ref" value={shareRef} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          variant={shownFollowing ? "secondary" : "primary"}
          aria-pressed={shownFollowing}
          data-testid="follow-button"
          className="min-w-36"
        >
          {shownFollowing ? t("leave") : t("follow")}
        </Button>
        <p className="text-sm text-muted" aria-live="polite">
          <span data-testid="follower-count">{t("followers", { count: shownCount })}</span>
        </p>
      </div>
      {state.status === "error" && state.message ? (
        <p role="alert" className="text-sm font-medium text-accent">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
