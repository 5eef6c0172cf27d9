import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LeaveReasonForm } from "@/components/subscription/leave-reason-form";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getGroupBySlug } from "@/lib/group/queries";
import { canAskLeaveReason } from "@/lib/subscription/email/queries";
import { getCauseBySlug } from "@/lib/topic/queries";
import { isValidSlug } from "@/lib/topic/rules";

export const metadata: Metadata = { robots: { index: false } };

type Props = { searchParams: Promise<{ cause?: string | string[]; group?: string | string[]; token?: string | string[] }> };

export default async function LeaveDonePage({ searchParams }: Props) {
  const { cause: causeSlug, group: groupSlug, token } = await searchParams;
  // Only with the leave token may the page ask why, and only once per left subscription.
  const askWhy = typeof token === "string" && token.length <= 200 && (await canAskLeaveReason(token));
  const t = await getTranslations("leave");
  const valid = (slug: unknown): slug is string => typeof slug === "string" && isValidSlug(slug);
  const group = valid(groupSlug) ? await getGroupBySlug(groupSlug) : null;
  const found = group
    ? { title: t("doneGroupTitle", { title: group.name }), href: `/g/${group.slug}` }
    : await (async () => {
        const cause = valid(causeSlug) ? await getCauseBySlug(causeSlug) : null;
        return cause ? { title: t("doneTitle", { title: cause.title }), href: `/c/${cause.slug}` } : null;
      })();
  return (
    <Card className="mx-auto max-w-xl space-y-4" data-testid="leave-done">
      <h1 className="text-3xl font-semibold">{found ? found.title : t("doneTitleGeneric")}</h1>
      <p className="text-muted">{t("doneText")}</p>
      {found ? (
        <ButtonLink href={found.href} variant="secondary">{t("followAgain")}</ButtonLink>
      ) : null}
      {askWhy ? <LeaveReasonForm token={token} skipHref={found?.href ?? "/"} /> : null}
    </Card>
  );
}
