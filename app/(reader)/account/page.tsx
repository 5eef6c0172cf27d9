import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { DeleteConfirmForm } from "@/components/privacy/delete-confirm-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { deleteAccountAction } from "@/lib/privacy/actions";
import { getDataSummary } from "@/lib/privacy/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy.account");
  return { title: t("title"), robots: { index: false } };
}

/** "My data": what the app holds about the signed-in person, the download, and deleting it all. */
export default async function MyDataPage() {
  const user = await requireUser("/account");
  const [t, format, summary] = await Promise.all([getTranslations("privacy.account"), getFormatter(), getDataSummary(user.id)]);
  if (!summary) return null;
  const rows = [
    [t("rowAddress"), summary.email ?? "—"],
    [t("rowSince"), format.dateTime(summary.createdAt, { dateStyle: "long" })],
    [t("rowCauses"), t("causes", { causes: summary.causes, updates: summary.updates })],
    [t("rowFollows"), t("follows", { follows: summary.follows, entries: summary.ledgerEntries })],
    [t("rowReads"), String(summary.readMarks)],
    [t("rowReports"), String(summary.reports)],
    [t("rowInvitations"), String(summary.invitationsSent)],
    [t("rowPrivateFeed"), summary.privateFeed ? t("yes") : t("no")],
  ];
  return (
    <div className="max-w-3xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="text-muted">{t("lead")}</p>
      </header>

      <Card className="space-y-4">
        <h2 className="text-2xl font-semibold">{t("heldTitle")}</h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-semibold">{label}</dt>
              <dd className="break-words text-muted">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-muted">{t("notHeld")}</p>
        <a href="/api/account/export" className="inline-block font-medium text-accent underline underline-offset-4" data-testid="account-export">
          {t("download")}
        </a>
      </Card>

      <Card className="space-y-4 border-accent/40">
        <h2 className="text-2xl font-semibold">{t("deleteTitle")}</h2>
        <ul className="list-disc space-y-1 pl-5 text-sm">
          <li>{t("deleteCauses")}</li>
          <li>{t("deleteFollowers")}</li>
          <li>{t("deleteGroups")}</li>
          <li>{t("deleteFollows")}</li>
          <li>{t("deleteKept")}</li>
        </ul>
        <DeleteConfirmForm action={deleteAccountAction} button={t("deleteButton")} testId="delete-account" />
      </Card>
    </div>
  );
}
