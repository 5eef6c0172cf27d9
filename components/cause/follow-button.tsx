"use client";
import { toggleFollowAction } from "@/lib/subscription/actions";
import { FollowToggle } from "@/components/subscription/follow-toggle";

type Props = {
  topicId: string;
  slug: string;
  following: boolean;
  followerCount: number;
  source: string;
  shareRef?: string;
};

/** Follow / leave a cause; a share ref travels with a new follow (counted in aggregate only). */
export function FollowButton({ topicId, slug, following, followerCount, source, shareRef }: Props) {
  return (
    <FollowToggle
      action={toggleFollowAction}
      fields={{ topicId, source, ref: shareRef && !following ? shareRef : undefined }}
      following={following}
      followerCount={followerCount}
      permalink={shareRef ? `/c/${slug}?ref=${shareRef}&counted=1` : `/c/${slug}`}
    />
  );
}
