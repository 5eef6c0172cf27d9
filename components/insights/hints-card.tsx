import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { Hint } from "@/lib/insights/rules";

/** The plain-language hints drawn from a cause's numbers, or a note that there are none yet. */
export async function HintsCard({ hints }: { hints: Hint[] }) {
  const [t, format] = await Promise.all([getTranslations("insights"), getFormatter()]);
  const text = (hint: Hint) => {
    switch (hint.key) {
      case "quietAtUsualTime":
        return t("hint.quietAtUsualTime", { share: hint.share });
      case "lateUpdateLeaves":
        return t("hint.lateUpdateLeaves", { leaves: format.number(hint.leaves), total: format.number(hint.total) });
      case "noPartners":
        return t("hint.noPartners", { similar: hint.similar });
      case "bestPlace":
        // Isolated, so a label in a right-to-left script does not reorder the sentence around it.
        return t("hint.bestPlace", { label: `\u2068${hint.label}\u2069`, follows: hint.follows });
      case "silentUpdates":
        return t("hint.silentUpdates", { days: hint.days });
      case "noPlaces":
        return t("hint.noPlaces");
    }
  };
  return (
    <Card className="space-y-3" data-testid="insight-hints">
      <h2 className="text-xl font-semibold">{t("hintsTitle")}</h2>
      {hints.length ? (
        <ul className="list-disc space-y-2 pl-5 text-sm">
          {hints.map((hint) => (
            <li key={hint.key} data-hint={hint.key}>{text(hint)}</li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">{t("hintsEmpty")}</p>
      )}
    </Card>
  );
}
