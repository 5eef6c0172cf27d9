import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Button, ButtonLink } from "@/components/ui/button";
import { ActionButton } from "@/components/ui/action-button";
import { Card } from "@/components/ui/card";
import {
  resumeDeliveryByTokenAction,
  resumeOwnDeliveryAction,
  updateOwnPreferencesAction,
  updatePreferencesByTokenAction,
} from "@/lib/subscription/email/actions";
import type { EmailSubscriptionView } from "@/lib/subscription/email/queries";
import { formatClockTime, localDay, parseKinds, timeZoneChoices } from "@/lib/subscription/email/rules";
import { ConsentLedger } from "./consent-ledger";
import { EmailPreferencesForm } from "./email-preferences-form";

type Props = {
  subscription: EmailSubscriptionView;
  /** Reached by a preferences link ({ token }) or signed in (own). */
  access: { token: string } | { own: true };
  confirmed?: boolean;
  /** Extra controls for account holders (the channel switch). */
  channelControl?: React.ReactNode;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Everything a reader controls about one subscription's mails, and the record of it. */
export async function EmailSettings({ subscription: s, access, confirmed, channelControl }: Props) {
  const [t, tc, format] = await Promise.all([getTranslations("email.prefs"), getTranslations("email.channel"), getFormatter()]);
  const byToken = "token" in access;
  const fields: Record<string, string> = byToken ? { token: access.token } : { subscriptionId: s.id };
  const now = new Date();
  const channelNote =
    s.channel === "web" ? t("webOnlyNote") : !s.emailSince ? t("pendingNote") : channelControl ? tc("byEmail") : null;
  const pausedUntil = s.pausedUntil && s.pausedUntil > now ? s.pausedUntil : null;
  const kinds = parseKinds(s.kinds);
  const downloadHref = byToken
    ? `/api/subscriptions/ledger?token=${encodeURIComponent(access.token)}`
    : `/api/subscriptions/ledger?id=${s.id}`;

  if (s.status === "left") {
    return (
      <div className="space-y-10">
        <Card className="space-y-3">
          <h2 className="text-2xl font-semibold">{t("leftTitle", { title: s.target.title })}</h2>
          <p className="text-muted">{t("leftText")}</p>
          <ButtonLink href={s.target.href} variant="secondary">{t("followAgain")}</ButtonLink>
        </Card>
        <ConsentLedger events={s.events} timeZone={s.timeZone} downloadHref={downloadHref} />
      </div>
    );
  }

  return (
    <div className="space-y-10">
      {confirmed ? <p role="status" className="rounded-xl bg-line/60 px-4 py-3 text-sm font-medium" data-testid="confirmed-notice">{t("confirmedNotice")}</p> : null}
      {s.bouncedAt ? (
        <div role="alert" className="space-y-3 rounded-2xl border border-accent/40 bg-accent-soft p-5 text-accent-strong" data-testid="bounced">
          <h2 className="text-xl font-semibold">{t("bouncedTitle")}</h2>
          <p className="text-sm">{t("bouncedText", { date: format.dateTime(s.bouncedAt, { dateStyle: "long", timeZone: s.timeZone }), reason: s.bounceReason ?? "—" })}</p>
          <ActionButton action={byToken ? resumeDeliveryByTokenAction : resumeOwnDeliveryAction} fields={fields} label={t("resume")} variant="primary" testId="resume-delivery" />
        </div>
      ) : null}
      {channelNote || channelControl ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-line px-5 py-4" data-testid="channel-state">
          {channelNote ? <p className="max-w-prose text-sm">{channelNote}</p> : null}
          {channelControl}
        </div>
      ) : null}
      {pausedUntil ? <p className="text-sm font-medium">{t("pausedNote", { date: format.dateTime(pausedUntil, { dateStyle: "long", timeZone: s.timeZone }) })}</p> : null}

      <Card>
        <EmailPreferencesForm
          action={byToken ? updatePreferencesByTokenAction : updateOwnPreferencesAction}
          fields={fields}
          showPartnerNews={s.target.kind === "cause"}
          timeZones={timeZoneChoices(await getLocale(), now)}
          pauseMin={localDay(new Date(now.getTime() + DAY_MS), s.timeZone)}
          pauseMax={localDay(new Date(now.getTime() + 365 * DAY_MS), s.timeZone)}
          initial={{
            kindNews: kinds.has("news"),
            kindEvent: kinds.has("event"),
            kindCall: kinds.has("call"),
            partnerNews: s.partnerNews,
            cadence: s.cadence,
            weekday: s.weekday,
            timeZone: s.timeZone,
            quietStart: s.quietStart === null ? "" : formatClockTime(s.quietStart),
            quietEnd: s.quietEnd === null ? "" : formatClockTime(s.quietEnd),
            pausedUntil: pausedUntil ? localDay(pausedUntil, s.timeZone) : "",
            mailLocale: s.mailLocale,
          }}
        />
      </Card>

      <section aria-labelledby="leave-heading" className="flex flex-wrap items-center justify-between gap-4 rounded-2xl border border-line p-5">
        <div className="space-y-1">
          <h2 id="leave-heading" className="text-lg font-semibold">{t("leaveTitle")}</h2>
          <p className="text-sm text-muted">{t("leaveText", { title: s.target.title })}</p>
        </div>
        <form method="post" action="/api/leave">
          <input type="hidden" name="token" value={s.leaveToken} />
          <Button type="submit" variant="secondary" data-testid="preferences-leave">{t("leaveButton")}</Button>
        </form>
      </section>

      <ConsentLedger events={s.events} timeZone={s.timeZone} downloadHref={downloadHref} />
      {!byToken ? <Link href="/subscriptions" className="text-sm text-muted underline-offset-4 hover:text-ink hover:underline">← {t("backToList")}</Link> : null}
    </div>
  );
}
