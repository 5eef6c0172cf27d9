import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmailChannelToggle } from "@/components/subscription/email-channel-toggle";
import { EmailSettings } from "@/components/subscription/email-settings";
import { requireUser } from "@/lib/auth/session";
import { recordIdSchema } from "@/lib/share/schema";
import { getOwnEmailSubscription } from "@/lib/subscription/email/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("email.prefs");
  return { title: t("metaTitle") };
}

/** The signed-in way to the same settings and ledger: one of the reader's own subscriptions only. */
export default async function OwnSubscriptionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/subscriptions/${id}`);
  if (!recordIdSchema.safeParse(id).success) notFound();
  const [t, s] = await Promise.all([getTranslations("email.prefs"), getOwnEmailSubscription(user.id, id)]);
  if (!s) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="text-muted">{t("lead", { title: s.target.title, address: s.address ?? "—" })}</p>
      </header>
      <EmailSettings
        subscription={s}
        access={{ own: true }}
        channelControl={
          s.status === "active" ? (
            <EmailChannelToggle subscriptionId={s.id} title={s.target.title} byEmail={s.channel === "email"} source="/subscriptions" />
          ) : null
        }
      />
    </div>
  );
}
