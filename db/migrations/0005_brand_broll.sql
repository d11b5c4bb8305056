CREATE TABLE "brand_kits" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"kit" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "broll_cache" (
	"workspace_id" uuid NOT NULL,
	"cache_key" text NOT NULL,
	"key" text NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"cost_cents" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broll_cache_workspace_id_cache_key_pk" PRIMARY KEY("workspace_id","cache_key")
);
--> statement-breakpoint
CREATE TABLE "broll_clips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"video_id" uuid NOT NULL,
	"scene_id" text NOT NULL,
	"prompt" text NOT NULL,
	"aspect" text NOT NULL,
	"child_video_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"key" text,
	"cached" boolean DEFAULT false NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compose_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"ai_broll" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brand_kits" ADD CONSTRAINT "brand_kits_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broll_cache" ADD CONSTRAINT "broll_cache_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broll_clips" ADD CONSTRAINT "broll_clips_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broll_clips" ADD CONSTRAINT "broll_clips_video_id_video_generations_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."video_generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broll_clips" ADD CONSTRAINT "broll_clips_child_video_id_video_generations_id_fk" FOREIGN KEY ("child_video_id") REFERENCES "public"."video_generations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compose_settings" ADD CONSTRAINT "compose_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "broll_clips_video_scene_key" ON "broll_clips" USING btree ("video_id","scene_id");--> statement-breakpoint
CREATE INDEX "broll_clips_child_idx" ON "broll_clips" USING btree ("child_video_id");--> statement-breakpoint
CREATE INDEX "broll_clips_ws_idx" ON "broll_clips" USING btree ("workspace_id");