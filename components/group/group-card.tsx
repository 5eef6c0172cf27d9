import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, Card } from "@/components/ui/card";

type GroupCardProps = {
  /** Member causes as links (the group index) or as names only (explore, where each cause has its own card). */
  memberLinks?: boolean;
  group: {
    slug: string;
    name: string;
    concern: string;
    language: string;
    followerCount: number;
    members: { slug: string; title: string; language: string }[];
  };
};

/** A partner group in a list (/g, explore): its name, shared concern and who is in it. */
export async function GroupCard({ group, memberLinks = true }: GroupCardProps) {
  const t = await getTranslations("groups.index");
  return (
    <Card className="flex flex-col gap-3 transition-shadow hover:shadow-md">
      <div className="flex items-start justify-between gap-3">
        <h3 className="text-xl font-semibold leading-snug">
          <Link href={`/g/${group.slug}`} className="hover:text-accent" lang={group.language}>
            {group.name}
          </Link>
        </h3>
        <Badge className="shrink-0 uppercase">{group.language}</Badge>
      </div>
      <p className="text-muted" lang={group.language}>{group.concern}</p>
      {group.members.length ? (
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm" aria-label={t("members", { count: group.members.length })}>
          {group.members.map((member) => (
            <li key={member.slug}>
              {memberLinks ? (
                <Link href={`/c/${member.slug}`} className="text-accent underline-offset-4 hover:underline" lang={member.language}>
                  {member.title}
                </Link>
              ) : (
                <span lang={member.language}>{member.title}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-auto pt-2 text-sm text-muted">
        {t("members", { count: group.members.length })} · {t("followers", { count: group.followerCount })}
      </p>
    </Card>
  );
}
