"use client";
import { toggleGroupFollowAction } from "@/lib/group/actions";
import { FollowToggle } from "@/components/subscription/follow-toggle";

/** Follow / leave a partner group: its members' updates arrive in Mein Feed with the reason. */
export function GroupFollowButton(props: { groupId: string; slug: string; following: boolean; followerCount: number }) {
  return (
    <FollowToggle
      action={toggleGroupFollowAction}
      fields={{ groupId: props.groupId, source: `/g/${props.slug}` }}
      following={props.following}
      followerCount={props.followerCount}
      permalink={`/g/${props.slug}`}
    />
  );
}
