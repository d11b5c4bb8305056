import Link from "next/link";
import { EmptyState } from "@/components/ui/primitives";

export default function VideoNotFound() {
  return (
    <EmptyState
      title="Video not found"
      body="It may have been deleted, or it belongs to another workspace. Switch workspace or go back to your library."
      action={<Link href="/videos" className="brand-gradient inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-white">Back to videos</Link>}
    />
  );
}
