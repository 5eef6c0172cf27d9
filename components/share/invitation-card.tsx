import { getFormatter, getTranslations } from "next-intl/server";
import { CopyField } from "@/components/feed/copy-field";
import { Badge, Card } from "@/components/ui/card";
import type { InvitationState } from "@/lib/share/rules";
import { WithdrawInvitationForm } from "./invitation-form";
import { ShareTools } from "./share-tools";

type Props = {
  invitation: { id: string; label: string; note: string | null; createdAt: Date; expiresAt: Date | null; state: InvitationState; opened: boolean; followed: boolean };
  url: string;
  cause: { title: string };
};

/**
 * One personal invitation: for whom, its link to pass on (copy, share sheet, QR, the share kit's
 * apps — this app never sends it), and the only two things anyone learns: opened, followed.
 */
export async function InvitationCard({ invitation, url, cause }: Props) {
  const [t, format] = await Promise.all([getTranslations("share.invitations"), getFormatter()]);
  const yesNo = (value: boolean) => (value ? t("yes") : t("no"));
  return (
    <Card className="space-y-4" data-testid="invitation-card">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h3 className="text-lg font-semibold break-words">{invitation.label}</h3>
          <p className="text-sm text-muted">
            {invitation.state === "open" && invitation.expiresAt
              ? t("openUntil", { date: format.dateTime(invitation.expiresAt, { dateStyle: "medium" }) })
              : t(invitation.state)}
          </p>
        </div>
        {invitation.state === "open" ? <WithdrawInvitationForm refId={invitation.id} name={invitation.label} /> : <Badge>{t(invitation.state)}</Badge>}
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="invitation-status">
        <div className="flex gap-1.5">
          <dt className="text-muted">{t("opened")}:</dt>
          <dd className="font-semibold">{yesNo(invitation.opened)}</dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-muted">{t("followed")}:</dt>
          <dd className="font-semibold">{yesNo(invitation.followed)}</dd>
        </div>
      </dl>
      {invitation.note ? <p className="rounded-xl bg-line/40 px-4 py-3 text-sm whitespace-pre-line break-words">{invitation.note}</p> : null}
      {invitation.state === "open" ? (
        <>
          <CopyField label={t("linkLabel", { name: invitation.label })} value={url} testId="invitation-url" copiedMessage={t("copied")} />
          <details className="rounded-xl border border-line p-4">
            <summary className="cursor-pointer text-sm font-semibold">{t("toolsTitle")}</summary>
            <div className="mt-4 space-y-4">
              <ShareTools id={`invitation-${invitation.id}`} url={url} subject={cause.title} defaultText={t("defaultText", { title: cause.title })} />
              <div className="flex flex-wrap items-center gap-4">
                {/* eslint-disable-next-line @next/next/no-img-element -- an SVG from our own route, no optimisation wanted */}
                <img src={`/api/share/qr/${invitation.id}`} alt={t("qrAlt", { name: invitation.label })} width={128} height={128} className="rounded-lg border border-line bg-white" />
                <p className="text-sm text-muted">{t("qrHelp")}</p>
              </div>
            </div>
          </details>
        </>
      ) : null}
    </Card>
  );
}
