// ActivityPub discovery (lib/fediverse): answered by Fedify — see lib/fediverse/federation.ts.
import { handleFederation } from "@/lib/fediverse/handler";

export const GET = handleFederation;
