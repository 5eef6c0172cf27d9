"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { respondToInvitationAction } from "@/lib/group/actions";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

type Invitation = {
  id: string;
  note: string;
  createdAt: Date;
  expiresAt: Date;
  cause: { title: string };
  group: { name: string; slug: string; concern: string; memberCount: number };
};

/** One invitation in the inbox: who asks, why (their note), and the choice — nothing joins without it. */
export function InvitationCard({ invitation }: { invitation: Invitation }) {
  const t = useTranslations("groups.inbox");
  const format = useFormatter();
  const [state, formAction] = useActionState(respondToInvitationAction, { status: "idle" } as ActionState);
  return (
    <Card className="space-y-3" data-testid="invitation">
      <p className="text-sm text-muted">{t("invites", { group: invitation.group.name, cause: invitation.cause.title })}</p>
      <h3 className="font-serif text-xl font-semibold">
        <a href={`/g/${invitation.group.slug}`} className="hover:text-accent" target="_blank" rel="noopener">{invitation.group.name}</a>
      </h3>
      <p className="text-muted">{invitation.group.concern}</p>
      <blockquote className="border-l-4 border-accent/40 pl-4 whitespace-pre-line italic">{invitation.note}</blockquote>
      <p className="text-xs text-muted">
        {t("meta", {
          members: invitation.group.memberCount,
          date: format.dateTime(invitation.createdAt, { dateStyle: "medium" }),
          expires: format.dateTime(invitation.expiresAt, { dateStyle: "medium" }),
        })}
      </p>
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="invitationId" value={invitation.id} />
        <SubmitButton name="response" value="accept" size="sm">{t("accept")}</SubmitButton>
        <SubmitButton name="response" value="decline" size="sm" variant="secondary">{t("decline")}</SubmitButton>
      </form>
      <FormMessage status={state.status} message={state.message} />
    </Card>
  );
}
