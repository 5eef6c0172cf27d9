import { PageSkeleton } from "@/components/ui/page-skeleton";

// Only on pages that never answer 404: a loading boundary starts streaming, which fixes the status.
export default function Loading() {
  return <PageSkeleton />;
}
