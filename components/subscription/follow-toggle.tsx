"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { Button } from "@/components/ui/button";

type Props = {
  /** A server action that follows on intent=follow and leaves on intent=leave. */
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden fields naming what is followed (topicId or groupId, source, ref). */
  fields: Record<string, string | undefined>;
  following: boolean;
  followerCount: number;
  /** Where the form posts without JavaScript. */
  permalink: string;
};

const idle: ActionState = { status: "idle" };

/**
 * One click follows, the same click leaves. While the request runs the button and the count show
 * the outcome already (optimistic); an error puts them back and says why. Without JavaScript it is
 * a plain form post to the same server action.
 */
export function FollowToggle({ action, fields, following, followerCount, permalink }: Props) {
  const t = useTranslations("cause");
  const [state, formAction, pending] = useActionState(action, idle, permalink);
  const shownFollowing = pending ? !following : following;
  const shownCount = pending ? followerCount + (following ? -1 : 1) : followerCount;

  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      <input type="hidden" name="intent" value={following ? "leave" : "follow"} />
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          variant={shownFollowing ? "secondary" : "primary"}
          aria-pressed={shownFollowing}
          // One request at a time: a second click must not queue the old intent again. Not
          // `disabled`, which would drop the keyboard focus to the page's start.
          aria-disabled={pending || undefined}
          onClick={(event) => pending && event.preventDefault()}
          aria-busy={pending}
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
