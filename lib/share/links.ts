import "server-only";
import { absoluteUrl } from "@/lib/url";

/** The link a publisher pastes into one thread: the cause page with that place's ref code. */
export function refLink(slug: string, code: string): string {
  return absoluteUrl(`/c/${slug}?ref=${code}`);
}

/** A personal invitation's own page: the note and the cause, for the one person it is for. */
export function invitationLink(code: string): string {
  return absoluteUrl(`/i/${code}`);
}

/** The link a ref stands for: an invitation's page, or the cause page with the ref. */
export function linkOfRef(ref: { personal: boolean; code: string; topic: { slug: string } }): string {
  return ref.personal ? invitationLink(ref.code) : refLink(ref.topic.slug, ref.code);
}
