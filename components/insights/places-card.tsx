import { getFormatter, getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import type { RankedPlace } from "@/lib/insights/rules";
import { TableScroll } from "@/components/ui/table-scroll";

/**
 * Which places brought people: the cause's share links and personal invitations ranked by follows,
 * then visits, with follows per visit. An invitation shows under its label only to its publisher.
 */
export async function PlacesCard({ places, shareKitHref }: { places: RankedPlace[]; shareKitHref: string }) {
  const [t, format] = await Promise.all([getTranslations("insights"), getFormatter()]);
  return (
    <Card className="space-y-3" data-testid="places">
      <h2 className="text-xl font-semibold">{t("placesTitle")}</h2>
      <p className="text-sm text-muted">{t("placesLead")}</p>
      {places.length ? (
        <TableScroll label={t("placesTitle")}>
          <table className="w-full min-w-[17rem] text-left text-sm tabular-nums" data-testid="places-table">
            <caption className="sr-only">{t("placesTitle")}</caption>
            <thead className="text-muted">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">{t("place")}</th>
                <th scope="col" className="py-1 pr-2 text-right font-medium whitespace-nowrap">{t("visits")}</th>
                <th scope="col" className="py-1 pr-2 text-right font-medium whitespace-nowrap">{t("placeFollows")}</th>
                <th scope="col" className="py-1 text-right font-medium whitespace-nowrap">{t("conversion")}</th>
              </tr>
            </thead>
            <tbody>
              {places.map((p) => (
                <tr key={p.id} className="border-t border-line">
                  <th scope="row" className="min-w-[6rem] max-w-[16rem] py-1.5 pr-3 font-normal break-words">
                    <bdi>{p.label}</bdi>
                    {p.personal ? <Badge className="ml-2">{t("personal")}</Badge> : null}
                  </th>
                  <td className="py-1.5 pr-2 text-right">{p.visits}</td>
                  <td className="py-1.5 pr-2 text-right">{p.follows}</td>
                  <td className="py-1.5 text-right whitespace-nowrap">{p.conversion === null ? "–" : format.number(p.conversion, { style: "percent", maximumFractionDigits: 0 })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="rounded-xl bg-line/40 px-4 py-3 text-sm text-muted" data-testid="places-empty">{t("placesEmpty")}</p>
      )}
      <ButtonLink href={shareKitHref} variant="secondary" size="sm">{t("placesShareKit")}</ButtonLink>
    </Card>
  );
}
