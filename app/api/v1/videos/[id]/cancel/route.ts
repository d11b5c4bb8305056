import { authedRoute } from "@/lib/http/route";
import { cancelVideo } from "@/lib/videos/library";

export const POST = authedRoute(async (_req, ctx, p) => cancelVideo(ctx, p.id));
