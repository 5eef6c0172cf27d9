import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { GroupForm } from "@/components/group/group-form";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/session";
import { listMyCauses } from "@/lib/topic/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("groups");
  return { title: t("form.title") };
}

export default async function NewGroupPage() {
  const user = await requireUser("/dashboard/groups/new");
  const [t, locale, causes] = await Promise.all([getTranslations("groups"), getLocale(), listMyCauses(user.id)]);
  const published = causes.filter((cause) => cause.status === "published");
  return (
    <div className="max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-4xl font-semibold">{t("form.title")}</h1>
        <p className="text-muted">{t("form.lead")}</p>
      </header>
      {published.length ? (
        <Card>
          <GroupForm causes={published.map(({ id, title }) => ({ id, title }))} language={locale} />
        </Card>
      ) : (
        <EmptyState title={t("form.noCauseTitle")} action={<ButtonLink href="/dashboard">{t("form.noCauseAction")}</ButtonLink>}>
          {t("form.noCauseText")}
        </EmptyState>
      )}
    </div>
  );
}
