"use client";
import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { DEFAULT_MASTODON_INSTANCE, shareIntentUrls, type ShareTarget } from "@/lib/share/intents";
import { Button, buttonClass } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/field";

const targets: { id: ShareTarget; name: string }[] = [
  { id: "mastodon", name: "Mastodon" },
  { id: "bluesky", name: "Bluesky" },
  { id: "linkedin", name: "LinkedIn" },
  { id: "xing", name: "XING" },
  { id: "email", name: "E-Mail" },
  { id: "whatsapp", name: "WhatsApp" },
];

const noSubscription = () => () => {};

/**
 * Copy, the phone's share sheet, and share intents that open each network's own composer with a
 * text the publisher can edit first. The app itself never posts anything.
 */
export function ShareTools({ url, subject, defaultText, id }: { url: string; subject: string; defaultText: string; id: string }) {
  const t = useTranslations("share");
  const [text, setText] = useState(defaultText);
  const [instance, setInstance] = useState(DEFAULT_MASTODON_INSTANCE);
  const [copied, setCopied] = useState(false);
  // Only known in the browser: the Web Share API exists on phones, rarely on desktops.
  const canShare = useSyncExternalStore(noSubscription, () => typeof navigator.share === "function", () => false);
  const links = shareIntentUrls({ url, text, subject, mastodonInstance: instance });

  async function copy() {
    await navigator.clipboard.writeText(url);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <Input readOnly value={url} aria-label={t("linkLabel")} className="min-w-0 flex-1 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} data-testid="ref-url" />
        <Button type="button" variant="secondary" size="sm" onClick={copy} aria-live="polite">
          {copied ? t("copied") : t("copy")}
        </Button>
        {canShare ? (
          <Button type="button" variant="secondary" size="sm" onClick={() => navigator.share({ title: subject, text, url }).catch(() => undefined)}>
            {t("shareSheet")}
          </Button>
        ) : null}
      </div>
      <div className="space-y-1.5">
        <label htmlFor={`${id}-text`} className="block text-sm font-semibold">{t("textLabel")}</label>
        <Textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} className="min-h-24 text-sm" maxLength={1000} />
        <p className="text-sm text-muted">{t("textHint")}</p>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        {targets.map((target) => (
          <a
            key={target.id}
            href={links[target.id]}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClass("secondary", "sm")}
          >
            {target.name}
          </a>
        ))}
      </div>
      <div className="max-w-xs space-y-1.5">
        <label htmlFor={`${id}-instance`} className="block text-sm font-semibold">{t("instanceLabel")}</label>
        <Input id={`${id}-instance`} value={instance} onChange={(e) => setInstance(e.target.value)} className="text-sm" autoCapitalize="none" spellCheck={false} />
      </div>
    </div>
  );
}
