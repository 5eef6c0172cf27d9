import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";
import { ArchiveRefForm } from "./archive-ref-form";
import { ShareTools } from "./share-tools";

type RefCardProps = {
  shareRef: {
    id: string;
    code: string;
    label: string;
    createdAt: Date;
    archivedAt: Date | null;
    visits: number;
    follows: number;
    recent: { day: string; visits: number; follows: number }[];
  };
  url: string;
  cause: { title: string; summary: string };
};

/** One place the cause was shared: its link, its aggregate counts and the tools to share it. */
export async function RefCard({ shareRef, url, cause }: RefCardProps) {
  const [t, format] = await Promise.all([getTranslations("share"), getFormatter()]);
  const peak = Math.max(1, ...shareRef.recent.map((d) => d.visits));
  const days = [...shareRef.recent].reverse();
  return (
    <Card className="space-y-4" data-testid="ref-card" data-code={shareRef.code}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h3 className="text-lg font-semibold break-words">{shareRef.label}</h3>
          <p className="text-sm text-muted">
            <code className="rounded bg-line/60 px-1.5 py-0.5">ref={shareRef.code}</code> ·{" "}
            {t("createdOn", { date: format.dateTime(shareRef.createdAt, { dateStyle: "medium" }) })}
          </p>
        </div>
        {shareRef.archivedAt ? <Badge>{t("archived")}</Badge> : <ArchiveRefForm refId={shareRef.id} label={shareRef.label} />}
      </div>

      <div className="flex flex-wrap items-end gap-6">
        <p className="text-sm" data-testid="ref-counts">
          <strong className="font-serif text-2xl">{format.number(shareRef.visits)}</strong> {t("visits", { count: shareRef.visits })}
          <span className="mx-1 text-muted">{" · "}</span>
          <strong className="font-serif text-2xl">{format.number(shareRef.follows)}</strong> {t("follows", { count: shareRef.follows })}
        </p>
        <figure className="flex-1" aria-label={t("chartLabel")}>
          <div className="flex h-10 items-end gap-1" aria-hidden>
            {days.map((d) => (
              <span
                key={d.day}
                title={`${d.day}: ${d.visits} / ${d.follows}`}
                className="flex-1 rounded-sm bg-accent/70"
                style={{ height: `${Math.max(6, (d.visits / peak) * 100)}%`, opacity: d.visits ? 1 : 0.25 }}
              />
            ))}
          </div>
          <figcaption className="mt-1 text-xs text-muted">{t("chartCaption")}</figcaption>
        </figure>
      </div>

      {shareRef.archivedAt ? (
        <p className="text-sm text-muted">{t("archivedHelp")}</p>
      ) : (
        <>
          <details className="group rounded-xl border border-line p-4" open>
            <summary className="cursor-pointer text-sm font-semibold">{t("toolsTitle")}</summary>
            <div className="mt-4">
              <ShareTools
                id={`ref-${shareRef.id}`}
                url={url}
                subject={cause.title}
                defaultText={
                  cause.summary
                    ? t("defaultText", { title: cause.title, summary: cause.summary })
                    : t("defaultTextShort", { title: cause.title })
                }
              />
            </div>
          </details>
          <details className="rounded-xl border border-line p-4">
            <summary className="cursor-pointer text-sm font-semibold">{t("qrTitle")}</summary>
            <div className="mt-4 flex flex-wrap items-center gap-4">
              {/* eslint-disable-next-line @next/next/no-img-element -- an SVG from our own route, no optimisation wanted */}
              <img src={`/api/share/qr/${shareRef.id}`} alt={t("qrAlt", { label: shareRef.label })} width={160} height={160} className="rounded-lg border border-line bg-white" />
              <div className="space-y-2 text-sm">
                <p className="text-muted">{t("qrHelp")}</p>
                <p className="flex gap-3">
                  <a href={`/api/share/qr/${shareRef.id}?format=svg&download`} className="font-semibold text-accent underline underline-offset-4">SVG</a>
                  <a href={`/api/share/qr/${shareRef.id}?format=png&download`} className="font-semibold text-accent underline underline-offset-4">PNG</a>
                </p>
              </div>
            </div>
          </details>
        </>
      )}
    </Card>
  );
}
