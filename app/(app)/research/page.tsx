import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/primitives";

export const metadata: Metadata = { title: "Research" };

export default function Page() {
  return (
    <div>
      <PageHeader title="Research" />
      <EmptyState title="Nothing here yet" body="This part of the studio is being set up." />
    </div>
  );
}
