import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { isLoopbackRequest } from "@/lib/client";
import { linksIn, listOutboxMails } from "@/lib/mail/outbox";
import { outboxEnabled } from "@/lib/mail/send";

export const metadata: Metadata = { title: "Dev outbox", robots: { index: false } };

/**
 * Mails the app would have sent. Exists only while MAIL_TRANSPORT=outbox (never with real SMTP), and
 * only for requests whose socket peer is this machine: it shows working sign-in links.
 */
export default async function OutboxPage() {
  if (!outboxEnabled || !isLoopbackRequest(await headers())) notFound();
  const [t, format, mails] = await Promise.all([getTranslations("outbox"), getFormatter(), listOutboxMails()]);
  return (
    <div className="max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-4xl font-semibold">{t("title")}</h1>
        <p className="text-muted">{t("lead")}</p>
      </header>
      {mails.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
      ) : (
        <ol className="space-y-4">
          {mails.map((mail) => (
            <li key={mail.id} data-testid="outbox-mail" data-to={mail.to}>
              <Card className="space-y-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm text-muted">
                  <span>{t("to")} <strong className="text-ink">{mail.to}</strong></span>
                  <time dateTime={mail.createdAt.toISOString()}>
                    {format.dateTime(mail.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
                  </time>
                </div>
                <h2 className="text-lg font-semibold">{mail.subject}</h2>
                <ul className="space-y-1">
                  {linksIn(mail.text).map((link) => (
                    <li key={link}>
                      <a href={link} className="break-all text-accent underline underline-offset-4" data-testid="outbox-link">{link}</a>
                    </li>
                  ))}
                </ul>
                <details>
                  <summary className="cursor-pointer text-sm text-muted">{t("showText")}</summary>
                  <pre className="mt-2 whitespace-pre-wrap break-words rounded-xl bg-line/50 p-3 text-sm">{mail.text}</pre>
                </details>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
