/**
 * Every route module under /api/v1, for the OpenAPI document and the tests that walk them.
 * routes.test.ts fails when a route file on disk is missing here, so a new route cannot stay
 * undocumented or untested for tenancy.
 */
import * as r_analytics from "./analytics/route";
import * as r_analytics_export from "./analytics/export/route";
import * as r_api_keys_id from "./api-keys/[id]/route";
import * as r_api_keys from "./api-keys/route";
import * as r_avatars from "./avatars/route";
import * as r_batches_id from "./batches/[id]/route";
import * as r_batches from "./batches/route";
import * as r_budget_alerts from "./budget-alerts/route";
import * as r_budget from "./budget/route";
import * as r_brand from "./brand/route";
import * as r_campaigns_id_pause from "./campaigns/[id]/pause/route";
import * as r_campaigns_id_resume from "./campaigns/[id]/resume/route";
import * as r_campaigns_id from "./campaigns/[id]/route";
import * as r_campaigns_id_run from "./campaigns/[id]/run/route";
import * as r_campaigns_preview from "./campaigns/preview/route";
import * as r_campaigns from "./campaigns/route";
import * as r_estimate from "./estimate/route";
import * as r_me from "./me/route";
import * as r_members_id from "./members/[id]/route";
import * as r_members_invites_id_resend from "./members/invites/[id]/resend/route";
import * as r_members_invites_id from "./members/invites/[id]/route";
import * as r_members from "./members/route";
import * as r_providers_id from "./providers/[id]/route";
import * as r_providers_id_test from "./providers/[id]/test/route";
import * as r_providers from "./providers/route";
import * as r_publishing_accounts_id_creator_info from "./publishing/accounts/[id]/creator-info/route";
import * as r_publishing_accounts_id from "./publishing/accounts/[id]/route";
import * as r_publishing_accounts from "./publishing/accounts/route";
import * as r_publishing_metrics from "./publishing/metrics/route";
import * as r_publishing_post_kit from "./publishing/post-kit/route";
import * as r_publishing_posts from "./publishing/posts/route";
import * as r_publishing_posts_track from "./publishing/posts/track/route";
import * as r_publishing_roi from "./publishing/roi/route";
import * as r_research_configurations_id from "./research/configurations/[id]/route";
import * as r_research_configurations_id_run from "./research/configurations/[id]/run/route";
import * as r_research_configurations from "./research/configurations/route";
import * as r_research_jobs_id from "./research/jobs/[id]/route";
import * as r_research_jobs_id_script from "./research/jobs/[id]/script/route";
import * as r_research_jobs from "./research/jobs/route";
import * as r_research_rules from "./research/rules/route";
import * as r_share_links_id from "./share-links/[id]/route";
import * as r_storyboards_card_preview from "./storyboards/card-preview/route";
import * as r_storyboards_plan from "./storyboards/plan/route";
import * as r_storyboards_broll_estimate from "./storyboards/broll-estimate/route";
import * as r_templates from "./templates/route";
import * as r_templates_id from "./templates/[id]/route";
import * as r_videos_id_cancel from "./videos/[id]/cancel/route";
import * as r_videos_id from "./videos/[id]/route";
import * as r_videos_id_share from "./videos/[id]/share/route";
import * as r_videos_from_research from "./videos/from-research/route";
import * as r_videos from "./videos/route";
import * as r_webhook_deliveries from "./webhook-deliveries/route";
import * as r_uploads from "./uploads/route";
import * as r_webhooks_id from "./webhooks/[id]/route";
import * as r_webhooks_id_test from "./webhooks/[id]/test/route";
import * as r_webhooks from "./webhooks/route";
import * as r_workspaces_id from "./workspaces/[id]/route";

export const ROUTE_MODULES: Record<string, Record<string, unknown>> = {
  "analytics/route.ts": r_analytics,
  "analytics/export/route.ts": r_analytics_export,
  "api-keys/[id]/route.ts": r_api_keys_id,
  "api-keys/route.ts": r_api_keys,
  "avatars/route.ts": r_avatars,
  "batches/[id]/route.ts": r_batches_id,
  "batches/route.ts": r_batches,
  "budget-alerts/route.ts": r_budget_alerts,
  "budget/route.ts": r_budget,
  "brand/route.ts": r_brand,
  "campaigns/[id]/pause/route.ts": r_campaigns_id_pause,
  "campaigns/[id]/resume/route.ts": r_campaigns_id_resume,
  "campaigns/[id]/route.ts": r_campaigns_id,
  "campaigns/[id]/run/route.ts": r_campaigns_id_run,
  "campaigns/preview/route.ts": r_campaigns_preview,
  "campaigns/route.ts": r_campaigns,
  "estimate/route.ts": r_estimate,
  "me/route.ts": r_me,
  "members/[id]/route.ts": r_members_id,
  "members/invites/[id]/resend/route.ts": r_members_invites_id_resend,
  "members/invites/[id]/route.ts": r_members_invites_id,
  "members/route.ts": r_members,
  "providers/[id]/route.ts": r_providers_id,
  "providers/[id]/test/route.ts": r_providers_id_test,
  "providers/route.ts": r_providers,
  "publishing/accounts/[id]/creator-info/route.ts": r_publishing_accounts_id_creator_info,
  "publishing/accounts/[id]/route.ts": r_publishing_accounts_id,
  "publishing/accounts/route.ts": r_publishing_accounts,
  "publishing/metrics/route.ts": r_publishing_metrics,
  "publishing/post-kit/route.ts": r_publishing_post_kit,
  "publishing/posts/route.ts": r_publishing_posts,
  "publishing/posts/track/route.ts": r_publishing_posts_track,
  "publishing/roi/route.ts": r_publishing_roi,
  "research/configurations/[id]/route.ts": r_research_configurations_id,
  "research/configurations/[id]/run/route.ts": r_research_configurations_id_run,
  "research/configurations/route.ts": r_research_configurations,
  "research/jobs/[id]/route.ts": r_research_jobs_id,
  "research/jobs/[id]/script/route.ts": r_research_jobs_id_script,
  "research/jobs/route.ts": r_research_jobs,
  "research/rules/route.ts": r_research_rules,
  "share-links/[id]/route.ts": r_share_links_id,
  "storyboards/card-preview/route.ts": r_storyboards_card_preview,
  "storyboards/plan/route.ts": r_storyboards_plan,
  "storyboards/broll-estimate/route.ts": r_storyboards_broll_estimate,
  "templates/route.ts": r_templates,
  "templates/[id]/route.ts": r_templates_id,
  "videos/[id]/cancel/route.ts": r_videos_id_cancel,
  "videos/[id]/route.ts": r_videos_id,
  "videos/[id]/share/route.ts": r_videos_id_share,
  "videos/from-research/route.ts": r_videos_from_research,
  "videos/route.ts": r_videos,
  "webhook-deliveries/route.ts": r_webhook_deliveries,
  "uploads/route.ts": r_uploads,
  "webhooks/[id]/route.ts": r_webhooks_id,
  "webhooks/[id]/test/route.ts": r_webhooks_id_test,
  "webhooks/route.ts": r_webhooks,
  "workspaces/[id]/route.ts": r_workspaces_id,
};
